"""The exact search: the free segments (bins), whether the meetings fit, and the optimum."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

from panels.programme.planner.model import Meeting, Pin, Plan, Position, Slot, Window
from panels.programme.planner.validate import check_settings, check_slots

State = tuple[tuple[int, int, tuple[int, ...]], ...]  # per pool: minutes, meetings, lengths
DayState = tuple[tuple[int, tuple[int, ...]], ...]  # per day: minutes, lengths
BOUND_SLACKS = (
    25,
    50,
    100,
    200,
    400,
    800,
    1600,
    6400,
    60000,
)  # sums of squares above the ideal, tried in turn


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


def _lattice_least(loads: Sequence[int], remaining: int, unit: int) -> int:
    """The least sum of squares of the days when ``remaining`` minutes are added to ``loads``
    in multiples of ``unit`` (every meeting's length is one): the lowest days are raised to one
    level, some of them one ``unit`` above it."""
    total, k, others = _spread([x // unit for x in loads], remaining // unit)
    level, above = divmod(total, k)
    return unit * unit * ((k - above) * level * level + above * (level + 1) ** 2 + others)


def _least_squares(loads: Sequence[int], remaining: int) -> int:
    total, k, others = _spread(loads, remaining)
    return -(-total * total // k) + others if k else others


def _largest_day(total: int, days: int, bound: int) -> float:
    """The most minutes one day can hold when the squares of ``days`` days adding up to
    ``total`` stay under ``bound``: x**2 + (total - x)**2 / (days - 1) <= bound."""
    if days == 1:
        return total
    discriminant = total * total - days * (total * total - (days - 1) * bound)
    if discriminant < 0:
        return 0
    return (total + math.isqrt(discriminant) + 1) / days


def _smallest_day(total: int, days: int, bound: int) -> int:
    """The fewest minutes one day can hold under the same condition as ``_largest_day``."""
    if days == 1:
        return total
    discriminant = total * total - days * (total * total - (days - 1) * bound)
    if discriminant < 0:
        return 0
    return (total - math.isqrt(discriminant) - 1) // days


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


class Search:
    """One ``schedule`` request, checked: its free segments, whether the meetings fit, and the
    exact search for the optimal plan."""

    def __init__(
        self,
        meetings: Sequence[Meeting],
        windows: Sequence[Window],
        rooms: int,
        gap: int,
        pins: Iterable[Pin],
    ) -> None:
        check_settings(windows, rooms, gap)
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
        check_slots(self.pin_slots, self.by_id, len(self.windows), rooms)
        pinned = {s.meeting_id for s in self.pin_slots}
        self.free = [m for m in self.ranked if m.id not in pinned]  # in rank order

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

        Rules 1 and 2 depend on the meetings of each *pool*, not on their rooms: a pool is the
        rooms without pins of one day (interchangeable: a day's meetings there are parallel or in
        rank order, so they add no inversions among themselves), or one free segment of a room
        with pins. A pool's state is the sorted lengths of its meetings; it is feasible when they
        pack into its rooms. ``value`` is the best completion of a state (sum of squares of the
        days' minutes, inversions still to come), memoised. The positions are then chosen meeting
        by meeting, in rank order, the earliest whose room-by-room state still has a completion
        of the optimal value: that is the lexicographically smallest optimal vector.
        """
        bins = self.bins(0)
        gap, free, days = self.gap, self.free, len(self.windows)
        lengths = [m.minutes for m in free]
        pool_of: list[int] = []
        pool_keys: dict[tuple[int, int, int], int] = {}
        for bin_ in bins:
            if (bin_.day, bin_.room) in self.pinned_room_days:
                key = (bin_.day, bin_.room, bin_.pins_before)
            else:
                key = (bin_.day, -1, 0)
            pool_of.append(pool_keys.setdefault(key, len(pool_keys)))
        pools = list(pool_keys)
        pool_rooms = [sum(1 for p in pool_of if p == q) for q in range(len(pools))]
        pool_capacity = [0] * len(pools)
        pool_bin = [0] * len(pools)
        for b, bin_ in enumerate(bins):
            pool_capacity[pool_of[b]] = bin_.capacity
            pool_bin[pool_of[b]] = b
        pool_day = [key[0] for key in pools]
        later = [
            [
                other
                for other, (o_day, o_room, o_seg) in enumerate(pools)
                if o_day > day or (room >= 0 and (o_day, o_room) == (day, room) and o_seg > seg)
            ]
            for day, room, seg in pools
        ]
        pinned_minutes = [0] * days
        for slot in self.pin_slots:
            pinned_minutes[slot.day] += slot.end - slot.start
        options = [
            [
                (q, self.pin_cost(m, bins[pool_bin[q]]), later[q])
                for q in range(len(pools))
                if pool_day[q] not in m.unavailable_days and pool_capacity[q] >= m.minutes
            ]
            for m in free
        ]
        packs_memo: dict[tuple[int, tuple[int, ...]], bool] = {}

        def packs(q: int, content: tuple[int, ...]) -> bool:
            """Whether meetings of these lengths fit in the rooms of pool ``q``."""
            rooms, room = pool_rooms[q], pool_capacity[q] + gap
            sizes = [length + gap for length in content]
            if sum(sizes) > rooms * room:
                return False
            if rooms == 1:
                return True
            key = (q, content)
            if key in packs_memo:
                return packs_memo[key]
            ordered = sorted(sizes, reverse=True)
            loads = [0] * rooms

            def place(i: int) -> bool:
                if i == len(ordered):
                    return True
                tried: set[int] = set()
                for r in range(rooms):
                    if loads[r] in tried or loads[r] + ordered[i] > room:
                        continue
                    tried.add(loads[r])
                    loads[r] += ordered[i]
                    if place(i + 1):
                        return True
                    loads[r] -= ordered[i]
                return False

            packs_memo[key] = result = place(0)
            return result

        sizes_max = max((length + gap for length in lengths), default=0)
        length_min = min(lengths, default=1)
        day_cap: list[float] = [math.inf]

        def add(state: State, q: int, length: int, rest: int, count_rest: int) -> State | None:
            """``state`` with a meeting of ``length`` in pool ``q``, None if it does not fit;
            ``rest`` minutes in ``count_rest`` meetings are still to come.

            The lengths of a pool are forgotten once every future of it packs: when its minutes
            plus gaps, with the most the meetings still to come can add under the bound on rule
            1, stay under ``rooms * room - (rooms - 1) * largest``, putting each meeting in the
            least used room fits."""
            minutes, count, content = state[q]
            minutes, count = minutes + length, count + 1
            rooms, room = pool_rooms[q], pool_capacity[q] + gap
            if rooms == 1 or (count > 1 and not content):
                if minutes + gap * count > rooms * room:
                    return None
                entry: tuple[int, int, tuple[int, ...]] = (minutes, count, ())
            else:
                grown = tuple(sorted((*content, length)))
                if not packs(q, grown):
                    return None
                future = min(rest, day_cap[0] - minutes)
                future_sizes = future + gap * min(count_rest, future // length_min)
                safe = rooms * room - (rooms - 1) * sizes_max
                entry = (
                    minutes,
                    count,
                    () if minutes + gap * count + future_sizes <= safe else grown,
                )
            return (*state[:q], entry, *state[q + 1 :])

        def day_loads(state: State) -> list[int]:
            loads = list(pinned_minutes)
            for q, entry in enumerate(state):
                loads[pool_day[q]] += entry[0]
            return loads

        count = len(free)
        remaining = [sum(lengths[j:]) for j in range(count + 1)]
        total = remaining[0] + sum(pinned_minutes)
        start: State = ((0, 0, ()),) * len(pools)

        # Rule 1 alone, the longest meetings first (the bound then cuts early): ``bound`` on the
        # squares grows until it holds the optimum, the last one being no bound at all.
        # Meetings with unavailable days first; after them, days with the same morning and no pins
        # are interchangeable for rule 1, so states differing by such a permutation are one.
        restricted = [j for j in range(count) if free[j].unavailable_days & set(range(days))]
        others = [j for j in range(count) if j not in set(restricted)]
        longest = [*sorted(restricted, key=lambda j: (-lengths[j], j))]
        longest += sorted(others, key=lambda j: (-lengths[j], j))
        left = [sum(lengths[j] for j in longest[i:]) for i in range(count + 1)]
        unit = math.gcd(*(m.minutes for m in self.by_id.values())) or 1
        # Rule 1 depends on each day's minutes only: a day's state is the lengths of its
        # meetings (forgotten once its rooms without pins hold any future alone), feasible when
        # they pack into the day's segments.
        day_rooms = [[b.capacity + gap for b in bins if b.day == d] for d in range(days)]
        free_rooms = [
            sum(1 for r in range(self.rooms) if (d, r) not in self.pinned_room_days)
            for d in range(days)
        ]
        day_safe = [
            free_rooms[d] * (self.windows[d].minutes + gap) - (free_rooms[d] - 1) * sizes_max
            if free_rooms[d]
            else -1
            for d in range(days)
        ]
        day_packs_memo: dict[tuple[int, tuple[int, ...]], bool] = {}

        def day_packs(d: int, content: tuple[int, ...]) -> bool:
            key = (d, content)
            if key not in day_packs_memo:
                ordered = sorted((length + gap for length in content), reverse=True)
                room = list(day_rooms[d])

                def place(i: int) -> bool:
                    if i == len(ordered):
                        return True
                    tried: set[int] = set()
                    for r, free_minutes in enumerate(room):
                        if free_minutes in tried or free_minutes < ordered[i]:
                            continue
                        tried.add(free_minutes)
                        room[r] -= ordered[i]
                        found = place(i + 1)
                        room[r] += ordered[i]
                        if found:
                            return True
                    return False

                day_packs_memo[key] = sum(ordered) <= sum(room) and place(0)
            return day_packs_memo[key]

        def add_to_day(
            state: DayState, d: int, length: int, rest: int, count_rest: int
        ) -> DayState | None:
            minutes, content = state[d]
            minutes += length
            if content or minutes == length:
                grown = tuple(sorted((*content, length)))
                if not day_packs(d, grown):
                    return None
                future = min(rest, day_cap[0] - minutes)
                future_sizes = future + gap * min(count_rest, future // length_min)
                if minutes + gap * len(grown) + future_sizes > day_safe[d]:
                    return (*state[:d], (minutes, grown), *state[d + 1 :])
            return (*state[:d], (minutes, ()), *state[d + 1 :])

        day_options = [
            [
                d
                for d in range(days)
                if d not in m.unavailable_days and max(day_rooms[d], default=0) >= m.minutes + gap
            ]
            for m in free
        ]
        alike: dict[Window, list[int]] = {}
        for d in range(days):
            if free_rooms[d] == self.rooms:
                alike.setdefault(self.windows[d], []).append(d)
        groups = [group for group in alike.values() if len(group) > 1]
        failed_squares: set[tuple[int, DayState]] = set()
        bound = 0

        def first(i: int, state: DayState) -> int | None:
            """The squares of a completion under ``bound`` (least used days first), or None."""
            key = state
            if i >= len(restricted) and groups:
                entries = list(state)
                for group in groups:
                    for d, e in zip(group, sorted(entries[d] for d in group), strict=True):
                        entries[d] = e
                key = tuple(entries)
            if (i, key) in failed_squares:
                return None
            loads = [pinned_minutes[d] + state[d][0] for d in range(days)]
            if i == count:
                squares = sum(x * x for x in loads)
                return squares if squares <= bound else None
            if _lattice_least(loads, left[i], unit) <= bound:
                j = longest[i]
                for d in sorted(day_options[j], key=lambda d: loads[d]):
                    grown = add_to_day(state, d, lengths[j], left[i + 1], count - i - 1)
                    if grown is not None:
                        found = first(i + 1, grown)
                        if found is not None:
                            return found
            failed_squares.add((i, key))
            return None

        def attempt(limit: int) -> int | None:
            nonlocal bound
            bound = limit
            failed_squares.clear()
            day_cap[0] = _largest_day(total, days, limit)
            return first(0, ((0, ()),) * days)

        # The least sum of squares: days as even as the meetings' lengths allow, then bounds
        # above it until a timetable is found, then below that timetable's until none is.
        ideal = _lattice_least(pinned_minutes, remaining[0], unit)
        optimum = None
        for slack in (0, *BOUND_SLACKS, total * total):
            optimum = attempt(ideal + slack)
            if optimum is not None:
                break
        if optimum is None:  # cannot happen: ``fits(0)`` was checked first
            raise RuntimeError("no timetable")
        while optimum > ideal:
            better = attempt(optimum - 1)
            if better is None:
                break
            optimum = better
        squares_optimum = optimum

        # Rule 2 among the timetables of that evenness, in rank order, by branch and bound: a
        # day under ``lowest`` minutes cannot reach the optimum, so it still needs meetings, each
        # an inversion with every meeting already on a later day.
        day_cap[0] = _largest_day(total, days, squares_optimum)
        lowest = _smallest_day(total, days, squares_optimum)
        longest_rest = [max(lengths[j:], default=1) for j in range(count + 1)]
        exact: dict[State, int] = {}
        lower: dict[State, int] = {}
        never = 10**9

        def least_inversions(j: int, state: State) -> int:
            loads, on_day = day_loads(state), [0] * days
            for q, entry in enumerate(state):
                on_day[pool_day[q]] += entry[1]
            bound, after = 0, 0
            for d in range(days - 1, -1, -1):
                if loads[d] < lowest and after:
                    bound += after * -(-(lowest - loads[d]) // longest_rest[j])
                after += on_day[d]
            return bound

        def value(j: int, state: State, budget: int) -> int | None:
            """The fewest inversions still to come from ``state`` if at most ``budget``."""
            if state in exact:
                return exact[state] if exact[state] <= budget else None
            if lower.get(state, 0) > budget:
                return None
            if j == count:
                squares = sum(x * x for x in day_loads(state))
                if squares <= squares_optimum:
                    exact[state] = 0
                    return 0
                lower[state] = never
                return None
            if _lattice_least(day_loads(state), remaining[j], unit) > squares_optimum:
                lower[state] = never
                return None
            bound = least_inversions(j, state)
            if bound > budget:
                lower[state] = max(lower.get(state, 0), bound)
                return None
            best, length = None, lengths[j]
            moves = sorted(
                (cost + sum(state[k][1] for k in after), q) for q, cost, after in options[j]
            )
            for step, q in moves:
                limit = (budget if best is None else best - 1) - step
                if limit < 0:
                    break
                grown = add(state, q, length, remaining[j + 1], count - j - 1)
                if grown is None:
                    continue
                rest = value(j + 1, grown, limit)
                if rest is not None:
                    best = step + rest
            if best is None:
                lower[state] = max(lower.get(state, 0), budget + 1)
                return None
            exact[state] = best
            return best

        budget = least_inversions(0, start)
        inversions = value(0, start, budget)
        while inversions is None:
            budget = 2 * budget + 1
            inversions = value(0, start, budget)

        # Room by room: ``used`` is the next offset of each bin.
        capacities = [bin_.capacity for bin_ in bins]
        bin_options = [
            [
                (b, cost, after)
                for q, cost, after in options[j]
                for b in range(len(bins))
                if pool_of[b] == q
            ]
            for j in range(len(free))
        ]
        failed: set[tuple[tuple[int, ...], State]] = set()

        def steps(
            j: int, used: list[int], state: State, goal: int
        ) -> Iterator[tuple[int, State, int]]:
            """The optimal moves of meeting ``j``: (bin, the next state, its inversions)."""
            length = lengths[j]
            for b, cost, after in bin_options[j]:
                if used[b] + length > capacities[b]:
                    continue
                step = cost + sum(state[k][1] for k in after)
                if step > goal:
                    continue
                grown = add(state, pool_of[b], length, remaining[j + 1], count - j - 1)
                if grown is not None and value(j + 1, grown, goal - step) == goal - step:
                    yield b, grown, step

        def completes(j: int, used: list[int], state: State, goal: int) -> bool:
            if j == count:
                return True
            key = (self._canonical(used, pool_of), state)
            if key in failed:
                return False
            for b, grown, step in steps(j, used, state, goal):
                used[b] += lengths[j] + gap
                found = completes(j + 1, used, grown, goal - step)
                used[b] -= lengths[j] + gap
                if found:
                    return True
            failed.add(key)
            return False

        used, state, positions, goal = [0] * len(bins), start, [], inversions
        for j, length in enumerate(lengths):
            moves = sorted(
                ((bins[b].day, bins[b].start + used[b], bins[b].room), b, grown, step)
                for b, grown, step in steps(j, used, state, goal)
            )
            for position, b, grown, step in moves:
                used[b] += length + gap
                if completes(j + 1, used, grown, goal - step):
                    positions.append(position)
                    state, goal = grown, goal - step
                    break
                used[b] -= length + gap
            else:  # cannot happen: the optimum has a timetable
                raise RuntimeError("no timetable")
        return inversions, tuple(positions)

    @staticmethod
    def _canonical(used: Sequence[int], pool_of: Sequence[int]) -> tuple[int, ...]:
        """The bins' offsets with those of one pool sorted: its rooms are interchangeable."""
        by_pool: dict[int, list[int]] = {}
        for b, q in enumerate(pool_of):
            by_pool.setdefault(q, []).append(used[b])
        return tuple(x for q in sorted(by_pool) for x in sorted(by_pool[q]))

    def plan(self) -> Plan:
        inversions, positions = self.optimum()
        slots = list(self.pin_slots)
        for m, (day, start, room) in zip(self.free, positions, strict=True):
            slots.append(Slot(m.id, day, room, start, start + m.minutes))
        slots.sort(key=lambda s: (s.day, s.start, s.room))
        day_minutes = [0] * len(self.windows)
        for slot in slots:
            day_minutes[slot.day] += slot.end - slot.start
        return Plan(
            slots=tuple(slots),
            day_minutes=tuple(day_minutes),
            inversions=inversions + self.pinned_inversions(),
        )
