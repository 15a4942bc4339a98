"""Why there is no timetable: wrong pins, unusable meetings, too few minutes, pieces that do not
fit (and the fewest extra minutes per morning that make them fit)."""

from __future__ import annotations

from panels.programme.planner.model import STEP, Code, Meeting, Problem
from panels.programme.planner.search import Search
from panels.programme.planner.validate import validate_slots

MAX_EXTRA_MINUTES = 180


def pin_problems(search: Search) -> tuple[Problem, ...]:
    renamed = {
        Code.OUTSIDE_WINDOW: Code.PIN_OUTSIDE_WINDOW,
        Code.UNUSABLE_DAY: Code.PIN_ON_UNUSABLE_DAY,
        Code.OVERLAP: Code.PINS_OVERLAP,
        Code.TOO_CLOSE: Code.PINS_TOO_CLOSE,
    }
    found = validate_slots(
        search.pin_slots,
        search.by_id.values(),
        windows=search.windows,
        rooms=search.rooms,
        gap=search.gap,
    )
    return tuple(Problem(renamed[p.code], p.params) for p in found)


def meeting_problems(search: Search) -> tuple[Problem, ...]:
    problems: list[Problem] = []
    for m in sorted(search.free, key=lambda m: m.id):
        usable = usable_days(search, m)
        if not usable:
            problems.append(Problem(Code.NO_USABLE_DAY, (("meeting_id", m.id),)))
            continue
        longest = max(search.windows[d].minutes for d in usable)
        if m.minutes > longest:
            params = (("meeting_id", m.id), ("length", m.minutes), ("longest_window", longest))
            problems.append(Problem(Code.MEETING_TOO_LONG, params))
    return tuple(problems)


def usable_days(search: Search, meeting: Meeting) -> list[int]:
    return [d for d in range(len(search.windows)) if d not in meeting.unavailable_days]


def needed_minutes(search: Search) -> int:
    # a room-day with k meetings needs k - 1 gaps; there are at most days * rooms room-days
    count = len(search.by_id)
    spare = max(0, count - len(search.windows) * search.rooms)
    return sum(m.minutes for m in search.by_id.values()) + search.gap * spare


def available_minutes(search: Search) -> int:
    return search.rooms * sum(w.minutes for w in search.windows)


def extra_minutes_problem(search: Search) -> Problem:
    # longer mornings keep every timetable feasible: the fit is monotone in the extra minutes
    low, high = 0, MAX_EXTRA_MINUTES // STEP  # fits(low * STEP) is False
    if not search.fits(high * STEP):
        return Problem(Code.CANNOT_FIT, (("max_extra_minutes", high * STEP),))
    while high - low > 1:
        middle = (low + high) // 2
        if search.fits(middle * STEP):
            high = middle
        else:
            low = middle
    return Problem(Code.DOES_NOT_FIT, (("extra_minutes", high * STEP),))
