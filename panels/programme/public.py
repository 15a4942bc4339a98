"""The one door through which the public reads the programme: its page, its print view
and its iCalendar feeds.

A speaker appears only once selected, confirmed and still standing (not withdrawn), and
is named as they consented: a speaker who fears reprisals and did not agree, when
confirming, to be named appears as "an organisation from" their country. A meeting whose
speakers have not confirmed yet is shown with its slot, its speakers "to be confirmed".
Nothing else about the panel (who was invited, who declined, who waits) is read here.
Each meeting lists the observers' documents approved for it, through the door of
`panels.programme.documents`.
Every read is a fixed number of queries, and returns the frozen dataclasses below, never
model rows, so that a template cannot reach what the public may not see.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_countries import countries
from django_countries.fields import Country

from applications.enums import ApplicationStatus
from applications.models import Application
from panels.enums import Outcome, Response, TimetableStatus
from panels.models import Meeting, Placement
from panels.programme.documents import PublicDocument, public_documents
from panels.programme.interpretation import Interpretation, Speaker, interpretation_for
from panels.programme.queries import speaker_languages
from panels.selection.reasons import interpretation_labels
from presessions.compiled_reads import CompiledRead
from presessions.models import Series

# The meetings are held in Geneva: the programme is in its time, whatever the server's.
GENEVA = ZoneInfo("Europe/Zurich")


@dataclass(frozen=True)
class ProgrammeSeries:
    number: int
    title: str
    starts_on: dt.date
    ends_on: dt.date
    venue: str  # in the reader's language

    def __str__(self) -> str:
        return self.title

    @property
    def venue_label(self) -> str:
        """As Series.venue_label, for the templates that show either."""
        return self.venue


@dataclass(frozen=True)
class ProgrammeMeeting:
    country: Country
    start: dt.datetime  # Geneva time
    end: dt.datetime
    room: str
    organisations: tuple[str, ...]  # as each confirmed speaker consented to be named
    interpretation: Interpretation  # for the confirmed speakers
    # The observers' approved documents for the missions (panels.programme.documents).
    documents: tuple[PublicDocument, ...] = ()

    @property
    def alpha3(self) -> str:
        return self.country.alpha3

    @property
    def speakers_to_be_confirmed(self) -> bool:
        return not self.organisations

    @property
    def interpreted_into_english(self) -> list[str]:
        """The languages interpreted into English, in the reader's language."""
        return interpretation_labels(self.interpretation)


@dataclass(frozen=True)
class ProgrammeDay:
    date: dt.date
    meetings: tuple[ProgrammeMeeting, ...]


@dataclass(frozen=True)
class Programme:
    series: ProgrammeSeries
    days: tuple[ProgrammeDay, ...]

    @property
    def is_published(self) -> bool:
        return bool(self.days)

    @property
    def meetings(self) -> tuple[ProgrammeMeeting, ...]:
        return tuple(meeting for day in self.days for meeting in day.meetings)

    def meeting_of(self, alpha3: str) -> ProgrammeMeeting | None:
        """The published meeting on one State under Review, by its alpha-3 code."""
        return next((m for m in self.meetings if m.alpha3 == alpha3.upper()), None)


def _public_organisation(
    name: str, country_code: str, fears_reprisals: bool, may_name_publicly: bool
) -> str:
    if fears_reprisals and not may_name_publicly:
        return _("An organisation from %(country)s") % {"country": countries.name(country_code)}
    return name


def _room_label(english: str, french: str, spanish: str) -> str:
    """A published room's name in the reader's language, English when untranslated."""
    language = (get_language() or "en")[:2]
    return {"fr": french, "es": spanish}.get(language, "") or english


# The confirmed speakers of a series' Pre-sessions, in the order they applied.
_CONFIRMED_SPEAKERS = CompiledRead(
    lambda series_id: (
        Placement.objects.filter(
            panel__presession__series=series_id,
            outcome=Outcome.SELECTED,
            response=Response.CONFIRMED,
            application__status=ApplicationStatus.SUBMITTED,
        )
        .order_by("application__submitted_at", "pk")
        .values_list(
            "panel__presession_id",
            "application__organisation_name",
            "application__organisation_country",
            "application__has_safety_concerns",
            "may_name_publicly",
            "application__speaker_languages",
            "application__needs_interpretation",
            "application__interpretation_details",
        )
    )
)


