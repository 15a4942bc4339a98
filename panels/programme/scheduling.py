"""State changes of the timetable: prepare, generate, move a meeting, mark the days a
country cannot use, publish.

The rule itself is panels.programme.planner (pure); this module turns rows into its plain
data and back, and sends what publication requires."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from panels.enums import Outcome, TimetableStatus
from panels.models import Meeting, Placement, Room, Timetable, TimetableDay
from panels.programme import planner
from panels.selection import emails, reasons
from presessions.models import Series

DEFAULT_ROOM = "Room XXIV"
# A generation still marked running after this long belonged to a worker that died.
GENERATION_TIMEOUT = dt.timedelta(minutes=15)


def _minutes(value: dt.time) -> int:
    return value.hour * 60 + value.minute


def _time(minutes: int) -> dt.time:
    return dt.time(minutes // 60, minutes % 60)


def speakers_of(presession_ids: Sequence[int]) -> dict[int, list[Placement]]:
    """The active speakers (selected, not declined) of each Pre-session."""
    speakers: dict[int, list[Placement]] = {pk: [] for pk in presession_ids}
    placements = (
        Placement.objects.active_speakers()
        .filter(panel__presession__in=presession_ids)
        .select_related("application", "panel")
        .order_by("application__submitted_at")
    )
    for placement in placements:
        speakers[placement.panel.presession_id].append(placement)
    return speakers


def series_dates(series: Series) -> list[dt.date]:
    """Every day from the series' first to its last: the days a timetable starts with."""
    count = (series.ends_on - series.starts_on).days + 1
    return [series.starts_on + dt.timedelta(days=n) for n in range(count)]


def describe_dates(series: Series) -> str:
    start, end = series.starts_on, series.ends_on
    return _("%(start)s to %(end)s") % {
        "start": formats.date_format(start, "DATE_FORMAT"),
        "end": formats.date_format(end, "DATE_FORMAT"),
    }


def check_day_in_series(series: Series, day: dt.date) -> list[str]:
    """What is wrong with a timetable day on this date (sentences; empty if nothing): the
    series' dates are the one truth of its pages, emails and accreditation days."""
    if series.starts_on <= day <= series.ends_on:
        return []
    return [
        _(
            "%(day)s is outside the series' dates (%(dates)s): choose a day within them, "
            "or tick “Extend the series to its timetable's days”."
        )
        % {"day": formats.date_format(day, "DATE_FORMAT"), "dates": describe_dates(series)}
    ]


def check_series_dates(*, series: Series, starts_on: dt.date, ends_on: dt.date) -> list[str]:
    """What would be wrong with these dates for the series (sentences; empty if nothing):
    they must keep every day of its timetable."""
    outside = TimetableDay.objects.filter(timetable__series=series).exclude(
        date__range=(starts_on, ends_on)
    )
    days = [
        formats.date_format(day, "DATE_FORMAT") for day in outside.values_list("date", flat=True)
    ]
    if not days:
        return []
    return [
        _(
            "The timetable of this series has days outside these dates (%(days)s): move or "
            "delete them on the timetable first."
        )
        % {"days": ", ".join(days)}
    ]


@transaction.atomic
def extend_series_to_days(*, series: Series) -> Series:
    """Widen the series' dates to cover every day of its timetable.

    Side effects: the series' starts_on and ends_on saved (so its page, the programme, the
    emails and the accreditation days follow); nothing if the days are within them.
    """
    series = Series.objects.select_for_update().get(pk=series.pk)
    days = TimetableDay.objects.filter(timetable__series=series)
    dates = list(days.values_list("date", flat=True))
    if not dates:
        return series
    starts_on, ends_on = min([series.starts_on, *dates]), max([series.ends_on, *dates])
    if (starts_on, ends_on) != (series.starts_on, series.ends_on):
        series.starts_on, series.ends_on = starts_on, ends_on
        series.save(update_fields=["starts_on", "ends_on"])
    return series


@transaction.atomic
def prepare_timetable(*, series: Series) -> Timetable:
    """The series' timetable, created with the default days and room, and one meeting
    for every Pre-session that has speakers. Side effects: rows created as needed."""
    table, created = Timetable.objects.get_or_create(series=series)
    if created:
        TimetableDay.objects.bulk_create(
            TimetableDay(timetable=table, date=day) for day in series_dates(series)
        )
        Room.objects.create(timetable=table, name=DEFAULT_ROOM)
    presessions = list(series.presessions.all())
    speakers = speakers_of([p.pk for p in presessions])
    existing = set(table.meetings.values_list("presession_id", flat=True))
    Meeting.objects.bulk_create(
        Meeting(timetable=table, presession=p)
        for p in presessions
        if speakers[p.pk] and p.pk not in existing
    )
    return table


