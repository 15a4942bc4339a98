"""Trainings and the networking event: registration with a waiting list, promotion
when someone cancels, and the reminder the day before.

The cancellation link carries the registration's key signed with the site's secret
(registration_from_token is the one door)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from presessions.enums import RegistrationStatus
from presessions.models import Event, Registration
from presessions.outbox import queue_email
from presessions.signing import make_token, row_from_token

_SALT = "presessions.event-registration"


def cancel_url(registration: Registration) -> str:
    token = make_token(registration.key.hex, salt=_SALT)
    with translation.override(registration.language):
        path = reverse("event-cancel", kwargs={"token": token})
    return f"{settings.SITE_URL}{path}"


def registration_from_token(token: str) -> Registration:
    """The registration a cancellation token belongs to; InvalidLinkError otherwise."""
    return row_from_token(
        Registration.objects.select_related("event__series"), token, salt=_SALT, field="key"
    )


def has_started(event: Event, now: dt.datetime | None = None) -> bool:
    """Registration closes when the event starts."""
    return event.starts_at <= (now or timezone.now())


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
    *,
    event: Event,
    name: str,
    email: str,
    organisation: str = "",
    language: str,
    now: dt.datetime | None = None,
) -> Registration:
    """A seat if one is free, otherwise the waiting list; the same person registering
    again keeps their place. Side effects: the registration; its email (with the
    online link, for a confirmed seat of an online event). Raises ValidationError once
    the event has started, or for a value the database would refuse."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if has_started(event, now):
        raise ValidationError(_("This event has already taken place."), code="started")
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
    if not had_seat:
        return None
    promoted = _promote_waiting(event, seats=1)
    return promoted[0] if promoted else None


@transaction.atomic
def change_capacity(*, event: Event, capacity: int) -> list[Registration]:
    """Set the number of seats. Side effects: the event saved; the seats now free given
    to the first on the waiting list, in order, each told by email. Fewer seats than
    are taken cancel nobody. Returns the promoted registrations.
    Raises ValidationError for a capacity the database would refuse."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    event.capacity = capacity
    event.clean_fields()
    event.save(update_fields=["capacity"])
    return _promote_waiting(event)


def _promote_waiting(event: Event, seats: int | None = None) -> list[Registration]:
    """Give the free seats of a locked event (at most `seats` of them) to the first on
    the waiting list, and tell them."""
    free = event.capacity - seats_taken(event)
    if seats is not None:
        free = min(free, seats)
    if free <= 0:
        return []
    promoted = list(
        event.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by(
            "created_at", "pk"
        )[:free]
    )
    for registration in promoted:
        registration.status = RegistrationStatus.CONFIRMED
        registration.save(update_fields=["status"])
        _tell(registration, "event_promoted")
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
