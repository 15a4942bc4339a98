"""Trainings and the networking event: registration with a waiting list, promotion
when someone cancels, and the reminder the day before.

The cancellation link carries the registration's key signed with the site's secret
(registration_from_token is the one door)."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from presessions.enums import RegistrationStatus
from presessions.models import Event, Registration
from presessions.outbox import queue_email

_SALT = "presessions.event-registration"


class InvalidLinkError(Exception):
    pass


def cancel_url(registration: Registration) -> str:
    token = signing.Signer(salt=_SALT).sign(registration.key.hex)
    with translation.override(registration.language):
        path = reverse("event-cancel", kwargs={"token": token})
    return f"{settings.SITE_URL}{path}"


def registration_from_token(token: str) -> Registration:
    try:
        key = uuid.UUID(hex=signing.Signer(salt=_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        raise InvalidLinkError from None
    registration = Registration.objects.select_related("event__series").filter(key=key).first()
    if registration is None:
        raise InvalidLinkError
    return registration


def seats_taken(event: Event) -> int:
    return event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()


def _tell(registration: Registration, template: str) -> None:
    queue_email(
        to=registration.email,
        template=template,
        context={
            "registration": registration,
            "event": registration.event,
            "cancel_url": cancel_url(registration),
        },
        language=registration.language,
    )


@transaction.atomic
def register(
    *, event: Event, name: str, email: str, organisation: str = "", language: str
) -> Registration:
    """A seat if one is free, otherwise the waiting list; the same person registering
    again keeps their place. Side effects: the registration; its email (with the
    online link, for a confirmed seat of an online event)."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    email = email.strip().lower()
    # What the database would refuse (a value longer than its column) is refused here.
    Registration(
        event=event, name=name, email=email, organisation=organisation, language=language
    ).clean_fields(exclude=["status"])
    registration = Registration.objects.filter(event=event, email=email).first()
    if registration is not None and registration.status != RegistrationStatus.CANCELLED:
        _tell(registration, _template(registration))
        return registration
    status = (
        RegistrationStatus.CONFIRMED
        if seats_taken(event) < event.capacity
        else RegistrationStatus.WAITLISTED
    )
    if registration is None:
        registration = Registration.objects.create(
            event=event, name=name, email=email, organisation=organisation,
            language=language, status=status,
        )  # fmt: skip
    else:
        registration.status, registration.cancelled_at = status, None
        registration.name, registration.organisation = name, organisation
        registration.language = language
        registration.save()
    _tell(registration, _template(registration))
    return registration


def _template(registration: Registration) -> str:
    if registration.status == RegistrationStatus.CONFIRMED:
        return "event_confirmed"
    return "event_waitlisted"


@transaction.atomic
def cancel(*, registration: Registration, now: dt.datetime | None = None) -> Registration | None:
    """Cancel through the link. Side effects: the seat freed and given to the first on
    the waiting list, who is told. Returns the promoted registration, if any."""
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.get(pk=registration.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        return None
    had_seat = registration.status == RegistrationStatus.CONFIRMED
    registration.status, registration.cancelled_at = (
        RegistrationStatus.CANCELLED, now or timezone.now()
    )  # fmt: skip
    registration.save(update_fields=["status", "cancelled_at"])
    if not had_seat or seats_taken(event) >= event.capacity:
        return None
    promoted = (
        event.registrations.filter(status=RegistrationStatus.WAITLISTED)
        .order_by("created_at", "pk")
        .first()
    )
    if promoted is not None:
        promoted.status = RegistrationStatus.CONFIRMED
        promoted.save(update_fields=["status"])
        _tell(promoted, "event_promoted")
    return promoted


@transaction.atomic
def send_reminders(*, now: dt.datetime | None = None) -> int:
    """Remind, once, everyone with a seat at an event that takes place tomorrow
    (Geneva time). Side effects: the reminder emails; reminded_at set."""
    now = now or timezone.now()
    tomorrow = timezone.localtime(now).date() + dt.timedelta(days=1)
    start = timezone.make_aware(dt.datetime.combine(tomorrow, dt.time.min))
    due = list(
        Registration.objects.select_for_update()
        .select_related("event__series")
        .filter(
            status=RegistrationStatus.CONFIRMED,
            reminded_at__isnull=True,
            event__starts_at__gte=start,
            event__starts_at__lt=start + dt.timedelta(days=1),
        )
    )
    for registration in due:
        _tell(registration, "event_reminder")
        registration.reminded_at = now
        registration.save(update_fields=["reminded_at"])
    return len(due)
