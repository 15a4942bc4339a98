"""The read behind the series page: where a series stands, and one row per country.

A fixed number of queries whatever the number of countries: the series, its countries
with their applications counted (and their panel and meeting joined), the placements
counted per country, the active speakers' gender, theme and languages, and the
statements."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Min, Q
from django.utils import timezone

from applications.enums import ApplicationStatus, Gender, Language, Scope
from panels.enums import Outcome, PanelStatus, Response
from panels.models import Placement, Statement
from panels.programme.interpretation import Speaker, interpretation_for
from panels.programme.queries import speaker_languages
from panels.selection.reasons import describe_interpretation
from panels.series_page.stages import (
    NEXT_STEP,
    SeriesFacts,
    Stage,
    StepKind,
    possible_steps,
    stage_of,
)
from presessions.models import PreSession, Series

_ELIGIBLE = Q(applications__status=ApplicationStatus.SUBMITTED, applications__is_ineligible=False)
# Invited to speak, and no answer yet.
_AWAITING = Q(
    outcome=Outcome.SELECTED, notified_outcome=Outcome.SELECTED, response=Response.PENDING
)


@dataclass(frozen=True)
class Tally:
    """One value of a choice (a scope, a gender) and how many have it."""

    value: str
    label: str
    count: int


@dataclass(frozen=True)
class MeetingSlot:
    meeting_id: int
    date: dt.date | None
    starts_at: dt.time | None
    ends_at: dt.time | None
    room: str
    is_published: bool  # the programme shows this slot


@dataclass(frozen=True)
class CountryRow:
    presession_id: int
    country: str
    code: str
    # Applications
    received: int
    withdrawn: int
    eligible: int
    rated: int
    by_scope: tuple[Tally, ...]  # of the eligible ones
    by_gender: tuple[Tally, ...]  # of the eligible ones' speakers
    # The panel
    panel_id: int | None
    panel_status: str  # "" (none yet), draft or confirmed
    is_suggested: bool
    speakers: int  # selected and not declined
    speaker_genders: tuple[Tally, ...]
    themes: int  # distinct main themes among the speakers
    languages: tuple[str, ...]  # the speakers' languages, by name
    interpretation: str
    waitlisted: int
    outcomes_to_send: int
    # The speakers' answers
    confirmed: int
    declined: int
    awaiting: int
    awaiting_since: dt.datetime | None  # the oldest invitation without an answer
    # The programme and the statements
    meeting: MeetingSlot | None
    statements_received: int
    statements_published: int


@dataclass(frozen=True)
class SeriesOverview:
    series_id: int
    title: str
    call_closes_at: dt.datetime
    starts_on: dt.date
    ends_on: dt.date
    timetable_id: int | None
    is_generating: bool
    generation_problem: str
    stage: Stage
    steps: tuple[StepKind, ...]  # possible now, the next one first
    facts: SeriesFacts
    countries: tuple[CountryRow, ...]

    @property
    def next_step(self) -> StepKind | None:
        following = NEXT_STEP.get(self.stage)
        return following if following in self.steps else None


def _tallies(choices, counts: dict[str, int]) -> tuple[Tally, ...]:
    return tuple(Tally(value, str(label), counts.get(value, 0)) for value, label in choices)


def series_overview(series_id: int, *, now: dt.datetime | None = None) -> SeriesOverview:
    """Where the series stands. Raises Series.DoesNotExist for an unknown id."""
    now = now or timezone.now()
    series = Series.objects.select_related("session", "timetable").get(pk=series_id)
    table = getattr(series, "timetable", None)
    scope_counts = {
        f"scope_{value}": Count("applications", filter=_ELIGIBLE & Q(applications__scope=value))
        for value in Scope.values
    }
    gender_counts = {
        f"gender_{value}": Count(
            "applications", filter=_ELIGIBLE & Q(applications__speaker_gender=value)
        )
        for value in Gender.values
    }
    presessions = list(
        PreSession.objects.filter(series=series)
        .select_related("series__session", "panel", "meeting__day", "meeting__room")
        .annotate(
            received=Count("applications"),
            withdrawn=Count(
                "applications", filter=Q(applications__status=ApplicationStatus.WITHDRAWN)
            ),
            eligible=Count("applications", filter=_ELIGIBLE),
            rated=Count("applications", filter=_ELIGIBLE & Q(applications__rating__isnull=False)),
            **scope_counts,
            **gender_counts,
        )
        .order_by("review_order")
    )
    placements = {
        row["panel__presession_id"]: row
        for row in Placement.objects.filter(panel__presession__series=series)
        .values("panel__presession_id")
        .annotate(
            total=Count("pk"),
            waitlisted=Count("pk", filter=Q(outcome=Outcome.WAITLISTED)),
            to_send=Count(
                "pk",
                filter=~Q(notified_outcome=F("outcome"))
                & Q(application__status=ApplicationStatus.SUBMITTED),
            ),
            confirmed=Count("pk", filter=Q(outcome=Outcome.SELECTED, response=Response.CONFIRMED)),
            declined=Count("pk", filter=Q(outcome=Outcome.SELECTED, response=Response.DECLINED)),
            awaiting=Count("pk", filter=_AWAITING),
            awaiting_since=Min("notified_at", filter=_AWAITING),
        )
        .order_by()
    }
    speakers: dict[int, list[tuple[str, int, Speaker]]] = defaultdict(list)
    for presession_id, gender, theme_id, *languages in (
        Placement.objects.active_speakers()
        .filter(panel__presession__series=series)
        .values_list(
            "panel__presession_id",
            "application__speaker_gender",
            "application__main_theme_id",
            "application__speaker_languages",
            "application__needs_interpretation",
            "application__interpretation_details",
        )
        .order_by()
    ):
        speakers[presession_id].append((gender, theme_id, speaker_languages(*languages)))
    statements: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    to_publish: list[int] = []
    for pk, presession_id, published_at, shares_anything in (
        Statement.objects.filter(presession__series=series)
        .values_list("pk", "presession_id", "published_at", "shares_anything")
        .order_by("pk")
    ):
        statements[presession_id][0] += 1
        if published_at is not None:
            statements[presession_id][1] += 1
        elif shares_anything:
            to_publish.append(pk)

    rows = [
        _row(p, placements.get(p.pk, {}), speakers.get(p.pk, []), statements[p.pk])
        for p in presessions
    ]
    candidates = [row for row in rows if row.eligible]
    meetings = [row.meeting for row in rows if row.meeting is not None]
    changed = any(
        (m.published_start, m.published_room) != (m.start, m.room.name if m.room else "")
        for p in presessions
        if (m := getattr(p, "meeting", None)) is not None
    )
    facts = SeriesFacts(
        call_is_open=now < series.call_closes_at,
        countries_with_candidates=len(candidates),
        countries_without_suggestion=sum(1 for row in candidates if not row.is_suggested),
        draft_panels=tuple(
            row.panel_id
            for row in candidates
            if row.panel_id is not None and row.panel_status == PanelStatus.DRAFT
        ),
        confirmed_panels_with_unsent=tuple(
            row.panel_id
            for row in rows
            if row.panel_id is not None
            and row.panel_status == PanelStatus.CONFIRMED
            and row.outcomes_to_send
        ),
        countries_without_meeting=sum(1 for row in rows if row.speakers and row.meeting is None),
        timetable_id=table.pk if table else None,
        meetings=len(meetings),
        unscheduled_meetings=sum(1 for m in meetings if not (m.date and m.starts_at and m.room)),
        is_generating=bool(table and table.is_generating),
        is_published=bool(table and table.is_published),
        changed_since_published=changed,
        series_is_over=series.ends_on < timezone.localdate(now),
        statements_published=sum(published for _received, published in statements.values()),
        statements_to_publish=tuple(to_publish),
    )
    stage = stage_of(facts)
    return SeriesOverview(
        series_id=series.pk,
        title=str(series),
        call_closes_at=series.call_closes_at,
        starts_on=series.starts_on,
        ends_on=series.ends_on,
        timetable_id=facts.timetable_id,
        is_generating=facts.is_generating,
        generation_problem=table.generation_problem if table else "",
        stage=stage,
        steps=tuple(possible_steps(facts, stage)),
        facts=facts,
        countries=tuple(rows),
    )


def _row(
    presession, placements: Mapping[str, Any], speakers: list, statements: list[int]
) -> CountryRow:
    panel = getattr(presession, "panel", None)
    meeting = getattr(presession, "meeting", None)
    genders: dict[str, int] = defaultdict(int)
    spoken: set[str] = set()
    for gender, _theme, speaker in speakers:
        genders[gender] += 1
        spoken.update(speaker.uses)
    language_names = dict(Language.choices)
    return CountryRow(
        presession_id=presession.pk,
        country=str(presession.country.name),
        code=presession.code,
        received=presession.received,
        withdrawn=presession.withdrawn,
        eligible=presession.eligible,
        rated=presession.rated,
        by_scope=_tallies(
            Scope.choices, {v: getattr(presession, f"scope_{v}") for v in Scope.values}
        ),
        by_gender=_tallies(
            Gender.choices, {v: getattr(presession, f"gender_{v}") for v in Gender.values}
        ),
        panel_id=panel.pk if panel else None,
        panel_status=panel.status if panel else "",
        is_suggested=bool(panel and placements.get("total")),
        speakers=len(speakers),
        speaker_genders=_tallies(Gender.choices, genders),
        themes=len({theme for _gender, theme, _languages in speakers}),
        languages=tuple(str(language_names[code]) for code in Language.values if code in spoken),
        interpretation=describe_interpretation(
            interpretation_for([speaker for _gender, _theme, speaker in speakers])
        )
        if speakers
        else "",
        waitlisted=placements.get("waitlisted", 0),
        outcomes_to_send=placements.get("to_send", 0),
        confirmed=placements.get("confirmed", 0),
        declined=placements.get("declined", 0),
        awaiting=placements.get("awaiting", 0),
        awaiting_since=placements.get("awaiting_since"),
        meeting=MeetingSlot(
            meeting_id=meeting.pk,
            date=meeting.day.date if meeting.day else None,
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            room=meeting.room.name if meeting.room else "",
            is_published=meeting.published_start is not None,
        )
        if meeting is not None
        else None,
        statements_received=statements[0],
        statements_published=statements[1],
    )
