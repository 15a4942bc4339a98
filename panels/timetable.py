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
``tests/panels/test_timetable.py`` checks it against an exhaustive search over every assignment
to rooms and days and every order in each room.

When there is no feasible timetable, ``schedule`` returns an ``Infeasible`` with the reasons
(``Code``): wrong pins, a meeting without a usable day or longer than every morning it may use,
not enough minutes in total (meetings plus the fewest gaps they need against every room's
mornings), otherwise the pieces do not fit, with the fewest extra minutes per morning (multiple
of 5, morning ends moved later) that make it fit. Longer mornings never remove a timetable, so a
binary search over the extra minutes finds that number exactly.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from enum import StrEnum
from functools import cached_property

DEFAULT_GAP = 10
MAX_EXTRA_MINUTES = 180
STEP = 5
BOUND_SLACKS = (60, 600, 6000, 60000)  # sums of squares above the ideal, tried in turn

Position = tuple[int, int, int]  # day, start, room
Params = tuple[tuple[str, int], ...]  # pairs, so that ``dict(problem.params)`` is JSON-friendly


class Code(StrEnum):
    # Why a series has no timetable (``Infeasible.problems``)
    PIN_OUTSIDE_WINDOW = "pin_outside_window"
    PIN_ON_UNUSABLE_DAY = "pin_on_unusable_day"
    PINS_OVERLAP = "pins_overlap"
    PINS_TOO_CLOSE = "pins_too_close"
    NO_USABLE_DAY = "no_usable_day"
    MEETING_TOO_LONG = "meeting_too_long"
    NOT_ENOUGH_TIME = "not_enough_time"
    DOES_NOT_FIT = "does_not_fit"
    CANNOT_FIT = "cannot_fit"
    # What is wrong with a hand-made timetable (``validate_slots``)
    OUTSIDE_WINDOW = "outside_window"
    UNUSABLE_DAY = "unusable_day"
    OVERLAP = "overlap"
    TOO_CLOSE = "too_close"


@dataclass(frozen=True)
class Window:
    start: int  # minutes since midnight
    end: int

    @classmethod
    def between(cls, start: time, end: time) -> Window:
        return cls(start.hour * 60 + start.minute, end.hour * 60 + end.minute)

    @property
    def minutes(self) -> int:
        return self.end - self.start


DEFAULT_WINDOW = Window(10 * 60, 13 * 60)


@dataclass(frozen=True)
class Meeting:
    id: int
    review_order: int
    speakers: int
    unavailable_days: frozenset[int] = frozenset()
    length: int | None = None  # minutes; derived from ``speakers`` when None

    @property
    def minutes(self) -> int:
        return meeting_length(self.speakers) if self.length is None else self.length


@dataclass(frozen=True)
class Pin:
    meeting_id: int
    day: int
    room: int
    start: int


@dataclass(frozen=True)
class Slot:
    meeting_id: int
    day: int
    room: int
    start: int
    end: int


@dataclass(frozen=True)
class Timetable:
    slots: tuple[Slot, ...]  # sorted by (day, start, room)
    day_minutes: tuple[int, ...]  # minutes of meetings per day
    inversions: int


@dataclass(frozen=True)
class Problem:
    code: Code
    params: Params = ()


@dataclass(frozen=True)
class Infeasible:
    problems: tuple[Problem, ...]


