"""Whether the meetings fit at all: pieces into the free segments of each day.

Meetings of one *kind* (same length, same usable days) are interchangeable for this, so a state is
the number of each kind placed on the days before ``d``, and a day's choice is a number of each
kind whose pieces (length plus one gap, against segments of their minutes plus one gap) pack into
its segments. Only *full* choices are tried, those to which no other meeting left for later days
could be added: in a timetable, a meeting of a later day that fits into an earlier one can move
there (the later day only loses a piece), so if anything fits, something with full days does.
"""

from __future__ import annotations

import math
from collections.abc import Sequence


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


QUICK_STEPS = 2000  # meetings placed by the first search before the one by kinds takes over


class _GaveUpError(Exception):
    pass


def fits(
    lengths: Sequence[int], allowed: Sequence[int], rooms: Sequence[Sequence[int]], gap: int
) -> bool:
    """Whether meetings of ``lengths`` fit, day ``d`` taking those of bit mask ``allowed[d]`` in
    its free segments of ``rooms[d]`` minutes (plus one gap) each.

    A plain search first (meeting by meeting, the fewest usable days first, then the longest),
    which settles most series in a few steps; after ``QUICK_STEPS`` the search by kinds."""
    try:
        return _quick(lengths, allowed, rooms, gap)
    except _GaveUpError:
        return _by_kinds(lengths, allowed, rooms, gap)


def _quick(
    lengths: Sequence[int], allowed: Sequence[int], rooms: Sequence[Sequence[int]], gap: int
) -> bool:
    """Each meeting in each segment it may use (segments of one day with the same minutes
    left are one choice); raises ``_GaveUpError`` after ``QUICK_STEPS`` placements."""
    days = len(allowed)
    segments = [(d, room) for d in range(days) for room in rooms[d]]
    order = sorted(
        range(len(lengths)),
        key=lambda x: (sum(allowed[d] >> x & 1 for d in range(days)), -lengths[x]),
    )
    sizes = [lengths[x] + gap for x in order]
    options = [[s for s, (d, _) in enumerate(segments) if allowed[d] >> x & 1] for x in order]
    used = [0] * len(segments)
    steps = [0]

    def place(i: int) -> bool:
        if i == len(order):
            return True
        tried = set()
        for s in options[i]:
            d, room = segments[s]
            if used[s] + sizes[i] > room or (d, room, used[s]) in tried:
                continue
            tried.add((d, room, used[s]))
            steps[0] += 1
            if steps[0] > QUICK_STEPS:
                raise _GaveUpError
            used[s] += sizes[i]
            found = place(i + 1)
            used[s] -= sizes[i]
            if found:
                return True
        return False

    return place(0)


def _by_kinds(
    lengths: Sequence[int], allowed: Sequence[int], rooms: Sequence[Sequence[int]], gap: int
) -> bool:
    days = len(allowed)
    by_kind: dict[tuple[int, int], int] = {}
    for x, length in enumerate(lengths):
        mask = sum(1 << d for d in range(days) if allowed[d] >> x & 1)
        if not mask:
            return False
        by_kind[(length, mask)] = by_kind.get((length, mask), 0) + 1
    kinds = sorted(by_kind, reverse=True)  # the longest first
    size = [length + gap for length, _ in kinds]
    count = [by_kind[k] for k in kinds]
    radix = [math.prod(n + 1 for n in count[:k]) for k in range(len(kinds))]
    on_day = [[k for k, (_, mask) in enumerate(kinds) if mask >> d & 1] for d in range(days)]
    later = [[bool(mask >> (d + 1)) for _, mask in kinds] for d in range(days)]
    # the most minutes of pieces each day can hold (per segment, the fullest set of the pieces
    # that may use that day, each once, that fits in it alone), and the most pieces (the
    # shortest first)
    hold, hold_count = [], []
    for d in range(days):
        pieces = sorted(length + gap for x, length in enumerate(lengths) if allowed[d] >> x & 1)
        total = total_count = 0
        for room in rooms[d]:
            sums = 1
            for piece in pieces:
                sums |= (sums << piece) & ((1 << (room + 1)) - 1)
            total += sums.bit_length() - 1
            total_count += sum(1 for i in range(len(pieces)) if sum(pieces[: i + 1]) <= room)
        hold.append(total)
        hold_count.append(total_count)
    room_left = [sum(hold[d:]) for d in range(days + 1)]
    count_left = [sum(hold_count[d:]) for d in range(days + 1)]
    packs_memo: dict[tuple[int, tuple[int, ...]], bool] = {}

    def day_packs(d: int, chosen: tuple[int, ...]) -> bool:
        key = (d, chosen)
        if key not in packs_memo:
            pieces = [size[k] for k in range(len(kinds)) for _ in range(chosen[k])]
            packs_memo[key] = packs(rooms[d], pieces)
        return packs_memo[key]

    failed: set[tuple[int, int]] = set()

    def place(d: int, taken: int, left: int, pieces_left: int) -> bool:
        """Whether the ``pieces_left`` meetings not in ``taken`` (``left`` minutes with their
        gaps) fit in days ``d ..``."""
        if left == 0:
            return True
        if d == days or left > room_left[d] or pieces_left > count_left[d]:
            return False
        if (d, taken) in failed:
            return False
        rest = [n - (taken // r) % (n + 1) for r, n in zip(radix, count, strict=True)]
        if any(rest[k] and not later[d][k] for k in range(len(kinds)) if k not in on_day[d]):
            failed.add((d, taken))
            return False
        here = [k for k in on_day[d] if rest[k]]
        capacity = sum(rooms[d])
        chosen = [0] * len(kinds)
        found: list[tuple[int, int, int]] = []  # the pieces' minutes, the choice, how many

        def pick(i: int, used: int) -> None:
            if i == len(here):
                key = tuple(chosen)
                if not day_packs(d, key):
                    return
                for k in here:  # full: nothing left for later fits as well
                    if chosen[k] < rest[k] and later[d][k] and used + size[k] <= capacity:
                        grown = list(key)
                        grown[k] += 1
                        if day_packs(d, tuple(grown)):
                            return
                code = sum(c * r for c, r in zip(chosen, radix, strict=True))
                found.append((used, code, sum(chosen)))
                return
            k = here[i]
            low = 0 if later[d][k] else rest[k]
            for n in range(low, rest[k] + 1):
                if used + n * size[k] > capacity:
                    break
                chosen[k] = n
                pick(i + 1, used + n * size[k])
            chosen[k] = 0

        pick(0, 0)
        for used, code, pieces in sorted(found, reverse=True):  # the fullest days first
            if place(d + 1, taken + code, left - used, pieces_left - pieces):
                return True
        failed.add((d, taken))
        return False

    return place(0, 0, sum(length + gap for length in lengths), len(lengths))
