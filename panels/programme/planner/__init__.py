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

*Kinds in rank order.* Two unpinned meetings of one *kind* (same length, same usable days) with
``a`` ranked before ``b`` but on a later day can swap places: the days' minutes and every fit stay
the same, the pair stops being an inversion, and no pair with a third meeting or pin gets worse
(case by case on its day: before both, between, on one of their days, after both). So every
optimal timetable gives the days of each kind in rank order, and a day's set is told by how many
of each kind it takes: the first ones not on an earlier day.

*Day by day.* Rules 1 and 2 then add up day by day. After the days before ``d`` hold ``t[k]``
meetings of each kind ``k``, giving day ``d`` the next ``c[k]`` adds its squared minutes (pins
included) to rule 1 and, to rule 2, the pairs of its meetings with those left for later days that
rank before them, plus its inversions with the pins and between the segments of a room with pins,
the least over its layouts in the day's bins (rooms without pins are parallel and a bin is in rank
order, so they add nothing else); it must pack into the day's bins. That depends on ``(d, t, c)``
only, so memoised searches over ``(d, t)`` are exact: ``evenness`` finds rule 1's optimum (a
bound on the squares cuts the day loads that cannot keep under it, the days before and after each
as even as their caps allow, and grows until a timetable is under it), then ``order`` finds rule
2's among the day choices on rule 1's optimal paths. Rule 3 walks the graph of the choices on
rule 2's optimal paths: meeting by meeting in rank order, the earliest position it has in a layout
of least cost of some surviving choice, the others dropped with what no longer lies on a path.
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
