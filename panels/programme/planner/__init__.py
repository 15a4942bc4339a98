"""Build the timetable of a series of Pre-sessions: the exact optimum of the rule.

Time is counted in minutes since midnight; days, rooms and the Working Group's review order are
indexes (``windows[d]`` is the morning of day ``d``, rooms are ``0 .. rooms - 1``). A meeting lasts
``meeting_length(speakers)`` unless the caller gives its ``length``.

A timetable is *feasible* when every meeting is placed once, inside the morning of its day, on a
day it may use, pinned meetings exactly where pinned, and two meetings in the same room on the
same day neither overlap nor come closer than ``gap`` minutes (end of one to start of the next).

Among feasible timetables the rule picks, in order of priority:

1. *Evenness*: the smallest sum over days of (minutes of meetings that day)^2. The total is fixed,
   so this is the smallest variance of the days' loads. Pinned meetings count; gaps do not.
2. *Review order*: the fewest inversions. Meetings are ranked by ``(review_order, id)``; ``a`` is
   *before* ``b`` when ``a`` is on an earlier day, or on the same day in the same room and starts
   earlier. An inversion is a pair where the higher-ranked meeting is before the lower-ranked one.
   Two meetings on the same day in different rooms run in parallel and are not compared here;
   rule 3 orders them.
3. *Earliest slots in review order*: the lexicographically smallest vector of positions
   ``(day, start, room)`` of the meetings taken in rank order: the first-ranked meeting as early
   as possible, then the second, and so on. Every meeting's position is in the vector, so the
   optimum is one timetable.

Why the search is exact:

*Bins.* In one room on one day the pins leave free segments: ``[window start, first pin start -
gap]``, ``[pin end + gap, next pin start - gap]``, ..., ``[last pin end + gap, window end]``. A
list of meetings fits in a segment of capacity ``c`` iff their lengths plus ``gap`` between
consecutive ones add up to at most ``c``. A timetable is therefore an assignment of the unpinned
meetings to bins ``(day, room, segment)`` with an order inside each bin, and starts.

*Packing.* Rules 1 and 2 depend only on each meeting's day, room and order in its room (bins come
in time order inside a room). So given bins and orders, starting every meeting as early as
possible (the segment start, or the previous meeting's end + gap) keeps 1 and 2 and moves every
start earlier, which rule 3 prefers: optimal timetables are packed.

*Rank order inside a bin.* A bin's meetings are contiguous in the "before" relation of rule 2 (no
other meeting of that room lies between them, other rooms of the day are parallel), so their
order only changes the pairs inside the bin. Any order other than rank order has an inversion
there, and sorting the bin removes it without changing anything else: every optimal timetable has
its bins in rank order.

*Dynamic programme.* So the unpinned meetings are taken in rank order, each appended to a bin; its
start is then the bin's start plus the minutes already used. The state after ``j`` meetings is,
per bin, the offset of the next start and the number of meetings. From it follow the fit of the
next meeting, its position, its new inversions (with the meetings already placed in later bins,
all of lower rank, and with the pins, which depend on the bin only) and, at the end, the minutes of
each day. The best completion of a state (rule 1 at the end, then inversions, then the positions
still to come) does not depend on how the state was reached, and the rule compares timetables
with a common past by their completions, so a memoised search over states gives the optimum.
*Faster, same optimum.* Rules 1 and 2 depend only on each meeting's *pool*: the rooms without
pins of one day (interchangeable: their meetings are parallel, or in rank order in one room), or
one free segment of a room with pins; a pool's lengths are kept only while some future might not
pack into it. The search runs in three passes: rule 1 alone, day by day, the longest meetings
first, against the least sum of squares the meetings' lengths allow (a lower bound: the lowest
days raised to one level, in multiples of the lengths' common divisor), days alike merged; then
rule 2 among the timetables of that evenness, in rank order, by branch and bound (a day short of
the fewest minutes it can end with still needs meetings, each an inversion with every meeting
already on a later day), memoised on pools; then rule 3, meeting by meeting, the earliest position
whose room-by-room state still completes with the optimal figures.
``tests/panels/programme/test_planner.py`` checks it against an exhaustive search over every
assignment to rooms and days and every order in each room.

When there is no feasible timetable, ``schedule`` returns an ``Infeasible`` with the reasons
(``Code``): wrong pins, a meeting without a usable day or longer than every morning it may use,
not enough minutes in total (meetings plus the fewest gaps they need against every room's
mornings), otherwise the pieces do not fit, with the fewest extra minutes per morning (multiple
of 5, morning ends moved later) that make it fit. Longer mornings never remove a timetable, so a
binary search over the extra minutes finds that number exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from panels.programme.planner import explain
from panels.programme.planner.evenness import BOUND_SLACKS
from panels.programme.planner.explain import MAX_EXTRA_MINUTES
from panels.programme.planner.model import (
    DEFAULT_GAP,
    DEFAULT_WINDOW,
    STEP,
    Code,
    Infeasible,
    Meeting,
    Params,
    Pin,
    Plan,
    Position,
    Problem,
    Slot,
    Window,
    default_days,
    default_windows,
    meeting_length,
)
from panels.programme.planner.search import Search
from panels.programme.planner.validate import validate_slots

__all__ = [
    "BOUND_SLACKS",
    "DEFAULT_GAP",
    "DEFAULT_WINDOW",
    "MAX_EXTRA_MINUTES",
    "STEP",
    "Code",
    "Infeasible",
    "Meeting",
    "Params",
    "Pin",
    "Plan",
    "Position",
    "Problem",
    "Slot",
    "Window",
    "default_days",
    "default_windows",
    "meeting_length",
    "schedule",
    "validate_slots",
]


def schedule(
    meetings: Sequence[Meeting],
    *,
    windows: Sequence[Window],
    rooms: int = 1,
    gap: int = DEFAULT_GAP,
    pins: Iterable[Pin] = (),
) -> Plan | Infeasible:
    """The optimal timetable (see the module docstring), or why there is none.

    ``Infeasible.problems`` codes and params:

    - ``pin_outside_window``, ``pin_on_unusable_day``, ``pins_overlap``, ``pins_too_close``: the
      params of ``validate_slots`` for the pinned slots;
    - ``no_usable_day`` (meeting_id): the meeting may use none of the days;
    - ``meeting_too_long`` (meeting_id, length, longest_window): longer than every morning of a
      day it may use;
    - ``not_enough_time`` (needed_minutes, available_minutes): the meetings plus the fewest gaps
      they need (``gap * max(0, meetings - days * rooms)``) against every room's mornings;
    - ``does_not_fit`` (extra_minutes): the totals fit, the pieces do not; ``extra_minutes`` (a
      multiple of 5) later end of every morning is the least that makes it fit;
    - ``cannot_fit`` (max_extra_minutes): not even with that many extra minutes per morning.

    The first four kinds and the next two are reported together; the others alone.
    Raises ValueError for invalid input (duplicate ids, negative sizes, unknown pin meeting,
    day or room, a meeting pinned twice, a window ending before it starts).
    """
    search = Search(meetings, windows, rooms, gap, pins)
    problems = explain.pin_problems(search) + explain.meeting_problems(search)
    if problems:
        return Infeasible(problems)
    needed, available = explain.needed_minutes(search), explain.available_minutes(search)
    if needed > available:
        params = (("needed_minutes", needed), ("available_minutes", available))
        return Infeasible((Problem(Code.NOT_ENOUGH_TIME, params),))
    if not search.fits(0):
        return Infeasible((explain.extra_minutes_problem(search),))
    return search.plan()
