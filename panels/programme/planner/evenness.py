"""Rule 1, the evenest days: the least sum of squares of the days' minutes, and the day choices
on the timetables that reach it.

Rule 1 and whether a day's meetings fit depend only on their lengths and the days they may use,
so meetings alike in both are one *kind*, and a state is the number of each kind on the days
before ``d``; a day's choice is a number of each kind whose pieces pack into its free segments.
The search goes forward day by day and keeps, for each state, the least squares of the days that
led to it. Under a bound on the total, a choice is cut when those squares, the day's and the
least the days after can add (``least_squares``: the rest spread as evenly as the lengths and
each day's capacity allow, a lower bound) pass it. The bound grows from that least spread of the
whole series until a timetable is under it; every timetable under the bound keeps all its
choices, so the least one found is the optimum. Back from the end, a choice is on an optimal
path when it reaches, with the least squares, a state that is.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence

from panels.programme.planner.fitting import packs

Kinds = tuple[int, ...]  # how many meetings of each kind
BOUND_SLACKS = (25, 50, 100, 200, 400, 800, 1600, 6400, 60000)  # squares above the ideal, in turn


def least_squares(
    loads: Sequence[int], caps: Sequence[int], remaining: int, unit: int
) -> int | None:
    """The least sum of squares of the days when ``remaining`` minutes are added to days of
    ``loads``, day ``d`` taking at most ``caps[d]``, in multiples of ``unit`` (every length is
    one); None if they cannot hold that much.

    The sum is convex in each day, so the least is water-filling: every day raised to one level
    ``level`` (or to its cap), ``extra`` of the days at that level one unit above it."""
    low = [x // unit for x in loads]
    room = [c // unit for c in caps]
    todo = remaining // unit

    def added(level: int) -> int:
        return sum(min(c, max(0, level - x)) for x, c in zip(low, room, strict=True))

    top = max((x + c for x, c in zip(low, room, strict=True)), default=0)
    if added(top) < todo:
        return None
    lo, hi = min(low, default=0), top  # added(lo) == 0 <= todo <= added(hi)
    while lo < hi:  # the highest level that adds at most ``todo``
        middle = (lo + hi + 1) // 2
        if added(middle) <= todo:
            lo = middle
        else:
            hi = middle - 1
    level = lo
    final = [x + min(c, max(0, level - x)) for x, c in zip(low, room, strict=True)]
    extra = todo - sum(final) + sum(low)  # days at ``level`` below their cap, one unit more
    return unit * unit * (sum(x * x for x in final) + extra * (2 * level + 1))


def most_minutes(rooms: Sequence[int], lengths: Sequence[int], gap: int) -> int:
    """An upper bound on the minutes of meetings a day can hold: per free segment (``rooms``:
    its minutes plus one gap), the most minutes of some of the meetings that fit in it alone."""
    total = 0
    for room in rooms:
        by_count = [1]  # by_count[k]: bit s set when k meetings can take s minutes
        for length in lengths:
            by_count.append(0)
            for k in range(len(by_count) - 2, -1, -1):
                limit = room - (k + 1) * gap  # k + 1 meetings take their minutes and k + 1 gaps
                if limit >= 0:
                    by_count[k + 1] |= (by_count[k] << length) & ((1 << (limit + 1)) - 1)
        total += max(bits.bit_length() - 1 for bits in by_count)
    return min(total, sum(lengths))


class Evenness:
    """The least squares of a series and the day choices on its optimal paths.

    ``lengths[x]`` and ``allowed[d]`` (a bit mask of the meetings day ``d`` may take) describe
    the unpinned meetings; ``pinned[d]`` is the pinned minutes of day ``d``; ``rooms[d]`` the
    minutes (plus one gap) of each free segment of day ``d``; a meeting takes its length plus
    ``gap``; ``unit`` divides every length."""

    def __init__(
        self,
        lengths: Sequence[int],
        allowed: Sequence[int],
        pinned: Sequence[int],
        rooms: Sequence[Sequence[int]],
        gap: int,
        unit: int,
    ) -> None:
        self.days, self.pinned, self.rooms, self.gap, self.unit = (
            len(allowed),
            pinned,
            rooms,
            gap,
            unit,
        )
        by_kind: dict[tuple[int, int], list[int]] = {}
        for x, length in enumerate(lengths):
            days_mask = sum(1 << d for d in range(self.days) if allowed[d] >> x & 1)
            by_kind.setdefault((length, days_mask), []).append(x)
        self.kinds = sorted(by_kind)
        self.members = [by_kind[k] for k in self.kinds]  # in rank order
        self.length = [length for length, _ in self.kinds]
        self.size = [len(m) for m in self.members]
        self.on_day = [
            [k for k, (_, mask) in enumerate(self.kinds) if mask >> d & 1] for d in range(self.days)
        ]
        self.off_day = [
            [k for k, (_, mask) in enumerate(self.kinds) if not mask >> d & 1]
            for d in range(self.days)
        ]
        self.radix = [math.prod(n + 1 for n in self.size[:k]) for k in range(len(self.size))]
        self.later_days = [
            [bool(mask >> (d + 1)) for _, mask in self.kinds] for d in range(self.days)
        ]
        self.total = sum(lengths)
        self.caps = [
            most_minutes(rooms[d], [n for x, n in enumerate(lengths) if allowed[d] >> x & 1], gap)
            for d in range(self.days)
        ]
        self.most = (self.total + sum(pinned)) ** 2  # no timetable has more squares
        self.never = 4 * self.most + 1  # above every bound tried
        self.fits_memo: dict[tuple[int, int], bool] = {}
        self.least_memo: dict[tuple[int, int, int], int] = {}
        self.costs_memo: dict[tuple[int, int], tuple[list[int], list[int]]] = {}
        self.optimum, self.tight_choices = self._solve()

    def _least(self, first: int, last: int, minutes: int) -> int:
        """The least squares of days ``first .. last - 1`` holding ``minutes`` more."""
        key = (first, last, minutes)
        if key not in self.least_memo:
            least = least_squares(
                self.pinned[first:last], self.caps[first:last], minutes, self.unit
            )
            self.least_memo[key] = self.never if least is None else least
        return self.least_memo[key]

    def _fits(self, d: int, chosen: int) -> bool:
        key = (d, chosen)
        if key not in self.fits_memo:
            sizes = [
                self.length[k] + self.gap
                for k, count in enumerate(self.decode(chosen))
                for _ in range(count)
            ]
            self.fits_memo[key] = packs(self.rooms[d], sizes)
        return self.fits_memo[key]

    def encode(self, kinds: Kinds) -> int:
        """A state as one number: ``kinds[k]`` is its ``k``-th digit (in base ``size[k] + 1``),
        so that adding a day's choice to a state is adding numbers."""
        return sum(count * radix for count, radix in zip(kinds, self.radix, strict=True))

    def decode(self, code: int) -> Kinds:
        return tuple(
            (code // radix) % (n + 1) for radix, n in zip(self.radix, self.size, strict=True)
        )

    def _loads(self, d: int, used: int, budget: int) -> int:
        """The unpinned minutes ``x`` day ``d`` may take, ``used`` on the days before, when
        days ``d ..`` may add ``budget`` squares: bit ``x // unit`` of the result."""
        key = (d, used)
        if key not in self.costs_memo:
            left, unit, pinned = self.total - used, self.unit, self.pinned[d]
            ranked = sorted(
                ((pinned + x) ** 2 + self._least(d + 1, self.days, left - x), x)
                for x in range(0, left + 1, unit)
            )
            costs, bits, seen = [], [], 0
            for cost, x in ranked:
                seen |= 1 << (x // unit)
                costs.append(cost)
                bits.append(seen)
            self.costs_memo[key] = costs, bits
        costs, bits = self.costs_memo[key]
        i = bisect.bisect_right(costs, budget)
        return bits[i - 1] if i else 0

    def _choices(self, d: int, taken: int, used: int, budget: int) -> list[tuple[int, int]]:
        """What day ``d`` may take after ``taken`` (``used`` minutes) when days ``d ..`` may add
        ``budget`` squares: (the choice's code, its minutes)."""
        targets = self._loads(d, used, budget)
        if not targets:
            return []
        unit, radix = self.unit, self.radix
        rest = [n - (taken // r) % (n + 1) for r, n in zip(radix, self.size, strict=True)]
        later = self.later_days[d]
        if any(rest[k] and not later[k] for k in self.off_day[d]):
            return []
        most = (targets.bit_length() - 1) * unit
        here = [k for k in self.on_day[d] if rest[k]]
        steps = [self.length[k] // unit for k in here]
        # sums (in units) the kinds from the i-th of ``here`` on can still add
        reach = [1] * (len(here) + 1)
        for i in range(len(here) - 1, -1, -1):
            bits = 0
            for count in range(rest[here[i]] + 1):
                bits |= reach[i + 1] << (count * steps[i])
            reach[i] = bits
        found: list[tuple[int, int]] = []

        def pick(i: int, code: int, load: int) -> None:
            if not (reach[i] << load) & targets:
                return
            if i == len(here):
                if self._fits(d, code):
                    found.append((code, load * unit))
                return
            k = here[i]
            count = 0 if later[k] else rest[k]
            while count <= rest[k] and (load + count * steps[i]) * unit <= most:
                pick(i + 1, code + count * radix[k], load + count * steps[i])
                count += 1

        pick(0, 0, 0)
        return found

    def _solve(self) -> tuple[int, dict[tuple[int, int], list[int]]]:
        ideal = self._least(0, self.days, self.total)
        for slack in (0, *BOUND_SLACKS, self.most):
            found = self._attempt(ideal + slack)
            if found is not None:
                return found
        raise RuntimeError("no timetable")  # cannot happen: the meetings were checked to fit

    def _attempt(self, bound: int) -> tuple[int, dict[tuple[int, int], list[int]]] | None:
        """Day by day, the least squares ``reached`` of each state whose choices so far and
        least completion stay under ``bound``; then, from the end back, the choices on the
        optimal paths. None if no timetable is under the bound."""
        reached: list[dict[int, int]] = [{0: 0}]
        used = {0: 0}
        edges: list[list[tuple[int, int, int]]] = []
        for d in range(self.days):
            pinned = self.pinned[d]
            ahead: dict[int, int] = {}
            out = []
            for taken, squares in reached[d].items():
                before = used[taken]
                for chosen, minutes in self._choices(d, taken, before, bound - squares):
                    after = taken + chosen
                    total = squares + (pinned + minutes) ** 2
                    out.append((taken, chosen, total))
                    if total < ahead.get(after, self.never):
                        ahead[after] = total
                        used[after] = before + minutes
            reached.append(ahead)
            edges.append(out)
        everyone = self.encode(tuple(self.size))
        optimum = reached[self.days].get(everyone)
        if optimum is None:
            return None
        # a state is on an optimal path when a choice leads, without loss, to one that is
        on_path = {everyone}
        tight: dict[tuple[int, int], list[int]] = {}
        for d in range(self.days - 1, -1, -1):
            before_set = set()
            for taken, chosen, total in edges[d]:
                after = taken + chosen
                if after in on_path and total == reached[d + 1][after]:
                    tight.setdefault((d, taken), []).append(chosen)
                    before_set.add(taken)
            on_path = before_set
        return optimum, tight

    def tight(self, d: int, taken: Kinds) -> list[Kinds]:
        """The choices of day ``d`` on an optimal path through ``taken`` (itself on one)."""
        return [self.decode(c) for c in self.tight_choices.get((d, self.encode(taken)), [])]
