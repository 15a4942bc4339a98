"""Rule 1, the evenest days: the least sum of squares of the days' minutes, and which loads of
each day lead to it.

Rule 1 and whether a day's meetings fit depend only on their lengths and the days they may use,
so meetings alike in both are one *kind*, and a state is the number of each kind on the days
before ``d``. ``value`` (the least squares of the days from ``d`` on) is memoised over these
states, the days taken in order; a day's choice is a number of each kind whose lengths pack into
its free segments. A bound on the total cuts every day load that cannot keep under it (the days
before holding their minutes and the days after the rest, each part as even as the lengths
allow, a lower bound); the bound grows until a timetable is under it, and the least value found
is then the optimum, since only totals above the bound were cut.
"""

from __future__ import annotations

from collections.abc import Sequence

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


def packs(rooms: Sequence[int], sizes: Sequence[int]) -> bool:
    """Whether pieces of ``sizes`` go into rooms of ``rooms`` minutes, the largest first
    (rooms with the same minutes left are one choice)."""
    ordered = sorted(sizes, reverse=True)
    if sum(ordered) > sum(rooms):
        return False
    left = list(rooms)

    def place(i: int) -> bool:
        if i == len(ordered):
            return True
        tried: set[int] = set()
        for r, minutes in enumerate(left):
            if minutes in tried or minutes < ordered[i]:
                continue
            tried.add(minutes)
            left[r] -= ordered[i]
            found = place(i + 1)
            left[r] += ordered[i]
            if found:
                return True
        return False

    return place(0)


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
        self.later_days = [
            [bool(mask >> (d + 1)) for _, mask in self.kinds] for d in range(self.days)
        ]
        self.total = sum(lengths)
        self.caps = [
            most_minutes(rooms[d], [n for x, n in enumerate(lengths) if allowed[d] >> x & 1], gap)
            for d in range(self.days)
        ]
        self.most = (self.total + sum(pinned)) ** 2  # no timetable has more squares
        self.bound = 0
        self.memo: dict[tuple[int, Kinds], int | None] = {}
        self.choices_memo: dict[tuple[int, Kinds], list[tuple[Kinds, int]]] = {}
        self.fits_memo: dict[tuple[int, Kinds], bool] = {}
        self.least_memo: dict[tuple[int, int, int], int] = {}
        self.loads_memo: dict[tuple[int, int], tuple[int, int]] = {}
        self.optimum = self._solve()

    def _least(self, first: int, last: int, minutes: int) -> int:
        """The least squares of days ``first .. last - 1`` holding ``minutes`` more."""
        key = (first, last, minutes)
        if key not in self.least_memo:
            least = least_squares(
                self.pinned[first:last], self.caps[first:last], minutes, self.unit
            )
            self.least_memo[key] = self.most + 1 if least is None else least
        return self.least_memo[key]

    def _fits(self, d: int, chosen: Kinds) -> bool:
        key = (d, chosen)
        if key not in self.fits_memo:
            sizes = [
                self.length[k] + self.gap for k, count in enumerate(chosen) for _ in range(count)
            ]
            self.fits_memo[key] = packs(self.rooms[d], sizes)
        return self.fits_memo[key]

    def _loads(self, d: int, used: int) -> tuple[int, int]:
        """The minutes day ``d`` may take under the bound, ``used`` on the days before: the
        most, and all of them (bit ``x`` for ``x`` units)."""
        key = (d, used)
        if key not in self.loads_memo:
            left, unit, pinned = self.total - used, self.unit, self.pinned[d]
            before = self._least(0, d, used)
            targets, most = 0, -1
            for x in range(0, left + 1, unit):
                after = self._least(d + 1, self.days, left - x)
                if before + (pinned + x) ** 2 + after <= self.bound:
                    targets |= 1 << (x // unit)
                    most = x
            self.loads_memo[key] = most, targets
        return self.loads_memo[key]

    def choices(self, d: int, taken: Kinds) -> list[tuple[Kinds, int]]:
        """What day ``d`` may take after ``taken`` under the bound: (kinds, squares of the day)."""
        key = (d, taken)
        if key in self.choices_memo:
            return self.choices_memo[key]
        used = sum(c * length for c, length in zip(taken, self.length, strict=True))
        most, targets = self._loads(d, used)
        unit, pinned = self.unit, self.pinned[d]
        found: list[tuple[Kinds, int]] = []
        rest = [n - t for n, t in zip(self.size, taken, strict=True)]
        later = self.later_days[d]
        if targets and not any(rest[k] and not later[k] for k in self.kinds_off(d)):
            here = self.on_day[d]
            # sums (in units) the kinds after the i-th of ``here`` can still add
            reach = [1] * (len(here) + 1)
            for i in range(len(here) - 1, -1, -1):
                k, bits = here[i], 0
                for count in range(rest[k] + 1):
                    bits |= reach[i + 1] << (count * self.length[k] // unit)
                reach[i] = bits
            chosen = [0] * len(self.kinds)

            def pick(i: int, load: int) -> None:
                if not (reach[i] << (load // unit)) & targets:
                    return
                if i == len(here):
                    kinds = tuple(chosen)
                    if self._fits(d, kinds):
                        found.append((kinds, (pinned + load) ** 2))
                    return
                k = here[i]
                low = 0 if later[k] else rest[k]
                for count in range(low, rest[k] + 1):
                    grown = load + count * self.length[k]
                    if grown > most:
                        break
                    chosen[k] = count
                    pick(i + 1, grown)
                chosen[k] = 0

            pick(0, 0)
        self.choices_memo[key] = found
        return found

    def kinds_off(self, d: int) -> list[int]:
        """The kinds day ``d`` may not take."""
        return [k for k, (_, mask) in enumerate(self.kinds) if not mask >> d & 1]

    def value(self, d: int, taken: Kinds) -> int | None:
        """The least squares of days ``d ..`` after ``taken``, None if none is under the bound."""
        if d == self.days:
            return 0 if list(taken) == self.size else None
        key = (d, taken)
        if key in self.memo:
            return self.memo[key]
        best = None
        for chosen, squares in self.choices(d, taken):
            after = tuple(t + c for t, c in zip(taken, chosen, strict=True))
            rest = self.value(d + 1, after)
            if rest is not None and (best is None or squares + rest < best):
                best = squares + rest
        self.memo[key] = best
        return best

    def _solve(self) -> int:
        ideal = self._least(0, self.days, self.total)
        start = (0,) * len(self.kinds)
        for slack in (0, *BOUND_SLACKS, self.most):
            found = self._attempt(ideal + slack, start)
            if found is not None and found > self.bound:
                # a timetable above the bound: the optimum is at most its squares
                found = self._attempt(found, start)
            if found is not None:
                return found
        raise RuntimeError("no timetable")  # cannot happen: the meetings were checked to fit

    def _attempt(self, bound: int, start: Kinds) -> int | None:
        self.bound = bound
        self.memo.clear()
        self.choices_memo.clear()
        self.loads_memo.clear()
        return self.value(0, start)

    def tight(self, d: int, taken: Kinds) -> list[Kinds]:
        """The choices of day ``d`` on an optimal path through ``taken`` (itself on one)."""
        here = self.value(d, taken)
        return [
            chosen
            for chosen, squares in self.choices(d, taken)
            if (rest := self.value(d + 1, tuple(t + c for t, c in zip(taken, chosen, strict=True))))
            is not None
            and squares + rest == here
        ]