def meeting_length(speakers: int) -> int:
    """5 min opening, 7 per speaker, 15 of questions; up to a multiple of 5, within 30-60."""
    if speakers < 0:
        raise ValueError(f"negative number of speakers: {speakers}")
    raw = 5 + 7 * speakers + 15
    return min(60, max(30, -(-raw // STEP) * STEP))


def default_days(any_day_of_week: date) -> tuple[date, ...]:
    """Tuesday to Friday of the week of ``any_day_of_week``."""
    monday = any_day_of_week - timedelta(days=any_day_of_week.weekday())
    return tuple(monday + timedelta(days=i) for i in range(1, 5))


def default_windows(days: int = 4) -> tuple[Window, ...]:
    return (DEFAULT_WINDOW,) * days


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
    _check_settings(windows, rooms, gap)
    _check_slots(slots, by_id, len(windows), rooms)
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


def schedule(
    meetings: Sequence[Meeting],
    *,
    windows: Sequence[Window],
    rooms: int = 1,
    gap: int = DEFAULT_GAP,
    pins: Iterable[Pin] = (),
) -> Timetable | Infeasible:
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
    problem = _Problem(meetings, windows, rooms, gap, pins)
    problems = problem.pin_problems() + problem.meeting_problems()
    if problems:
        return Infeasible(problems)
    needed, available = problem.needed_minutes(), problem.available_minutes()
    if needed > available:
        params = (("needed_minutes", needed), ("available_minutes", available))
        return Infeasible((Problem(Code.NOT_ENOUGH_TIME, params),))
    if not problem.fits(0):
        return Infeasible((problem.extra_minutes_problem(),))
    return problem.timetable()


# --- The search ---------------------------------------------------------------------------------


def _check_settings(windows: Sequence[Window], rooms: int, gap: int) -> None:
    if rooms < 1:
        raise ValueError(f"rooms must be at least 1, not {rooms}")
    if gap < 0:
        raise ValueError(f"negative gap: {gap}")
    for window in windows:
        if window.end < window.start:
            raise ValueError(f"window ends before it starts: {window}")


def _check_slots(slots: Sequence[Slot], by_id: dict[int, Meeting], days: int, rooms: int) -> None:
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


@dataclass(frozen=True)
class _Bin:
    """A free segment of one room on one day; ``pins_before`` pins of that room-day precede it."""

    day: int
    room: int
    pins_before: int
    start: int
    capacity: int


def _spread(loads: Sequence[int], remaining: int) -> tuple[int, int, int]:
    """Water-filling ``remaining`` minutes over days with ``loads``: the ``k`` lowest days are
    raised to one level, holding ``total`` minutes; the least sum of squares of the days is
    ``total**2 / k + others`` (``others``: the squares of the days left as they are)."""
    total, k, ordered = remaining, 0, sorted(loads)
    for load in ordered:
        if load * k > total:
            break
        total += load
        k += 1
    return total, k, sum(x * x for x in ordered[k:])


def _exceeds(loads: Sequence[int], remaining: int, bound: int) -> bool:
    """Whether every way of adding ``remaining`` minutes to the days ends above ``bound``."""
    total, k, others = _spread(loads, remaining)
    return k > 0 and total * total + k * others > k * bound


def _least_squares(loads: Sequence[int], remaining: int) -> int:
    total, k, others = _spread(loads, remaining)
    return -(-total * total // k) + others if k else others


class _Twins:
    """Interchangeable bins: the rooms without pins on the same day (same window, same costs).

    A state keeps their used minutes in decreasing order, so that states differing only by a
    permutation of such rooms are one; ``previous[b]`` is the twin before ``b`` (or -1), and a
    meeting need not try ``b`` when that twin has the same used minutes.
    """

    def __init__(self, bins: Sequence[_Bin], pinned_room_days: frozenset[tuple[int, int]]) -> None:
        by_day: dict[int, list[int]] = {}
        for b, bin_ in enumerate(bins):
            if (bin_.day, bin_.room) not in pinned_room_days:
                by_day.setdefault(bin_.day, []).append(b)
        self.groups = [group for group in by_day.values() if len(group) > 1]
        self.previous = [-1] * len(bins)
        for group in self.groups:
            for before, b in itertools.pairwise(group):
                self.previous[b] = before

    def canonical(self, used: list[int]) -> tuple[int, ...]:
        for group in self.groups:
            for b, value in zip(group, sorted((used[b] for b in group), reverse=True), strict=True):
                used[b] = value
        return tuple(used)

    def matching(self, used: Sequence[int], offset: int, b: int) -> int:
        """A bin of ``used`` (canonical) interchangeable with ``b`` and with ``offset`` used."""
        for group in self.groups:
            if b in group:
                return next(c for c in group if used[c] == offset)
        return b


class _Problem:
    def __init__(
        self,
        meetings: Sequence[Meeting],
        windows: Sequence[Window],
        rooms: int,
        gap: int,
        pins: Iterable[Pin],
    ) -> None:
        _check_settings(windows, rooms, gap)
        self.windows, self.rooms, self.gap = tuple(windows), rooms, gap
        self.by_id: dict[int, Meeting] = {}
        for m in meetings:
            if m.id in self.by_id:
                raise ValueError(f"duplicate meeting {m.id}")
            if m.length is not None and m.length <= 0:
                raise ValueError(f"meeting {m.id} has length {m.length}")
            if m.speakers < 0:
                raise ValueError(f"meeting {m.id} has {m.speakers} speakers")
            self.by_id[m.id] = m
        self.ranked = sorted(self.by_id.values(), key=lambda m: (m.review_order, m.id))
        self.rank = {m.id: r for r, m in enumerate(self.ranked)}
        self.pin_slots: list[Slot] = []
        for pin in pins:
            if pin.meeting_id not in self.by_id:
                raise ValueError(f"pin of unknown meeting {pin.meeting_id}")
            end = pin.start + self.by_id[pin.meeting_id].minutes
            self.pin_slots.append(Slot(pin.meeting_id, pin.day, pin.room, pin.start, end))
        _check_slots(self.pin_slots, self.by_id, len(self.windows), rooms)
        pinned = {s.meeting_id for s in self.pin_slots}
        self.free = [m for m in self.ranked if m.id not in pinned]  # in rank order

    # --- Reasons ---

    def pin_problems(self) -> tuple[Problem, ...]:
        renamed = {
            Code.OUTSIDE_WINDOW: Code.PIN_OUTSIDE_WINDOW,
            Code.UNUSABLE_DAY: Code.PIN_ON_UNUSABLE_DAY,
            Code.OVERLAP: Code.PINS_OVERLAP,
            Code.TOO_CLOSE: Code.PINS_TOO_CLOSE,
        }
        found = validate_slots(
            self.pin_slots,
            self.by_id.values(),
            windows=self.windows,
            rooms=self.rooms,
            gap=self.gap,
        )
        return tuple(Problem(renamed[p.code], p.params) for p in found)

    def meeting_problems(self) -> tuple[Problem, ...]:
        problems: list[Problem] = []
        for m in sorted(self.free, key=lambda m: m.id):
            usable = self.usable_days(m)
            if not usable:
                problems.append(Problem(Code.NO_USABLE_DAY, (("meeting_id", m.id),)))
                continue
            longest = max(self.windows[d].minutes for d in usable)
            if m.minutes > longest:
                params = (("meeting_id", m.id), ("length", m.minutes), ("longest_window", longest))
                problems.append(Problem(Code.MEETING_TOO_LONG, params))
        return tuple(problems)

    def usable_days(self, meeting: Meeting) -> list[int]:
        return [d for d in range(len(self.windows)) if d not in meeting.unavailable_days]

    def needed_minutes(self) -> int:
        # a room-day with k meetings needs k - 1 gaps; there are at most days * rooms room-days
        count = len(self.by_id)
        spare = max(0, count - len(self.windows) * self.rooms)
        return sum(m.minutes for m in self.by_id.values()) + self.gap * spare

    def available_minutes(self) -> int:
        return self.rooms * sum(w.minutes for w in self.windows)

    def extra_minutes_problem(self) -> Problem:
        # longer mornings keep every timetable feasible: the fit is monotone in the extra minutes
        low, high = 0, MAX_EXTRA_MINUTES // STEP  # fits(low * STEP) is False
        if not self.fits(high * STEP):
            return Problem(Code.CANNOT_FIT, (("max_extra_minutes", high * STEP),))
        while high - low > 1:
            middle = (low + high) // 2
            if self.fits(middle * STEP):
                high = middle
            else:
                low = middle
        return Problem(Code.DOES_NOT_FIT, (("extra_minutes", high * STEP),))

    # --- Bins ---

    def bins(self, extra: int) -> list[_Bin]:
        """Free segments, sorted by (day, room, time), the mornings ending ``extra`` later."""
        bins: list[_Bin] = []
        for day, window in enumerate(self.windows):
            for room in range(self.rooms):
                here = sorted(
                    (s for s in self.pin_slots if (s.day, s.room) == (day, room)),
                    key=lambda s: s.start,
                )
                starts = [window.start] + [s.end + self.gap for s in here]
                ends = [s.start - self.gap for s in here] + [window.end + extra]
                for k, (start, end) in enumerate(zip(starts, ends, strict=True)):
                    if end > start:
                        bins.append(_Bin(day, room, k, start, end - start))
        return bins

    def fits(self, extra: int) -> bool:
        """Whether the unpinned meetings fit in the free segments, the longest first."""
        bins = self.bins(extra)
        gap = self.gap
        meetings = sorted(self.free, key=lambda m: -m.minutes)
        lengths = [m.minutes for m in meetings]
        twins = _Twins(bins, self.pinned_room_days)
        twin = twins.previous
        options = [
            [b for b, bin_ in enumerate(bins) if bin_.day not in m.unavailable_days]
            for m in meetings
        ]
        capacities = [b.capacity for b in bins]
        failed: set[tuple[int, tuple[int, ...]]] = set()

        def place(j: int, used: tuple[int, ...]) -> bool:
            if j == len(meetings):
                return True
            if (j, used) in failed:
                return False
            length = lengths[j]
            for b in options[j]:
                if used[b] + length <= capacities[b] and (twin[b] < 0 or used[twin[b]] != used[b]):
                    grown = twins.canonical([*used[:b], used[b] + length + gap, *used[b + 1 :]])
                    if place(j + 1, grown):
                        return True
            failed.add((j, used))
            return False

        return place(0, (0,) * len(bins))

    @cached_property
    def pinned_room_days(self) -> frozenset[tuple[int, int]]:
        return frozenset((s.day, s.room) for s in self.pin_slots)

    def pinned_inversions(self) -> int:
        def before(a: Slot, b: Slot) -> bool:
            return a.day < b.day or ((a.day, a.room) == (b.day, b.room) and a.start < b.start)

        rank = self.rank
        return sum(
            1
            for a in self.pin_slots
            for b in self.pin_slots
            if rank[a.meeting_id] > rank[b.meeting_id] and before(a, b)
        )

    def pin_cost(self, meeting: Meeting, bin_: _Bin) -> int:
        """Inversions between ``meeting`` placed in ``bin_`` and the pinned meetings."""
        rank, cost = self.rank[meeting.id], 0
        for slot in self.pin_slots:
            if slot.day != bin_.day:
                after = slot.day > bin_.day
            elif slot.room == bin_.room:
                earlier_pins = sum(
                    1
                    for s in self.pin_slots
                    if (s.day, s.room) == (slot.day, slot.room) and s.start < slot.start
                )
                after = earlier_pins >= bin_.pins_before
            else:
                continue  # parallel rooms are not compared
            if after != (self.rank[slot.meeting_id] > rank):
                cost += 1
        return cost

    def optimum(self) -> tuple[int, tuple[Position, ...]]:
        """The inversions among unpinned meetings and with pins, and their positions.

        ``value`` is the best completion of a state: (sum of squares of the days' minutes,
        inversions still to come). It depends on each bin's used minutes and on counts of
        meetings per *counter*: one per day for the bins of rooms without pins (those bins are
        interchangeable, so their used minutes are kept sorted), one per bin in a room with pins.
        The positions are then chosen meeting by meeting, in rank order, the earliest that keeps
        the optimal value: that is the lexicographically smallest optimal vector.
        """
        bins = self.bins(0)
        gap, free, days = self.gap, self.free, len(self.windows)
        lengths = [m.minutes for m in free]
        twins = _Twins(bins, self.pinned_room_days)
        twin = twins.previous
        counter: list[int] = []
        day_counter: dict[int, int] = {}
        for bin_ in bins:
            if (bin_.day, bin_.room) in self.pinned_room_days:
                counter.append(len(day_counter) + len(counter) + days)  # renumbered below
            else:
                counter.append(day_counter.setdefault(bin_.day, bin_.day))
        numbers = {c: k for k, c in enumerate(sorted(set(counter)))}
        counter = [numbers[c] for c in counter]
        counters_of_day = [
            sorted({counter[b] for b, bin_ in enumerate(bins) if bin_.day == d})
            for d in range(days)
        ]
        bins_of_day = [[b for b, bin_ in enumerate(bins) if bin_.day == d] for d in range(days)]
        later = [
            sorted(
                {
                    counter[c]
                    for c, other in enumerate(bins)
                    if other.day > bin_.day
                    or (
                        (other.day, other.room) == (bin_.day, bin_.room)
                        and other.pins_before > bin_.pins_before
                    )
                }
            )
            for bin_ in bins
        ]
        pinned_minutes = [0] * days
        for slot in self.pin_slots:
            pinned_minutes[slot.day] += slot.end - slot.start
        options = [
            [
                (b, self.pin_cost(m, bin_), later[b], bin_.capacity, counter[b])
                for b, bin_ in enumerate(bins)
                if bin_.day not in m.unavailable_days and bin_.capacity >= m.minutes
            ]
            for m in free
        ]
        memo: dict[tuple[tuple[int, ...], tuple[int, ...]], tuple[int, int] | None] = {}
        bound: int | None = None

        def value(j: int, used: tuple[int, ...], counts: tuple[int, ...]) -> tuple[int, int] | None:
            key = (used, counts)
            if key in memo:
                return memo[key]
            best: tuple[int, int] | None = None
            if bound is not None and j < len(free):
                loads = [
                    pinned_minutes[d]
                    + sum(used[b] for b in bins_of_day[d])
                    - gap * sum(counts[c] for c in counters_of_day[d])
                    for d in range(days)
                ]
                if _exceeds(loads, remaining[j], bound):
                    memo[key] = None
                    return None
            if j == len(free):
                squares = 0
                for d in range(days):
                    minutes = pinned_minutes[d] - gap * sum(counts[c] for c in counters_of_day[d])
                    minutes += sum(used[b] for b in bins_of_day[d])
                    squares += minutes * minutes
                if bound is None or squares <= bound:
                    best = (squares, 0)
            else:
                length = lengths[j]
                for b, cost, after, capacity, c in options[j]:
                    offset = used[b]
                    if offset + length > capacity or (twin[b] >= 0 and used[twin[b]] == offset):
                        continue
                    rest = value(j + 1, *grow(used, counts, b, c, length))
                    if rest is not None:
                        candidate = (rest[0], rest[1] + cost + sum(counts[k] for k in after))
                        if best is None or candidate < best:
                            best = candidate
            memo[key] = best
            return best

        def grow(
            used: tuple[int, ...], counts: tuple[int, ...], b: int, c: int, length: int
        ) -> tuple[tuple[int, ...], tuple[int, ...]]:
            grown = twins.canonical([*used[:b], used[b] + length + gap, *used[b + 1 :]])
            return grown, (*counts[:c], counts[c] + 1, *counts[c + 1 :])

        remaining = [sum(lengths[j:]) for j in range(len(free) + 1)]
        used, counts = (0,) * len(bins), (0,) * len(set(counter))
        # States that cannot beat ``bound`` on rule 1 are cut; the bound grows until it holds the
        # optimum, the last one being no bound at all, so the result is exact.
        ideal = _least_squares(pinned_minutes, remaining[0])
        target = None
        for bound in (*(ideal + slack for slack in BOUND_SLACKS), None):  # noqa: B007 (read by value)
            memo.clear()
            target = value(0, used, counts)
            if target is not None:
                break
        if target is None:  # cannot happen: ``fits(0)`` was checked first
            raise RuntimeError("no timetable")
        inversions, positions = target[1], []
        actual = list(used)  # the real offsets; ``used`` is their canonical form
        for j, length in enumerate(lengths):
            choices = sorted(
                ((bins[b].day, bins[b].start + actual[b], bins[b].room), b, cost, after, c)
                for b, cost, after, capacity, c in options[j]
                if actual[b] + length <= capacity
            )
            for position, b, cost, after, c in choices:
                grown, grown_counts = grow(
                    used, counts, twins.matching(used, actual[b], b), c, length
                )
                rest = value(j + 1, grown, grown_counts)
                step = cost + sum(counts[k] for k in after)
                if rest is not None and (rest[0], rest[1] + step) == target:
                    positions.append(position)
                    actual[b] += length + gap
                    used, counts, target = grown, grown_counts, rest
                    break
        return inversions, tuple(positions)

    def timetable(self) -> Timetable:
        inversions, positions = self.optimum()
        slots = list(self.pin_slots)
        for m, (day, start, room) in zip(self.free, positions, strict=True):
            slots.append(Slot(m.id, day, room, start, start + m.minutes))
        slots.sort(key=lambda s: (s.day, s.start, s.room))
        day_minutes = [0] * len(self.windows)
        for slot in slots:
            day_minutes[slot.day] += slot.end - slot.start
        return Timetable(
            slots=tuple(slots),
            day_minutes=tuple(day_minutes),
            inversions=inversions + self.pinned_inversions(),
        )