def _inputs(table: Timetable):
    days = list(table.days.all())
    rooms = list(table.rooms.all())
    meetings = list(
        table.meetings.select_related("presession", "day", "room").prefetch_related(
            "unavailable_days"
        )
    )
    speakers = speakers_of([m.presession_id for m in meetings])
    day_index = {day.pk: n for n, day in enumerate(days)}
    room_index = {room.pk: n for n, room in enumerate(rooms)}
    plain = [
        planner.Meeting(
            id=m.pk,
            review_order=m.presession.review_order,
            speakers=len(speakers[m.presession_id]),
            unavailable_days=frozenset(day_index[d.pk] for d in m.unavailable_days.all()),
        )
        for m in meetings
    ]
    windows = [planner.Window(_minutes(d.starts_at), _minutes(d.ends_at)) for d in days]
    pins = [
        planner.Pin(m.pk, day_index[m.day_id], room_index[m.room_id], _minutes(m.starts_at))
        for m in meetings
        if m.is_pinned
        and m.is_scheduled
        # is_scheduled means a day, a room and times: the tests below say so to mypy
        and m.day_id is not None
        and m.room_id is not None
        and m.starts_at is not None
    ]
    return days, rooms, meetings, plain, windows, pins


def describe_infeasibility(problem: planner.Problem) -> str:
    """Why there is no timetable, in a sentence for coordinators, from one problem of an
    Infeasible result of panels.programme.planner."""
    params = dict(problem.params)
    if problem.code == "not_enough_time":
        return _(
            "The meetings need %(needed)s minutes, the mornings hold %(available)s: "
            "add a day or lengthen a morning."
        ) % {"needed": params["needed_minutes"], "available": params["available_minutes"]}
    if problem.code == "does_not_fit":
        return _(
            "The meetings do not fit together in the mornings: lengthen each morning by "
            "%(extra)s minutes, or add a day."
        ) % {"extra": params["extra_minutes"]}
    if problem.code == "meeting_too_long":
        return _(
            "A meeting lasts %(length)s minutes but the longest morning it can use holds "
            "%(longest)s."
        ) % {"length": params["length"], "longest": params["longest_window"]}
    if problem.code == "no_usable_day":
        return _("A country cannot use any of the days.")
    if problem.code in {"pins_overlap", "pins_too_close"}:
        return _("Two pinned meetings overlap or leave less than the changeover between them.")
    if problem.code == "cannot_fit":
        return _("The meetings cannot fit even with much longer mornings: add a day.")
    if problem.code in {"pin_outside_window", "pin_on_unusable_day"}:
        return _("A pinned meeting is outside its morning or on a day its country cannot use.")
    return problem.code


@transaction.atomic
def generate_timetable(*, series: Series) -> Timetable:
    """Place every meeting by the rule, keeping the pinned ones.

    Side effects: the day, room and times of unpinned meetings rewritten.
    Raises ValidationError, saying why and by how much, when they cannot fit.
    """
    table = prepare_timetable(series=series)
    table = Timetable.objects.select_for_update().get(pk=table.pk)
    days, rooms, meetings, plain, windows, pins = _inputs(table)
    if not meetings:
        raise ValidationError(_("No Pre-session of this series has speakers yet."))
    result = planner.schedule(plain, windows=windows, rooms=len(rooms), gap=table.gap_minutes,
                                pins=pins)  # fmt: skip
    if isinstance(result, planner.Infeasible):
        raise ValidationError([describe_infeasibility(problem) for problem in result.problems])
    by_id = {m.pk: m for m in meetings}
    for slot in result.slots:
        meeting = by_id[slot.meeting_id]
        meeting.day = days[slot.day]
        meeting.room = rooms[slot.room]
        meeting.starts_at, meeting.ends_at = _time(slot.start), _time(slot.end)
        meeting.save(update_fields=["day", "room", "starts_at", "ends_at"])
    table.generated_at = timezone.now()
    table.save(update_fields=["generated_at"])
    return table