def _confirmed_speakers(series_id: int) -> dict[int, list[tuple[str, Speaker]]]:
    """For each Pre-session of a series, its confirmed speakers' public labels and
    languages, in the order they applied: one query, and no row of a speaker who has not
    confirmed."""
    speakers: defaultdict[int, list[tuple[str, Speaker]]] = defaultdict(list)
    for presession_id, name, country, fears, may_name, *languages in _CONFIRMED_SPEAKERS.rows(
        series_id
    ):
        label = _public_organisation(name, country, fears, may_name)
        speakers[presession_id].append((label, speaker_languages(*languages)))
    return speakers


def _series(series: Series) -> ProgrammeSeries:
    return ProgrammeSeries(
        number=series.number,
        title=str(series),
        starts_on=series.starts_on,
        ends_on=series.ends_on,
        venue=series.venue_label,
    )


def find_series(number: int) -> Series | None:
    return Series.objects.select_related("session").filter(session__number=number).first()


# The published meetings of a series, in the programme's order.
_MEETINGS = CompiledRead(
    lambda series_id: Meeting.objects.filter(
        timetable__series=series_id, published_start__isnull=False
    )
    .order_by("published_start", "published_room", "pk")
    .values_list("presession_id", "presession__country", "published_start",
                 "published_end", "published_room", "published_room_fr", "published_room_es")
)  # fmt: skip


def programme_of(series: Series) -> Programme:
    """The published programme of a series (no days before publication): three queries
    after the series, whatever the number of meetings, speakers and documents, each
    compiled once per process (presessions.compiled_reads)."""
    meetings = _MEETINGS.rows(series.pk)
    speakers = _confirmed_speakers(series.pk) if meetings else {}
    brought = public_documents(series.pk) if meetings else {}
    items = []
    for presession_id, country, start, end, *room in meetings:
        assert start is not None and end is not None  # a published meeting has both
        confirmed = speakers.get(presession_id, [])
        items.append(
            ProgrammeMeeting(
                country=Country(country),
                start=start.astimezone(GENEVA),
                end=end.astimezone(GENEVA),
                room=_room_label(*room),
                organisations=tuple(label for label, _languages in confirmed),
                interpretation=interpretation_for([languages for _label, languages in confirmed]),
                documents=brought.get(presession_id, ()),
            )
        )
    days = tuple(
        ProgrammeDay(date=date, meetings=tuple(group))
        for date, group in itertools.groupby(items, key=lambda m: m.start.date())
    )
    return Programme(series=_series(series), days=days)


@dataclass(frozen=True)
class MeetingSlot:
    """When and where one Pre-session meets, as published (Geneva time)."""

    start: dt.datetime
    end: dt.datetime
    room: str


def published_slot(presession_id: int) -> MeetingSlot | None:
    """The published slot of one Pre-session's meeting, for its speakers; None before the
    programme is published. One query."""
    row = (
        Meeting.objects.filter(presession_id=presession_id, published_start__isnull=False)
        .values_list(
            "published_start", "published_end", "published_room", "published_room_fr",
            "published_room_es",
        )
        .first()
    )  # fmt: skip
    if row is None:
        return None
    start, end, *room = row
    assert start is not None and end is not None  # a published meeting has both
    return MeetingSlot(
        start=start.astimezone(GENEVA), end=end.astimezone(GENEVA), room=_room_label(*room)
    )


def speaker_slot(application: Application, placement: Placement | None) -> MeetingSlot | None:
    """The slot a speaker reads on their private page: only a speaker who confirmed and
    still stands is told where and when they speak."""
    if placement is None or not placement.has_confirmed or application.is_withdrawn:
        return None
    return published_slot(application.presession_id)


def programme_is_published(series: Series) -> bool:
    """Whether the programme of a series is published (the series page links to it)."""
    return Series.objects.filter(pk=series.pk, timetable__status=TimetableStatus.PUBLISHED).exists()
