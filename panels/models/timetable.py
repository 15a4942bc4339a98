"""The timetable of a series: its days, rooms and meetings, and what was published."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from panels.enums import TimetableStatus
from presessions.models import PreSession, Series
from presessions.models.calendar import in_active_language


class Timetable(models.Model):
    series = models.OneToOneField(
        Series, on_delete=models.CASCADE, related_name="timetable", verbose_name=_("series")
    )
    gap_minutes = models.PositiveSmallIntegerField(
        _("changeover between meetings (minutes)"), default=10
    )
    status = models.CharField(
        _("status"), max_length=10, choices=TimetableStatus.choices, default=TimetableStatus.DRAFT
    )
    generated_at = models.DateTimeField(_("generated at"), null=True, blank=True)
    # Generation runs in a worker (with several rooms the exact search can take minutes).
    is_generating = models.BooleanField(_("being generated"), default=False)
    generation_requested_at = models.DateTimeField(null=True, blank=True, editable=False)
    generation_problem = models.TextField(_("why it could not be generated"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("timetable")
        verbose_name_plural = _("timetables")
        permissions = [("publish_programme", _("Can generate and publish the programme"))]

    def __str__(self) -> str:
        return _("Timetable of %(series)s") % {"series": self.series}

    @property
    def is_published(self) -> bool:
        return self.status == TimetableStatus.PUBLISHED


class TimetableDay(models.Model):
    timetable = models.ForeignKey(
        Timetable, on_delete=models.CASCADE, related_name="days", verbose_name=_("timetable")
    )
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("morning starts"), default=dt.time(10, 0))
    ends_at = models.TimeField(_("morning ends"), default=dt.time(13, 0))

    class Meta:
        ordering = ["timetable", "date"]
        verbose_name = _("day")
        verbose_name_plural = _("days")
        constraints = [
            models.UniqueConstraint(fields=["timetable", "date"], name="one_window_per_day"),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="window_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.starts_at:%H:%M}-{self.ends_at:%H:%M}"


class Room(models.Model):
    timetable = models.ForeignKey(
        Timetable, on_delete=models.CASCADE, related_name="rooms", verbose_name=_("timetable")
    )
    name = models.CharField(_("name"), max_length=100)
    name_fr = models.CharField(
        _("name (French)"), max_length=100, blank=True, help_text=_("English when left empty.")
    )
    name_es = models.CharField(
        _("name (Spanish)"), max_length=100, blank=True, help_text=_("English when left empty.")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["timetable", "position", "pk"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        constraints = [
            models.UniqueConstraint(fields=["timetable", "name"], name="room_names_differ")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """The name in the active language, English when no translation was entered."""
        return in_active_language(self, "name")


class Meeting(models.Model):
    """The Pre-session of one State under Review in the timetable."""

    timetable = models.ForeignKey(
        Timetable, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("timetable")
    )
    presession = models.OneToOneField(
        PreSession, on_delete=models.CASCADE, related_name="meeting", verbose_name=_("Pre-session")
    )
    day = models.ForeignKey(
        TimetableDay,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("day"),
    )
    room = models.ForeignKey(
        Room,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("room"),
    )
    starts_at = models.TimeField(_("starts at"), null=True, blank=True)
    ends_at = models.TimeField(_("ends at"), null=True, blank=True)
    is_pinned = models.BooleanField(
        _("pinned"), default=False, help_text=_("Kept where it is when the timetable is generated.")
    )
    unavailable_days = models.ManyToManyField(
        TimetableDay,
        blank=True,
        related_name="+",
        verbose_name=_("days this country cannot use"),
    )
    # What the published programme said, to tell the speakers when it changes.
    published_start = models.DateTimeField(null=True, blank=True, editable=False)
    published_end = models.DateTimeField(null=True, blank=True, editable=False)
    published_room = models.CharField(max_length=100, blank=True, editable=False)
    published_room_fr = models.CharField(max_length=100, blank=True, editable=False)
    published_room_es = models.CharField(max_length=100, blank=True, editable=False)
    # The slot the State's Permanent Mission was invited to, so it is told once per change.
    mission_invited_start = models.DateTimeField(null=True, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["timetable", "day__date", "starts_at", "room__position"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return str(self.presession)

    @property
    def published_room_label(self) -> str:
        """The published room's name in the active language (English when untranslated)."""
        return in_active_language(self, "published_room")

    @property
    def is_scheduled(self) -> bool:
        return bool(self.day_id and self.room_id and self.starts_at and self.ends_at)

    @property
    def start(self) -> dt.datetime | None:
        if not self.is_scheduled or self.day is None or self.starts_at is None:
            return None
        return timezone.make_aware(dt.datetime.combine(self.day.date, self.starts_at))

    @property
    def end(self) -> dt.datetime | None:
        if not self.is_scheduled or self.day is None or self.ends_at is None:
            return None
        return timezone.make_aware(dt.datetime.combine(self.day.date, self.ends_at))