def check_move(
    meeting: Meeting, *, day: TimetableDay, room: Room, starts_at: dt.time
) -> tuple[list[str], dt.time]:
    """What would be wrong with moving a meeting there (sentences; empty if nothing),
    and the time it would end."""
    table = meeting.timetable
    days, rooms, meetings, plain, windows, _pins = _inputs(table)
    length = planner.meeting_length(next(p.speakers for p in plain if p.id == meeting.pk))
    start = _minutes(starts_at)
    slots = [
        planner.Slot(
            m.pk, days.index(m.day), rooms.index(m.room),
            _minutes(m.starts_at), _minutes(m.ends_at),
        )
        for m in meetings
        if m.is_scheduled and m.pk != meeting.pk
    ]  # fmt: skip
    slots.append(
        planner.Slot(meeting.pk, days.index(day), rooms.index(room), start, start + length)
    )
    violations = planner.validate_slots(
        slots, plain, windows=windows, rooms=len(rooms), gap=table.gap_minutes
    )
    mine = [v for v in violations if meeting.pk in _meeting_ids(v)]
    return [_describe_violation(v) for v in mine], _time(min(start + length, 24 * 60 - 1))


def _meeting_ids(violation: planner.Problem) -> tuple[int, ...]:
    params = dict(violation.params)
    return tuple(value for key, value in params.items() if key.endswith("meeting_id"))


@transaction.atomic
def request_generation(*, series: Series) -> Timetable:
    """Ask a worker to generate the timetable (see generate_timetable).

    Side effects: the timetable prepared and marked as being generated; the task
    queued after commit. Raises ValidationError if a generation is already running.
    """
    from panels.programme.tasks import task_generate_timetable

    table = prepare_timetable(series=series)
    table = Timetable.objects.select_for_update().get(pk=table.pk)
    now = timezone.now()
    requested_at = table.generation_requested_at
    if table.is_generating and requested_at and requested_at > now - GENERATION_TIMEOUT:
        raise ValidationError(_("The timetable is already being generated."))
    table.is_generating, table.generation_problem = True, ""
    table.generation_requested_at = now
    table.save(update_fields=["is_generating", "generation_problem", "generation_requested_at"])
    transaction.on_commit(lambda: task_generate_timetable.delay(table.pk))
    return table


def record_generation_timeout(timetable_id: int) -> None:
    """The search ran out of time: the timetable is no longer being generated, and the
    coordinators read what to do."""
    Timetable.objects.filter(pk=timetable_id).update(
        is_generating=False,
        generation_problem=_(
            "The search took more than ten minutes: pin some meetings, or use fewer "
            "rooms, and generate again."
        ),
    )


def run_generation(timetable_id: int) -> None:
    """What the worker does: generate, and record why it could not, for the coordinators."""
    table = Timetable.objects.select_related("series").filter(pk=timetable_id).first()
    if table is None:
        return
    problem = ""
    try:
        generate_timetable(series=table.series)
    except ValidationError as error:
        problem = " ".join(error.messages)
    finally:
        Timetable.objects.filter(pk=timetable_id).update(
            is_generating=False, generation_problem=problem
        )


@transaction.atomic
def move_meeting(*, meeting: Meeting, day: TimetableDay, room: Room, starts_at: dt.time) -> Meeting:
    """Move one meeting by hand; it is pinned there. Raises ValidationError if it would
    overlap another, leave its morning, or fall on a day its country cannot use."""
    Timetable.objects.select_for_update().get(pk=meeting.timetable_id)
    problems, ends_at = check_move(meeting, day=day, room=room, starts_at=starts_at)
    if problems:
        raise ValidationError(problems)
    meeting.day, meeting.room = day, room
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    meeting.is_pinned = True
    meeting.save(update_fields=["day", "room", "starts_at", "ends_at", "is_pinned"])
    return meeting


def check_unusable_days(day: TimetableDay | None, days: Iterable[TimetableDay]) -> list[str]:
    """What would be wrong with a meeting on ``day`` when its country cannot use ``days``
    (sentences; empty if nothing)."""
    if day is not None and day.pk in {d.pk for d in days}:
        return [_("Its country cannot use that day.")]
    return []


@transaction.atomic
def set_unusable_days(*, meeting: Meeting, days: Iterable[TimetableDay]) -> Meeting:
    """The days the meeting's country cannot use.

    Side effects: the meeting's unusable days replaced. Raises ValidationError if the
    meeting sits on one of them (move it first).
    """
    Timetable.objects.select_for_update().get(pk=meeting.timetable_id)
    days = list(days)
    stored = Meeting.objects.select_related("day").get(pk=meeting.pk)
    problems = check_unusable_days(stored.day, days)
    if problems:
        raise ValidationError(problems)
    meeting.unavailable_days.set(days)
    return meeting


