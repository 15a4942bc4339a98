"""Rules 2 and 3 among the evenest timetables: the days' sets of meetings, one day after another.

Take the days in order and let ``A`` be the unpinned meetings on the days before ``d``; giving day
``d`` the set ``S`` adds to rule 2 the pairs of ``S`` with the meetings left for later days that
rank before them (a pair on different days is counted once, on the earlier day), plus the *day
cost* of ``S``: its inversions with the pins and those between the segments of a room with pins,
the least over the layouts of ``S`` in the day's bins (rooms without pins are parallel and a bin
is in rank order, so they add nothing else). That depends on ``(d, A, S)`` only, so the fewest
inversions still to come from ``(d, A)`` (``value``) is memoised. Only the day choices on an
optimal path of ``evenness`` are tried, and ``S`` takes the first meetings of each kind not on an
earlier day (every optimal timetable does; see the package docstring), so ``A`` is told by the
number of each kind and there are as many states as in ``evenness``.

Rule 3 then walks the optimal timetables only: the tight choices (those that keep ``value``) form
a graph whose paths from the first day to the end are exactly the optimal day sets, and each day's
set keeps the layouts of its least day cost. Meeting by meeting in rank order, the earliest
position it has in some surviving layout is chosen; layouts without it are dropped, and so are
the choices no longer on a path from start to end. What survives is exactly the optimal
timetables that agree with the positions chosen so far, so the vector of positions is the
lexicographically smallest.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from panels.programme.planner.evenness import Evenness
from panels.programme.planner.model import Position

if TYPE_CHECKING:
    from panels.programme.planner.search import Search, _Bin


class _Day:
    """One morning's bins and what a meeting costs in each of them (its inversions with the pins
    and, in a room with pins, with the meetings of that room's later segments)."""

    def __init__(self, search: Search, bins: Sequence[_Bin], d: int, gap: int) -> None:
        self.bins = [b for b in bins if b.day == d]
        self.capacity = [b.capacity + gap for b in self.bins]  # a meeting takes length + gap
        self.later = [
            [
                k
                for k, other in enumerate(self.bins)
                if other.room == bin_.room and other.pins_before > bin_.pins_before
            ]
            for bin_ in self.bins
        ]
        # rooms without pins that day are interchangeable: same window, same costs
        pinned = search.pinned_room_days
        free = [k for k, b in enumerate(self.bins) if (d, b.room) not in pinned]
        self.twin = [-1] * len(self.bins)
        for before, k in itertools.pairwise(free):
            self.twin[k] = before
        self.plain = len(free) == len(self.bins)  # no pins that day: one pool, cost by meeting
        self.cost = [[search.pin_cost(m, b) for b in self.bins] for m in search.free]


class _Layouts:
    """The ways of laying a day's set out in its bins, in rank order inside each bin."""

    def __init__(self, day: _Day, lengths: Sequence[int], gap: int) -> None:
        self.day, self.gap = day, gap
        self.sizes = [length + gap for length in lengths]
        self.best: dict[int, int | None] = {}
        self.plain_packs: dict[tuple[int, ...], bool] = {}

    def least(self, members: Sequence[int], mask: int) -> int | None:
        """The least day cost of the set, None if it does not fit the day."""
        if mask in self.best:
            return self.best[mask]
        day = self.day
        if day.plain:
            key = tuple(sorted(self.sizes[x] for x in members))
            if key not in self.plain_packs:
                self.plain_packs[key] = self.fits(members, {}, None) is not None
            result = sum(day.cost[x][0] for x in members) if self.plain_packs[key] else None
        else:
            result = self.fits(members, {}, None)
        self.best[mask] = result
        return result

    def fits(self, members: Sequence[int], forced: dict[int, int], limit: int | None) -> int | None:
        """The least day cost of a layout with the ``forced`` bins (at most ``limit``), or None.

        Members in rank order; twins with the same minutes used are one choice."""
        day, sizes = self.day, self.sizes
        count = len(day.bins)
        used, placed = [0] * count, [0] * count
        rest_least = [0] * (len(members) + 1)
        for i in range(len(members) - 1, -1, -1):
            x = members[i]
            options = [forced[x]] if x in forced else range(count)
            rest_least[i] = rest_least[i + 1] + min(
                (day.cost[x][k] for k in options if sizes[x] <= day.capacity[k]), default=0
            )
        best = [limit + 1 if limit is not None else None]

        def place(i: int, cost: int) -> None:
            if best[0] is not None and cost + rest_least[i] >= best[0]:
                return
            if i == len(members):
                best[0] = cost
                return
            x = members[i]
            size = sizes[x]
            if x in forced:
                options: Sequence[int] = (forced[x],)
            else:
                options = range(count)
            for k in options:
                if used[k] + size > day.capacity[k]:
                    continue
                if x not in forced and day.twin[k] >= 0 and used[day.twin[k]] == used[k]:
                    continue
                step = day.cost[x][k] + sum(placed[other] for other in day.later[k])
                used[k] += size
                placed[k] += 1
                place(i + 1, cost + step)
                used[k] -= size
                placed[k] -= 1

        place(0, 0)
        found = best[0]
        if found is None or (limit is not None and found > limit):
            return None
        return found


