"""The calendar: Working Group sessions, Pre-session series and their meetings, and the
theme taxonomy."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import Country, CountryField

from presessions.countries import UNMemberStates


def in_active_language(row: models.Model, field: str) -> str:
    """A field entered in English with optional `<field>_fr` and `<field>_es`
    translations, read in the active language, English when none was entered."""
    language = (get_language() or "en")[:2]
    translated = getattr(row, f"{field}_{language}", "") if language != "en" else ""
    return translated or getattr(row, field)


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


class SeriesQuerySet(models.QuerySet["Series"]):
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
    venue_fr = models.CharField(
        _("venue (French)"), max_length=200, blank=True, help_text=_("English when left empty.")
    )
    venue_es = models.CharField(
        _("venue (Spanish)"), max_length=200, blank=True, help_text=_("English when left empty.")
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    call_opens_at = models.DateTimeField(_("call for applications opens"))
    call_closes_at = models.DateTimeField(_("call for applications closes"))
    statement_deadline = models.DateTimeField(
        _("statements due by"),
        null=True,
        blank=True,
        help_text=_("Speakers upload their statements before it."),
    )
    panel_size = models.PositiveSmallIntegerField(
        _("speakers per panel (K)"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    # Applicants beyond it are told at once that they were not selected, with the offer of
    # observer accreditation and the trainings, instead of waiting for a seat in vain.
    waitlist_length = models.PositiveSmallIntegerField(
        _("places on each country's waitlist"),
        default=2,
        validators=[MinValueValidator(0), MaxValueValidator(20)],
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

    @property
    def venue_label(self) -> str:
        """The venue in the active language, English when no translation was entered."""
        return in_active_language(self, "venue")


class PreSession(models.Model):
    """The meeting on one State under Review within a series."""

    series = models.ForeignKey(
        Series, on_delete=models.CASCADE, related_name="presessions", verbose_name=_("series")
    )
    # django-countries' stub types the field as a CharField of str: the attribute reads a
    # Country (values() and values_list() still give its code, which mypy takes for one).
    country: models.CharField[str | Country, Country] = CountryField(
        countries=UNMemberStates, verbose_name=_("State under Review")
    )
    review_order = models.PositiveSmallIntegerField(
        _("place in the Working Group's review order"),
        help_text=_("1 for the first State reviewed at the Working Group session."),
    )
    mission_email = models.EmailField(
        _("email of the State's Permanent Mission"),
        blank=True,
        help_text=_("When known, the Mission is invited to its country's meeting."),
    )
    mission_language = models.CharField(
        _("language of the Permanent Mission"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The Mission's invitation is written in this language."),
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
        return in_active_language(self, "name")