def _describe_violation(violation: planner.Problem) -> str:
    if violation.code == "overlap":
        return _("It would overlap another meeting in the same room.")
    if violation.code == "too_close":
        return _("It would leave less than the changeover time after or before another meeting.")
    if violation.code == "outside_window":
        return _("It would not fit inside the morning.")
    if violation.code == "unusable_day":
        return _("Its country cannot use that day.")
    return violation.code


@transaction.atomic
def publish_programme(*, series: Series, by: User, now: dt.datetime | None = None) -> int:
    """Publish the programme as it stands.

    Side effects: the published slots updated (with the rooms' names in each
    language); each confirmed speaker whose slot is new or changed is emailed (once
    per change); the Permanent Mission of each State under Review with a known address
    is invited, in its language (once per change). Returns how many meetings changed.
    Raises ValidationError if a meeting has no slot.
    """
    table = Timetable.objects.select_for_update().get(series=series)
    meetings = list(table.meetings.select_related("day", "room", "presession__series__session"))
    unscheduled = [m for m in meetings if not m.is_scheduled]
    if unscheduled:
        raise ValidationError(
            _("Some meetings have no slot yet: %(countries)s.")
            % {"countries": ", ".join(str(m.presession.country.name) for m in unscheduled)}
        )
    changed = 0
    speakers = speakers_of([m.presession_id for m in meetings])
    for meeting in meetings:
        assert meeting.room is not None  # every meeting is scheduled (see above)
        if (meeting.published_start, meeting.published_room) != (meeting.start, meeting.room.name):
            changed += 1
        meeting.published_start, meeting.published_end = meeting.start, meeting.end
        meeting.published_room = meeting.room.name
        # The room's translations are published with it (no email when only they change).
        meeting.published_room_fr, meeting.published_room_es = (
            meeting.room.name_fr, meeting.room.name_es,
        )  # fmt: skip
        meeting.save(
            update_fields=["published_start", "published_end", "published_room",
                           "published_room_fr", "published_room_es"]
        )  # fmt: skip
        for placement in speakers[meeting.presession_id]:
            if placement.has_confirmed and (placement.told_meeting_start != meeting.start):
                emails.queue_slot(placement, meeting)
                placement.told_meeting_start = meeting.start
                placement.save(update_fields=["told_meeting_start"])
        if meeting.presession.mission_email and meeting.mission_invited_start != meeting.start:
            emails.queue_mission_invitation(meeting)
            meeting.mission_invited_start = meeting.start
            meeting.save(update_fields=["mission_invited_start"])
    table.status = TimetableStatus.PUBLISHED
    table.published_at = now or timezone.now()
    table.published_by = by
    table.save(update_fields=["status", "published_at", "published_by"])
    return changed


@dataclass(frozen=True)
class Unconfirmed:
    """A meeting whose panel is not all confirmed: the public programme names only the
    speakers who confirmed."""

    country: str
    not_told: tuple[str, ...]  # selected, but not invited yet
    no_answer: tuple[str, ...]  # invited, no answer yet
    open_seats: int  # seats given up (declined, withdrawn) that nobody took


def unconfirmed_speakers(*, series: Series) -> list[Unconfirmed]:
    """Per meeting of the series' timetable, who would not be named if it were published."""
    meetings = list(
        Meeting.objects.filter(timetable__series=series)
        .select_related("presession")
        .order_by("presession__review_order")
    )
    selected: dict[int, list[Placement]] = {m.presession_id: [] for m in meetings}
    for placement in (
        Placement.objects.filter(panel__presession__in=list(selected), outcome=Outcome.SELECTED)
        .select_related("application", "panel")
        .order_by("application__submitted_at")
    ):
        selected[placement.panel.presession_id].append(placement)
    found = []
    for meeting in meetings:
        placements = selected[meeting.presession_id]
        active = [p for p in placements if p.is_active_speaker and p.application.is_eligible]
        given_up = sum(1 for p in placements if p not in active)
        replaced = sum(1 for p in placements if p.reason_code == reasons.REPLACEMENT)
        entry = Unconfirmed(
            country=str(meeting.presession.country.name),
            not_told=tuple(str(p.application.organisation_name) for p in active
                           if not p.was_told_selected),
            no_answer=tuple(str(p.application.organisation_name) for p in active
                            if p.awaits_answer),
            open_seats=max(given_up - replaced, 0),
        )  # fmt: skip
        if entry.not_told or entry.no_answer or entry.open_seats:
            found.append(entry)
    return found
