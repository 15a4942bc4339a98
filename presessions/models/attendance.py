"""Attendance: observers' accreditations and their check-ins at the door, the missions'
mailing list, and the trainings and networking event with their registrations."""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import Country, CountryField

from presessions.enums import (
    AccreditationCategory,
    AccreditationStatus,
    EventKind,
    MailingKind,
    RegistrationStatus,
    SubscriberStatus,
)
from presessions.models.calendar import Series
from presessions.models.outbox import OutboundEmail

# The observers who may bring advocacy documents for the missions.
DOCUMENT_CATEGORIES = (AccreditationCategory.CSO, AccreditationCategory.NHRI)


def _new_pass_code() -> str:
    return secrets.token_hex(5).upper()


class Accreditation(models.Model):
    """A request to attend a series as an observer, and the pass it becomes."""

    series = models.ForeignKey(
        Series, on_delete=models.CASCADE, related_name="accreditations", verbose_name=_("series")
    )
    name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("email"))
    category = models.CharField(_("category"), max_length=12, choices=AccreditationCategory.choices)
    organisation = models.CharField(_("organisation or mission"), max_length=200)
    # django-countries' stub types the field as a CharField of str: the attribute reads a
    # Country (values() and values_list() still give its code, which mypy takes for one).
    country: models.CharField[str | Country, Country] = CountryField(_("country"))
    days = models.JSONField(_("days to attend"), default=list)
    media_acknowledged = models.BooleanField(
        _("knows that recording and photography are not permitted"), default=False
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AccreditationStatus.choices,
        default=AccreditationStatus.PENDING,
        db_index=True,
    )
    code = models.CharField(_("pass code"), max_length=16, unique=True, default=_new_pass_code)
    requests = models.PositiveSmallIntegerField(
        _("requests received"), default=1, help_text=_("A repeated request updates this one.")
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["series", "name"]
        verbose_name = _("accreditation")
        verbose_name_plural = _("accreditations")
        constraints = [
            models.UniqueConstraint(fields=["series", "email"], name="one_accreditation_per_person")
        ]
        permissions = [
            ("decide_accreditation", _("Can approve, refuse and revoke accreditations")),
            ("check_pass", _("Can check passes at the door")),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"

    @property
    def is_valid(self) -> bool:
        return self.status == AccreditationStatus.APPROVED

    @property
    def may_bring_documents(self) -> bool:
        """Observers of civil society (CSOs and NHRIs) bring advocacy documents for the
        missions, once their pass is approved."""
        return self.is_valid and self.category in DOCUMENT_CATEGORIES


class CheckIn(models.Model):
    """One entry through the door on a pass, recorded by the staff member who checked it."""

    accreditation = models.ForeignKey(
        Accreditation,
        on_delete=models.CASCADE,
        related_name="check_ins",
        verbose_name=_("accreditation"),
    )
    checked_in_at = models.DateTimeField(_("checked in at"), db_index=True)
    # Door accounts are often made for one series and deleted after it: the entry stays.
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked in by"),
    )

    class Meta:
        ordering = ["accreditation", "checked_in_at"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")

    def __str__(self) -> str:
        return f"{self.accreditation} ({timezone.localtime(self.checked_in_at):%Y-%m-%d %H:%M})"


class Subscriber(models.Model):
    """A diplomat on the missions' mailing list (double opt-in)."""

    email = models.EmailField(_("email"), unique=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    mission = models.CharField(_("Permanent Mission"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=SubscriberStatus.choices,
        default=SubscriberStatus.PENDING,
        db_index=True,
    )
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("subscribed at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)

    class Meta:
        ordering = ["email"]
        verbose_name = _("mailing list subscriber")
        verbose_name_plural = _("mailing list subscribers")

    def __str__(self) -> str:
        return self.email


class Mailing(models.Model):
    """One email of a series sent to the mailing list, the invitation or the programme:
    one of each per series, so that sending again only reaches those not reached yet.

    The programme is kept as it was when the sending started (`programme`, per
    language: only what its public page showed), so that every batch sends the same."""

    series = models.ForeignKey(
        Series, on_delete=models.CASCADE, related_name="mailings", verbose_name=_("series")
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=MailingKind.choices, default=MailingKind.INVITATION
    )
    programme = models.JSONField(_("programme as sent"), default=dict, blank=True, editable=False)
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)

    class Meta:
        verbose_name = _("mailing to the missions")
        verbose_name_plural = _("mailings to the missions")
        constraints = [
            models.UniqueConstraint(fields=["series", "kind"], name="one_mailing_of_each_kind")
        ]

    def __str__(self) -> str:
        return f"{self.series}: {self.get_kind_display()}"


class MailingRecipient(models.Model):
    mailing = models.ForeignKey(
        Mailing, on_delete=models.CASCADE, related_name="recipients", verbose_name=_("mailing")
    )
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="+", verbose_name=_("subscriber")
    )
    email = models.ForeignKey(
        OutboundEmail,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("email"),
    )

    class Meta:
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        constraints = [
            models.UniqueConstraint(fields=["mailing", "subscriber"], name="one_invitation_each")
        ]

    def __str__(self) -> str:
        return str(self.subscriber)


class Event(models.Model):
    """A training or the networking event of a series."""

    series = models.ForeignKey(
        Series, on_delete=models.CASCADE, related_name="events", verbose_name=_("series")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_link = models.URLField(
        _("online link"),
        blank=True,
        help_text=_("Sent only to registered people, by email; never shown on public pages."),
    )
    capacity = models.PositiveIntegerField(_("capacity"))

    class Meta:
        ordering = ["series", "starts_at"]
        verbose_name = _("training or event")
        verbose_name_plural = _("trainings and events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Registration(models.Model):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=12, choices=RegistrationStatus.choices, db_index=True
    )
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)

    class Meta:
        ordering = ["event", "created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["event", "email"], name="one_registration_each")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.event})"
