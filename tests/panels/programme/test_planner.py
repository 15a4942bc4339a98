"""The timetable against an exhaustive search, plus the reasons it gives when nothing fits."""

import random
from collections.abc import Sequence
from datetime import date, time, timedelta

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from panels.programme.planner import (
    Code,
    Infeasible,
    Meeting,
    Pin,
    Plan,
    Problem,
    Slot,
    Window,
    default_days,
    default_windows,
    meeting_length,
    schedule,
    validate_slots,
)

MORNING = Window(600, 780)  # 10:00-13:00

# --- The oracle: every room and day for each meeting, every order in each room -----------------

Key = tuple[int, int, tuple[tuple[int, int, int], ...]]


def oracle_length(m: Meeting) -> int:
    if m.length is not None:
        return m.length
    raw = 5 + 7 * m.speakers + 15
    return min(60, max(30, (raw + 4) // 5 * 5))


def oracle_key(
    meetings: Sequence[Meeting], placed: dict[int, tuple[int, int, int]], days: int
) -> Key:
    """(sum of squared day minutes, inversions, positions in review order) of a timetable."""
    ranked = sorted(meetings, key=lambda m: (m.review_order, m.id))
    minutes = [0] * days
    for m in meetings:
        minutes[placed[m.id][0]] += oracle_length(m)

    def before(a: Meeting, b: Meeting) -> bool:
        (day_a, start_a, room_a), (day_b, start_b, room_b) = placed[a.id], placed[b.id]
        return day_a < day_b or (day_a == day_b and room_a == room_b and start_a < start_b)

    inversions = sum(1 for i, a in enumerate(ranked) for b in ranked[i + 1 :] if before(b, a))
    return sum(x * x for x in minutes), inversions, tuple(placed[m.id] for m in ranked)


def pack(
    sequence: Sequence[Meeting], pinned: dict[int, int], window: Window, gap: int
) -> list[int] | None:
    """Starts of a room's meetings in this order, each as early as it can; None if it fails."""
    starts: list[int] = []
    previous_end: int | None = None
    for m in sequence:
        earliest = window.start if previous_end is None else previous_end + gap
        if m.id in pinned:
            if pinned[m.id] < earliest:
                return None
            start = pinned[m.id]
        else:
            start = earliest
        if start + oracle_length(m) > window.end:
            return None
        starts.append(start)
        previous_end = start + oracle_length(m)
    return starts


def oracle(
    meetings: Sequence[Meeting],
    *,
    windows: Sequence[Window],
    rooms: int,
    gap: int,
    pins: Sequence[Pin] = (),
) -> tuple[Key, dict[int, tuple[int, int, int]]] | None:
    """The best (key, positions) over every feasible packed timetable, None if there is none.

    Each unpinned meeting, in input order, goes to every (day, room) it may use and every place
    in that room's sequence (pins start in theirs, in time order); a sequence that no longer
    packs is dropped, since adding meetings never makes it pack again."""
    pinned = {p.meeting_id: p.start for p in pins}
    sequences: dict[tuple[int, int], list[Meeting]] = {
        (d, r): [] for d in range(len(windows)) for r in range(rooms)
    }
    by_id = {m.id: m for m in meetings}
    for p in sorted(pins, key=lambda p: p.start):
        if p.day in by_id[p.meeting_id].unavailable_days:
            return None
        sequences[(p.day, p.room)].append(by_id[p.meeting_id])
    for (d, _), sequence in sequences.items():
        if pack(sequence, pinned, windows[d], gap) is None:
            return None
    free = [m for m in meetings if m.id not in pinned]
    best: list[tuple[Key, dict[int, tuple[int, int, int]]]] = []

    def extend(i: int) -> None:
        if i == len(free):
            placed = {}
            for (d, r), sequence in sequences.items():
                starts = pack(sequence, pinned, windows[d], gap)
                assert starts is not None
                for m, start in zip(sequence, starts, strict=True):
                    placed[m.id] = (d, start, r)
            key = oracle_key(meetings, placed, len(windows))
            if not best or key < best[0][0]:
                best[:] = [(key, placed)]
            return
        m = free[i]
        for (d, _), sequence in sequences.items():
            if d in m.unavailable_days:
                continue
            for at in range(len(sequence) + 1):
                sequence.insert(at, m)
                if pack(sequence, pinned, windows[d], gap) is not None:
                    extend(i + 1)
                del sequence[at]

    extend(0)
    return best[0] if best else None


def longer(windows: Sequence[Window], extra: int) -> list[Window]:
    return [Window(w.start, w.end + extra) for w in windows]


def key_of(timetable: Plan, meetings: Sequence[Meeting], days: int) -> Key:
    placed = {s.meeting_id: (s.day, s.start, s.room) for s in timetable.slots}
    return oracle_key(meetings, placed, days)


# --- Random cases ---------------------------------------------------------------------------------


@st.composite
def series(draw: st.DrawFn, max_meetings: int = 6) -> dict:
    days = draw(st.integers(1, 3))
    rooms = draw(st.integers(1, 2))
    limit = max_meetings if days * rooms <= 3 else max_meetings - 1
    count = draw(st.integers(0, limit))
    ids = draw(st.lists(st.integers(1, 99), min_size=count, max_size=count, unique=True))
    meetings = [
        Meeting(
            id=meeting_id,
            review_order=draw(st.integers(1, 8)),
            speakers=draw(st.integers(0, 8)),
            unavailable_days=frozenset(
                d for d in range(days) if draw(st.integers(0, 4), label="unavailable") == 0
            ),
            length=draw(st.none() | st.none() | st.none() | st.integers(20, 90)),
        )
        for meeting_id in ids
    ]
    windows = []
    for _ in range(days):
        start = draw(st.integers(96, 144)) * 5
        windows.append(Window(start, start + draw(st.integers(12, 36)) * 5))
    pins = []
    for m in meetings:
        if draw(st.integers(0, 5)) == 0:
            day = draw(st.integers(0, days - 1))
            window = windows[day]
            latest = max(window.start, window.end - oracle_length(m))
            start = draw(st.integers(window.start - 10, latest + 10))
            pins.append(Pin(m.id, day, draw(st.integers(0, rooms - 1)), start))
    return {
        "meetings": meetings,
        "windows": windows,
        "rooms": rooms,
        "gap": draw(st.integers(0, 15)),
        "pins": pins,
    }


def assert_valid(timetable: Plan, case: dict) -> None:
    meetings, windows = case["meetings"], case["windows"]
    by_id = {m.id: m for m in meetings}
    assert sorted(s.meeting_id for s in timetable.slots) == sorted(by_id)
    assert list(timetable.slots) == sorted(timetable.slots, key=lambda s: (s.day, s.start, s.room))
    for slot in timetable.slots:
        m = by_id[slot.meeting_id]
        assert slot.end - slot.start == oracle_length(m)
        assert windows[slot.day].start <= slot.start
        assert slot.end <= windows[slot.day].end
        assert slot.day not in m.unavailable_days
        assert 0 <= slot.room < case["rooms"]
    for a in timetable.slots:
        for b in timetable.slots:
            if a != b and (a.day, a.room) == (b.day, b.room) and a.start <= b.start:
                assert a.end + case["gap"] <= b.start
    where = {s.meeting_id: (s.day, s.room, s.start) for s in timetable.slots}
    for pin in case["pins"]:
        assert where[pin.meeting_id] == (pin.day, pin.room, pin.start)
    minutes = [0] * len(windows)
    for slot in timetable.slots:
        minutes[slot.day] += slot.end - slot.start
    assert timetable.day_minutes == tuple(minutes)
    assert (
        validate_slots(
            timetable.slots, meetings, windows=windows, rooms=case["rooms"], gap=case["gap"]
        )
        == ()
    )


@settings(max_examples=1000, deadline=None)
@given(series())
def test_schedule_equals_exhaustive_search(case: dict) -> None:
    result = schedule(**case)
    expected = oracle(**case)

    if expected is None:
        assert isinstance(result, Infeasible)
        event(f"infeasible: {result.problems[0].code}")
        params = dict(result.problems[0].params)
        if result.problems[0].code == Code.DOES_NOT_FIT:
            extra = params["extra_minutes"]
            assert oracle(**{**case, "windows": longer(case["windows"], extra)}) is not None
            assert oracle(**{**case, "windows": longer(case["windows"], extra - 5)}) is None
        if result.problems[0].code == Code.NOT_ENOUGH_TIME:
            assert params["needed_minutes"] > params["available_minutes"]
        return
    assert isinstance(result, Plan)
    key, placed = expected
    assert key_of(result, case["meetings"], len(case["windows"])) == key
    assert {s.meeting_id: (s.day, s.start, s.room) for s in result.slots} == placed
    assert result.inversions == key[1]
    assert_valid(result, case)
    event(f"feasible, {len(case['pins'])} pins, {case['rooms']} rooms")


def seeded_series(seed: int, rooms: int) -> dict:
    """A small random series in ``rooms`` rooms, with pins and unavailable days."""
    rng = random.Random(seed)
    days = rng.randint(1, 3)
    count = rng.randint(2, 6 if days * rooms <= 4 else 5)
    meetings = [
        Meeting(
            id=i + 1,
            review_order=rng.randint(1, 6),
            speakers=rng.randint(0, 8),
            unavailable_days=frozenset(d for d in range(days) if rng.random() < 0.2),
            length=rng.choice([None, None, None, rng.randint(20, 90)]),
        )
        for i in range(count)
    ]
    windows = []
    for _ in range(days):
        start = rng.randint(96, 144) * 5
        windows.append(Window(start, start + rng.randint(9, 30) * 5))
    pins = []
    for m in meetings:
        if rng.random() < 0.25:
            day = rng.randrange(days)
            window = windows[day]
            latest = max(window.start, window.end - oracle_length(m))
            start = rng.randint(window.start, latest) // 5 * 5
            pins.append(Pin(m.id, day, rng.randrange(rooms), start))
    return {
        "meetings": meetings,
        "windows": windows,
        "rooms": rooms,
        "gap": rng.choice([0, 5, 10, 15]),
        "pins": pins,
    }


@pytest.mark.parametrize("rooms", [2, 3])
def test_schedule_in_several_rooms_equals_exhaustive_search(rooms: int) -> None:
    outcomes = {"feasible": 0, "infeasible": 0, "pins": 0, "several rooms": 0}
    for seed in range(150):
        case = seeded_series(seed, rooms)
        result = schedule(**case)
        expected = oracle(**case)

        if expected is None:
            assert isinstance(result, Infeasible), seed
            outcomes["infeasible"] += 1
            continue
        assert isinstance(result, Plan), seed
        key, placed = expected
        assert key_of(result, case["meetings"], len(case["windows"])) == key, seed
        assert {s.meeting_id: (s.day, s.start, s.room) for s in result.slots} == placed, seed
        assert result.inversions == key[1]
        assert_valid(result, case)
        outcomes["feasible"] += 1
        outcomes["pins"] += bool(case["pins"])
        outcomes["several rooms"] += len({s.room for s in result.slots}) > 1

    # the seeds cover both outcomes, feasible series with pins and using several rooms
    assert outcomes["several rooms"] > 40
    assert outcomes["feasible"] > 50
    assert outcomes["infeasible"] > 5
    assert outcomes["pins"] > 10


# --- Lengths and defaults -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("speakers", "minutes"),
    [(0, 30), (1, 30), (2, 35), (3, 45), (4, 50), (5, 55), (6, 60), (7, 60), (8, 60)],
)
def test_meeting_length_follows_the_table(speakers: int, minutes: int) -> None:
    assert meeting_length(speakers) == minutes


def test_meeting_length_rejects_a_negative_size() -> None:
    with pytest.raises(ValueError, match="negative"):
        meeting_length(-1)


def test_default_days_are_tuesday_to_friday() -> None:
    tuesday = date(2025, 4, 29)

    assert default_days(date(2025, 5, 4)) == tuple(tuesday + timedelta(days=i) for i in range(4))
    assert Window.between(time(10), time(13)) == MORNING == default_windows(1)[0]


# --- Optimum on hand-made cases -------------------------------------------------------------------


def test_schedule_follows_review_order_when_days_tie() -> None:
    meetings = [Meeting(id=10 - i, review_order=i, speakers=3) for i in range(1, 5)]

    result = schedule(meetings, windows=default_windows(4))

    assert isinstance(result, Plan)
    assert [(s.meeting_id, s.day, s.start) for s in result.slots] == [
        (9, 0, 600),
        (8, 1, 600),
        (7, 2, 600),
        (6, 3, 600),
    ]
    assert result.inversions == 0


def test_schedule_balances_days_before_review_order() -> None:
    meetings = [
        Meeting(id=1, review_order=1, speakers=6),
        Meeting(id=2, review_order=2, speakers=2),
        Meeting(id=3, review_order=3, speakers=2),
    ]

    result = schedule(meetings, windows=default_windows(2))

    assert isinstance(result, Plan)
    assert result.day_minutes == (60, 70)
    assert [(s.meeting_id, s.day, s.start) for s in result.slots] == [
        (1, 0, 600),
        (2, 1, 600),
        (3, 1, 645),
    ]


def test_schedule_keeps_pins_even_when_they_unbalance_the_days() -> None:
    meetings = [Meeting(id=i, review_order=i, speakers=3) for i in range(1, 5)]
    pins = [Pin(4, day=0, room=0, start=600), Pin(3, day=0, room=0, start=700)]

    result = schedule(meetings, windows=default_windows(2), pins=pins)

    assert isinstance(result, Plan)
    where = {s.meeting_id: (s.day, s.room, s.start) for s in result.slots}
    assert where[4] == (0, 0, 600)
    assert where[3] == (0, 0, 700)
    assert result.day_minutes == (90, 90)
    assert {where[1][0], where[2][0]} == {1}


def test_schedule_respects_unavailable_days() -> None:
    meetings = [
        Meeting(id=1, review_order=1, speakers=3, unavailable_days=frozenset({0})),
        Meeting(id=2, review_order=2, speakers=3),
    ]

    result = schedule(meetings, windows=default_windows(2))

    assert isinstance(result, Plan)
    assert [(s.meeting_id, s.day) for s in result.slots] == [(2, 0), (1, 1)]
    assert result.inversions == 1


def test_schedule_uses_both_rooms_in_review_order() -> None:
    meetings = [Meeting(id=i, review_order=i, speakers=6) for i in range(1, 5)]

    result = schedule(meetings, windows=[Window(600, 730)], rooms=2)

    assert isinstance(result, Plan)
    assert [(s.meeting_id, s.room, s.start) for s in result.slots] == [
        (1, 0, 600),
        (2, 1, 600),
        (3, 0, 670),
        (4, 1, 670),
    ]


# --- Reasons when nothing fits --------------------------------------------------------------------


def problems(result: Plan | Infeasible) -> list[tuple[str, dict]]:
    assert isinstance(result, Infeasible)
    return [(p.code, dict(p.params)) for p in result.problems]


def test_schedule_reports_not_enough_time_with_the_exact_figures() -> None:
    full = [Meeting(id=i, review_order=i, speakers=6) for i in range(1, 15)]

    result = schedule(full, windows=default_windows(4))

    # 14 meetings of 60 min and 14 - 4 gaps of 10 min against 4 mornings of 180 min
    assert problems(result) == [
        (Code.NOT_ENOUGH_TIME, {"needed_minutes": 940, "available_minutes": 720})
    ]


def test_schedule_reports_the_extra_minutes_when_pieces_do_not_fit() -> None:
    full = [Meeting(id=i, review_order=i, speakers=6) for i in range(1, 10)]

    result = schedule(full, windows=default_windows(4))

    # 540 + 50 <= 720, but a morning holds two full panels; three need 60 + 10 + 60 + 10 + 60
    assert problems(result) == [(Code.DOES_NOT_FIT, {"extra_minutes": 20})]
    assert isinstance(schedule(full, windows=[Window(600, 800)] * 4), Plan)


def test_schedule_reports_when_even_longer_mornings_do_not_help() -> None:
    meetings = [
        Meeting(id=i, review_order=i, speakers=6, unavailable_days=frozenset({1})) for i in (1, 2)
    ]
    result = schedule(meetings, windows=[Window(600, 660), Window(600, 900)], gap=200)

    assert problems(result) == [(Code.CANNOT_FIT, {"max_extra_minutes": 180})]


def test_schedule_reports_meetings_too_long_and_without_a_day() -> None:
    meetings = [
        Meeting(id=1, review_order=1, speakers=6),
        Meeting(id=2, review_order=2, speakers=2, unavailable_days=frozenset({0, 1})),
    ]

    result = schedule(meetings, windows=[Window(600, 650), Window(600, 655)])

    assert problems(result) == [
        (Code.MEETING_TOO_LONG, {"meeting_id": 1, "length": 60, "longest_window": 55}),
        (Code.NO_USABLE_DAY, {"meeting_id": 2}),
    ]


def test_schedule_reports_wrong_pins() -> None:
    meetings = [
        Meeting(id=i, review_order=i, speakers=3, unavailable_days=frozenset({1}))
        for i in range(1, 6)
    ]
    pins = [
        Pin(1, day=0, room=0, start=600),
        Pin(2, day=0, room=0, start=620),
        Pin(3, day=0, room=0, start=670),
        Pin(4, day=0, room=1, start=750),
        Pin(5, day=1, room=0, start=600),
    ]

    result = schedule(meetings, windows=default_windows(2), rooms=2, pins=pins)

    assert problems(result) == [
        (
            Code.PIN_OUTSIDE_WINDOW,
            {
                "meeting_id": 4,
                "day": 0,
                "start": 750,
                "end": 795,
                "window_start": 600,
                "window_end": 780,
            },
        ),
        (Code.PIN_ON_UNUSABLE_DAY, {"meeting_id": 5, "day": 1}),
        (Code.PINS_OVERLAP, {"meeting_id": 1, "other_meeting_id": 2, "day": 0, "room": 0}),
        (
            Code.PINS_TOO_CLOSE,
            {
                "meeting_id": 2,
                "other_meeting_id": 3,
                "day": 0,
                "room": 0,
                "minutes_between": 5,
                "gap": 10,
            },
        ),
    ]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"meetings": [Meeting(1, 1, 2), Meeting(1, 2, 2)]}, "duplicate"),
        ({"meetings": [Meeting(1, 1, -2)]}, "speakers"),
        ({"pins": [Pin(9, 0, 0, 600)]}, "unknown meeting"),
        ({"pins": [Pin(1, 0, 3, 600)]}, "unknown room"),
        ({"pins": [Pin(1, 7, 0, 600)]}, "unknown day"),
        ({"rooms": 0}, "rooms"),
        ({"gap": -1}, "gap"),
    ],
)
def test_schedule_rejects_invalid_input(kwargs: dict, message: str) -> None:
    request = {"meetings": [Meeting(1, 1, 2)], "windows": default_windows(1), **kwargs}

    with pytest.raises(ValueError, match=message):
        schedule(**request)


