"""The hard rules checked on a list of slots, and the checks of the input shared with the search."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from panels.programme.planner.model import DEFAULT_GAP, Code, Meeting, Problem, Slot, Window


def validate_slots(
    slots: Iterable[Slot],
    meetings: Iterable[Meeting],
    *,
    windows: Sequence[Window],
    rooms: int = 1,
    gap: int = DEFAULT_GAP,
) -> tuple[Problem, ...]:
    """What breaks the hard rules in a (hand-made, possibly partial) list of slots.

    Codes and params: ``outside_window`` (meeting_id, day, start, end, window_start, window_end),
    ``unusable_day`` (meeting_id, day), ``overlap`` (meeting_id, other_meeting_id, day, room),
    ``too_close`` (meeting_id, other_meeting_id, day, room, minutes_between, gap); for a pair,
    ``meeting_id`` starts first. Raises ValueError for an unknown meeting, day or room, a meeting
    placed twice or a slot whose length is not the meeting's.
    """
    slots = list(slots)
    by_id = {m.id: m for m in meetings}
    check_settings(windows, rooms, gap)
    check_slots(slots, by_id, len(windows), rooms)
    problems: list[Problem] = []
    for slot in slots:
        window = windows[slot.day]
        if slot.day in by_id[slot.meeting_id].unavailable_days:
            problems.append(
                Problem(Code.UNUSABLE_DAY, (("meeting_id", slot.meeting_id), ("day", slot.day)))
            )
        if slot.start < window.start or slot.end > window.end:
            params = (
                ("meeting_id", slot.meeting_id),
                ("day", slot.day),
                ("start", slot.start),
                ("end", slot.end),
                ("window_start", window.start),
                ("window_end", window.end),
            )
            problems.append(Problem(Code.OUTSIDE_WINDOW, params))
    ordered = sorted(slots, key=lambda s: (s.day, s.room, s.start, s.meeting_id))
    for i, first in enumerate(ordered):
        for second in ordered[i + 1 :]:
            if (second.day, second.room) != (first.day, first.room):
                break
            pair = (
                ("meeting_id", first.meeting_id),
                ("other_meeting_id", second.meeting_id),
                ("day", first.day),
                ("room", first.room),
            )
            between = second.start - first.end
            if between < 0:
                problems.append(Problem(Code.OVERLAP, pair))
            elif between < gap:
                params = (*pair, ("minutes_between", between), ("gap", gap))
                problems.append(Problem(Code.TOO_CLOSE, params))
    return tuple(problems)


def check_settings(windows: Sequence[Window], rooms: int, gap: int) -> None:
    if rooms < 1:
        raise ValueError(f"rooms must be at least 1, not {rooms}")
    if gap < 0:
        raise ValueError(f"negative gap: {gap}")
    for window in windows:
        if window.end < window.start:
            raise ValueError(f"window ends before it starts: {window}")


def check_slots(slots: Sequence[Slot], by_id: dict[int, Meeting], days: int, rooms: int) -> None:
    seen: set[int] = set()
    for slot in slots:
        meeting = by_id.get(slot.meeting_id)
        if meeting is None:
            raise ValueError(f"unknown meeting {slot.meeting_id}")
        if slot.meeting_id in seen:
            raise ValueError(f"meeting {slot.meeting_id} placed twice")
        seen.add(slot.meeting_id)
        if not 0 <= slot.day < days:
            raise ValueError(f"unknown day {slot.day}")
        if not 0 <= slot.room < rooms:
            raise ValueError(f"unknown room {slot.room}")
        if slot.end - slot.start != meeting.minutes:
            raise ValueError(f"slot of meeting {slot.meeting_id} is not {meeting.minutes} long")
