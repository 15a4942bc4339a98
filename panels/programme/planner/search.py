"""The exact search: the free segments (bins), whether the meetings fit, and the optimum."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from panels.programme.planner import fitting
from panels.programme.planner.model import Meeting, Pin, Plan, Position, Slot, Window
from panels.programme.planner.order import best_order
from panels.programme.planner.validate import check_settings, check_slots


@dataclass(frozen=True)
class _Bin:
    """A free segment of one room on one day; ``pins_before`` pins of that room-day precede it."""

    day: int
    room: int
    pins_before: int
    start: int
    capacity: int


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
        """Whether the unpinned meetings fit in the free segments (``fitting``)."""
        bins = self.bins(extra)
        gap, days = self.gap, len(self.windows)
        rooms = [[b.capacity + gap for b in bins if b.day == d] for d in range(days)]
        lengths = [m.minutes for m in self.free]
        allowed = [
            sum(
                1 << x
                for x, m in enumerate(self.free)
                if d not in m.unavailable_days and any(lengths[x] + gap <= r for r in rooms[d])
            )
            for d in range(days)
        ]
        return fitting.fits(lengths, allowed, rooms, gap)

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
        """The inversions among unpinned meetings and with pins, and their positions: rules 1
        and 2 day by day (``evenness`` and ``order``), then rule 3 among their optima."""
        return best_order(self, self.bins(0))

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