# --- Checking hand-made slots ---------------------------------------------------------------------


def test_validate_slots_reports_each_violation() -> None:
    meetings = [
        Meeting(id=1, review_order=1, speakers=3),
        Meeting(id=2, review_order=2, speakers=3, unavailable_days=frozenset({0})),
        Meeting(id=3, review_order=3, speakers=3),
        Meeting(id=4, review_order=4, speakers=3),
    ]
    slots = [
        Slot(1, day=0, room=0, start=600, end=645),
        Slot(2, day=0, room=0, start=640, end=685),
        Slot(3, day=0, room=0, start=690, end=735),
        Slot(4, day=0, room=1, start=750, end=795),
    ]

    found = validate_slots(slots, meetings, windows=default_windows(1), rooms=2)

    assert [(p.code, dict(p.params)) for p in found] == [
        (Code.UNUSABLE_DAY, {"meeting_id": 2, "day": 0}),
        (
            Code.OUTSIDE_WINDOW,
            {
                "meeting_id": 4,
                "day": 0,
                "start": 750,
                "end": 795,
                "window_start": 600,
                "window_end": 780,
            },
        ),
        (Code.OVERLAP, {"meeting_id": 1, "other_meeting_id": 2, "day": 0, "room": 0}),
        (
            Code.TOO_CLOSE,
            {
                "meeting_id": 2,
                "other_meeting_id": 3,
                "day": 0,
                "room": 0,
                "minutes_between": 5,
                "gap": 10,
            },
        ),
    ]


def test_validate_slots_accepts_a_good_timetable() -> None:
    slots = [Slot(1, 0, 0, 600, 645), Slot(2, 0, 0, 655, 700), Slot(3, 0, 1, 600, 645)]
    meetings = [Meeting(id=i, review_order=i, speakers=3) for i in (1, 2, 3)]

    assert validate_slots(slots, meetings, windows=default_windows(1), rooms=2) == ()
    assert Problem(Code.OVERLAP) != Problem(Code.TOO_CLOSE)