def best_order(search: Search, bins: Sequence[_Bin]) -> tuple[int, tuple[Position, ...]]:
    """The fewest inversions (unpinned meetings among themselves and with the pins) of the
    evenest timetables, and the earliest positions among those."""
    free, gap, days = search.free, search.gap, len(search.windows)
    count = len(free)
    if count == 0:
        return 0, ()
    lengths = [m.minutes for m in free]
    pinned = [0] * days
    for slot in search.pin_slots:
        pinned[slot.day] += slot.end - slot.start
    day_of = [_Day(search, bins, d, gap) for d in range(days)]
    layouts = [_Layouts(day, lengths, gap) for day in day_of]
    allowed = [
        sum(
            1 << x
            for x, m in enumerate(free)
            if d not in m.unavailable_days
            and any(lengths[x] + gap <= c for c in day_of[d].capacity)
        )
        for d in range(days)
    ]
    unit = math.gcd(*(m.minutes for m in search.by_id.values()))
    evenness = Evenness(lengths, allowed, pinned, [day.capacity for day in day_of], gap, unit)
    kind_masks = [sum(1 << x for x in members) for members in evenness.members]
    everyone = (1 << count) - 1

    def members(mask: int) -> list[int]:
        return [x for x in range(count) if mask >> x & 1]

    def transitions(d: int, taken: int) -> list[tuple[int, int]]:
        """The sets day ``d`` may take after ``taken`` on an evenest timetable, and their
        inversions: with the meetings left for later days, with the pins and inside the day."""
        rest = everyone ^ taken
        kinds = tuple((taken & mask).bit_count() for mask in kind_masks)
        found = []
        for chosen_kinds in evenness.tight(d, kinds):
            # the first of each kind in rank order (see the module docstring)
            inside = sorted(
                x
                for k, n in enumerate(chosen_kinds)
                for x in evenness.members[k][kinds[k] : kinds[k] + n]
            )
            chosen = sum(1 << x for x in inside)
            cost = layouts[d].least(inside, chosen)
            if cost is None:
                continue
            later = rest ^ chosen
            cost += sum((later & ((1 << x) - 1)).bit_count() for x in inside)
            found.append((chosen, cost))
        return found

    memo: dict[tuple[int, int], int | None] = {}

    def value(d: int, taken: int) -> int | None:
        """The fewest inversions of days ``d ..`` after ``taken``, the days kept evenest."""
        if d == days:
            return 0 if taken == everyone else None
        key = (d, taken)
        if key in memo:
            return memo[key]
        best = None
        for chosen, step in transitions(d, taken):
            rest = value(d + 1, taken | chosen)
            if rest is not None and (best is None or step + rest < best):
                best = step + rest
        memo[key] = best
        return best

    inversions = value(0, 0)
    if inversions is None:  # cannot happen: every tight path is a timetable
        raise RuntimeError("no timetable")

    # The graph of the tight transitions: edges (day, taken, chosen).
    edges: list[tuple[int, int, int]] = []
    seen = {(0, 0)}
    frontier = [(0, 0)]
    while frontier:
        d, taken = frontier.pop()
        here = memo[(d, taken)]
        for chosen, step in transitions(d, taken):
            rest = value(d + 1, taken | chosen)
            if rest is not None and step + rest == here:
                edges.append((d, taken, chosen))
                node = (d + 1, taken | chosen)
                if node[0] < days and node not in seen:
                    seen.add(node)
                    frontier.append(node)
    forced: list[dict[int, int]] = [{} for _ in edges]
    least = [layouts[d].least(members(chosen), chosen) for d, _, chosen in edges]
    alive = list(range(len(edges)))

    positions: list[Position] = []
    for j in range(count):
        best_position: Position | None = None
        where: dict[int, int] = {}
        for e in alive:
            d, _, chosen = edges[e]
            if not chosen >> j & 1:
                continue
            found = _earliest(layouts[d], members(chosen), forced[e], least[e], j, lengths, gap)
            if found is None:
                continue
            k, position = found
            where[e] = k
            if best_position is None or position < best_position:
                best_position = position
        if best_position is None:  # cannot happen: a tight path has a layout
            raise RuntimeError("no timetable")
        positions.append(best_position)
        kept = []
        for e in alive:
            d, _, chosen = edges[e]
            if chosen >> j & 1:
                if e not in where:
                    continue
                k = where[e]
                bin_ = day_of[d].bins[k]
                start = bin_.start + sum(lengths[x] + gap for x, b in forced[e].items() if b == k)
                if (d, start, bin_.room) != best_position:
                    continue
                forced[e][j] = k
            kept.append(e)
        alive = _on_paths(edges, kept, days, everyone)
    return inversions, tuple(positions)


def _earliest(
    layouts: _Layouts,
    inside: Sequence[int],
    forced: dict[int, int],
    least: int | None,
    j: int,
    lengths: Sequence[int],
    gap: int,
) -> tuple[int, Position] | None:
    """The bin and position of meeting ``j`` in the earliest layout of the least day cost that
    keeps the ``forced`` bins of the meetings before it."""
    day = layouts.day
    options = []
    for k, bin_ in enumerate(day.bins):
        start = bin_.start + sum(lengths[x] + gap for x, b in forced.items() if b == k)
        options.append(((bin_.day, start, bin_.room), k))
    for position, k in sorted(options):
        if layouts.fits(inside, {**forced, j: k}, least) is not None:
            return k, position
    return None


def _on_paths(
    edges: Sequence[tuple[int, int, int]], kept: Sequence[int], days: int, everyone: int
) -> list[int]:
    """The kept edges on some path from day 0 with nothing taken to the end with everyone."""
    reach = {(0, 0)}
    for e in sorted(kept, key=lambda e: edges[e][0]):
        d, taken, chosen = edges[e]
        if (d, taken) in reach:
            reach.add((d + 1, taken | chosen))
    back = {(days, everyone)}
    for e in sorted(kept, key=lambda e: -edges[e][0]):
        d, taken, chosen = edges[e]
        if (d + 1, taken | chosen) in back:
            back.add((d, taken))
    return [
        e
        for e in kept
        if (edges[e][0], edges[e][1]) in reach
        and (edges[e][0] + 1, edges[e][1] | edges[e][2]) in back
    ]
