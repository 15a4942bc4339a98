"""The calendar side: Working Group sessions, Pre-session series and their meetings;
the theme taxonomy; and the record of every email the application sends."""

from __future__ import annotations

import datetime as dt
import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from .countries import UNMemberStates
from .enums import (
    AccreditationCategory,
    AccreditationStatus,
    EmailStatus,
    EventKind,
    RegistrationStatus,
    SubscriberStatus,
)


class WorkingGroupSession(models.Model):
    """A numbered session of the UPR Working Group, held in Geneva."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))

    class Meta:
        ordering = ["-number"]
        verbose_name = _("UPR Working Group session")
        verbose_name_plural = _("UPR Working Group sessions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="wg_session_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return _("UPR Working Group, session %(number)s") % {"number": self.number}


class SeriesQuerySet(models.QuerySet):
    def with_open_call(self, now: dt.datetime | None = None) -> SeriesQuerySet:
        now = now or timezone.now()
        return self.filter(call_opens_at__lte=now, call_closes_at__gt=now)


class Series(models.Model):
    """The Pre-session series held about a month before a Working Group session."""

    session = models.OneToOneField(
        WorkingGroupSession,
        on_delete=models.PROTECT,
        related_name="series",
        verbose_name=_("Working Group session"),
    )
    venue = models.CharField(_("venue"), max_length=200, default="Palais des Nations, Geneva")
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    call_opens_at = models.DateTimeField(_("call for applications opens"))
    call_closes_at = models.DateTimeField(_("call for applications closes"))
    panel_size = models.PositiveSmallIntegerField(
        _("speakers per panel (K)"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    # Selection weights (PRODUCT.md, "Selection criteria"); configurable per series.
    weight_local_scope = models.PositiveSmallIntegerField(
        _("points for a grassroots or national organisation"), default=4
    )
    weight_coalition = models.PositiveSmallIntegerField(
        _("points for a national coalition"), default=3
    )
    weight_upr_report = models.PositiveSmallIntegerField(
        _("points for a submitted UPR report"), default=2
    )
    weight_theme = models.PositiveSmallIntegerField(
        _("points per distinct main theme on a panel"), default=2
    )
    support_budget = models.DecimalField(
        _("budget for financial support (CHF)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
    )
    personal_data_erased_at = models.DateTimeField(
        _("personal data erased at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The personal data of its applicants, speakers and guests were erased."),
    )

    objects = SeriesQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("Pre-session series")
        verbose_name_plural = _("Pre-session series")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="series_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(call_closes_at__gt=models.F("call_opens_at")),
                name="series_call_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return _("Pre-sessions %(number)s") % {"number": self.number}

    def get_absolute_url(self) -> str:
        return reverse("series-detail", kwargs={"number": self.number})

    def clean(self) -> None:
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The last day cannot be before the first day.")
        if self.call_opens_at and self.call_closes_at and self.call_closes_at <= self.call_opens_at:
            errors["call_closes_at"] = _("The call must close after it opens.")
        if errors:
            raise ValidationError(errors)

    @property
    def number(self) -> int:
        return self.session.number

    def call_is_open(self, now: dt.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.call_opens_at <= now < self.call_closes_at


class PreSession(models.Model):
    """The meeting on one State under Review within a series."""

    series = models.ForeignKey(
        Series, on_delete=models.CASCADE, related_name="presessions", verbose_name=_("series")
    )
    country = CountryField(countries=UNMemberStates, verbose_name=_("State under Review"))
    review_order = models.PositiveSmallIntegerField(
        _("place in the Working Group's review order"),
        help_text=_("1 for the first State reviewed at the Working Group session."),
    )
    mission_email = models.EmailField(
        _("email of the State's Permanent Mission"),
        blank=True,
        help_text=_("When known, the Mission is invited to its country's meeting."),
    )

    class Meta:
        ordering = ["series", "review_order"]
        verbose_name = _("Pre-session")
        verbose_name_plural = _("Pre-sessions")
        constraints = [
            models.UniqueConstraint(fields=["series", "country"], name="one_presession_per_state"),
            models.UniqueConstraint(
                fields=["series", "review_order"], name="one_state_per_review_place"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.series}: {self.country.name}"

    @property
    def code(self) -> str:
        """The human code of this meeting, such as PS49-KEN."""
        return f"PS{self.series.number}-{self.country.alpha3}"


class Theme(models.Model):
    """One human rights theme of the taxonomy (from the UPR Info list); staff edit it."""

    name = models.CharField(_("name (English)"), max_length=120, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=120, blank=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=120, blank=True)
    is_active = models.BooleanField(
        _("offered to applicants"),
        default=True,
        help_text=_("Retired themes stay on past applications but are no longer offered."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("human rights theme")
        verbose_name_plural = _("human rights themes")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name in the active language, English when no translation was entered."""
        language = (get_language() or "en")[:2]
        return getattr(self, f"name_{language}", "") or self.name


class OutboundEmail(models.Model):
    """One email, recorded before it is sent, so that none is ever lost.

    Rendered once, in the recipient's language, when it is queued; sent by
    presessions.tasks.task_send_email; staff can see and resend it in the admin.
    """

    to = models.EmailField(_("recipient"))
    kind = models.CharField(_("kind"), max_length=60, db_index=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=255)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    headers = models.JSONField(_("extra headers"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("email")
        verbose_name_plural = _("emails")
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"


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
    country = CountryField(_("country"))
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
    """The invitation of a series sent to the mailing list: one per series, so that
    sending again only reaches those not reached yet."""

    series = models.OneToOneField(
        Series, on_delete=models.CASCADE, related_name="mailing", verbose_name=_("series")
    )
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)

    class Meta:
        verbose_name = _("invitation to the mailing list")
        verbose_name_plural = _("invitations to the mailing list")

    def __str__(self) -> str:
        return str(self.series)


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
