"""Time the timetable on realistic series: `.venv/bin/python bench/timetable.py`.

Prints figures only; it never fails. Target: every case, up to 16 meetings over 5 mornings in 3
rooms with pins and unavailable days, in under a second (best of 3). Then a sweep over seeded
random series and seeded tight ones, whose mornings are cut to about what the panels need
(`bench/timetable.py sweep` runs the sweeps alone, `fixed` the fixed cases alone).
"""

import math
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from panels.programme.planner import (
    DEFAULT_GAP,
    Infeasible,
    Meeting,
    Pin,
    Plan,
    Window,
    default_windows,
    schedule,
)

REPETITIONS = 3
SWEEP_SEEDS = 180
TIGHT_SEEDS = 90


def series(rng: random.Random, count: int = 14) -> list[Meeting]:
    """Panels of 2 to 6 speakers (600 minutes for 14: a full week in one room); two countries
    cannot use one day each."""
    sizes = [2, 3, 2, 4, 3, 2, 5, 3, 2, 3, 6, 2, 3, 2, 4, 3][:count]
    rng.shuffle(sizes)
    unusable = set(rng.sample(range(count), 2))
    return [
        Meeting(
            id=100 + i,
            review_order=i + 1,
            speakers=size,
            unavailable_days=frozenset({rng.randrange(4)}) if i in unusable else frozenset(),
        )
        for i, size in enumerate(sizes)
    ]


def best_of(repetitions: int, run: Callable[[], object]) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repetitions):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return min(times), result


def describe(result: object) -> str:
    if isinstance(result, Plan):
        return f"day minutes {result.day_minutes}, {result.inversions} inversions"
    assert isinstance(result, Infeasible)
    return "; ".join(f"{p.code} {dict(p.params)}" for p in result.problems)


def report(label: str, repetitions: int, run: Callable[[], object], target: str = "") -> None:
    seconds, result = best_of(repetitions, run)
    how = f"best of {repetitions}" if repetitions > 1 else "one run"
    print(f"{label}: {how}: {seconds:.3f} s{target}  [{describe(result)}]")


def fixed_cases() -> None:
    rng = random.Random(20250506)
    meetings = series(rng)
    total = sum(m.minutes for m in meetings)
    print(f"series: {len(meetings)} meetings, {total} minutes of meetings")
    four, five = default_windows(4), default_windows(5)
    pins = (Pin(meetings[4].id, 1, 0, 11 * 60), Pin(meetings[9].id, 3, 0, 10 * 60))

    report(
        "14 meetings over 4 days, 1 room",
        REPETITIONS,
        lambda: schedule(meetings, windows=four),
        " (target < 1 s)",
    )
    report(
        "14 meetings over 5 days, 1 room, 2 pins",
        REPETITIONS,
        lambda: schedule(meetings, windows=five, pins=pins),
    )
    full = [Meeting(id=i, review_order=i, speakers=6) for i in range(1, 15)]
    report(
        "infeasible: 14 full panels over 4 days, 1 room",
        REPETITIONS,
        lambda: schedule(full, windows=four),
    )
    nine = full[:9]
    report(
        "infeasible: 9 full panels over 4 days, 1 room (fragmentation)",
        REPETITIONS,
        lambda: schedule(nine, windows=four),
    )
    report(
        "14 meetings over 4 days, 2 rooms",
        REPETITIONS,
        lambda: schedule(meetings, windows=four, rooms=2),
    )
    report(
        "14 meetings over 5 days, 2 rooms, 2 pins",
        REPETITIONS,
        lambda: schedule(meetings, windows=five, rooms=2, pins=pins),
    )
    sixteen = series(random.Random(20250507), 16)
    print(f"series: {len(sixteen)} meetings, {sum(m.minutes for m in sixteen)} minutes of meetings")
    pins3 = (
        Pin(sixteen[4].id, 1, 0, 11 * 60),
        Pin(sixteen[9].id, 3, 1, 10 * 60),
        Pin(sixteen[12].id, 4, 2, 12 * 60),
    )
    for rooms in (1, 2, 3):
        here = [p for p in pins3 if p.room < rooms]

        def run(rooms: int = rooms, here: list[Pin] = here) -> Plan | Infeasible:
            return schedule(sixteen, windows=five, rooms=rooms, pins=here)

        report(
            f"16 meetings over 5 days, {rooms} room(s), {len(here)} pin(s)",
            REPETITIONS,
            run,
            " (target < 1 s)",
        )


def random_series(seed: int) -> dict:
    """A realistic series: 10 to 16 panels of 2 to 6 speakers over 4 or 5 mornings in 1 to 3
    rooms (by turns), a few countries that cannot use a day, up to 3 pins. Some mornings are
    shorter, and some pins are badly placed, so that a share of the series cannot fit."""
    rng = random.Random(seed)
    days, rooms = rng.choice([4, 5]), 1 + seed % 3
    meetings = [
        Meeting(
            id=100 + i,
            review_order=i + 1,
            speakers=rng.randint(2, 6),
            unavailable_days=frozenset({rng.randrange(days)})
            if rng.random() < 0.15
            else frozenset(),
        )
        for i in range(rng.randint(10, 16))
    ]
    windows = list(default_windows(days))
    if rng.random() < 0.3:
        for d in rng.sample(range(days), rng.randint(1, days)):
            windows[d] = Window(windows[d].start, windows[d].end - rng.choice([30, 60, 90]))
    pins = []
    for m in rng.sample(meetings, rng.randint(0, 3)):
        day = rng.randrange(days)
        window = windows[day]
        start = rng.randint(window.start, max(window.start, window.end - m.minutes)) // 5 * 5
        pins.append(Pin(m.id, day, rng.randrange(rooms), start))
    return {"meetings": meetings, "windows": windows, "rooms": rooms, "pins": pins}


def tight_series(seed: int) -> dict:
    """16 panels over 4 or 5 mornings in 1 to 3 rooms (by turns), the mornings cut to about
    the minutes the panels and their gaps need (92 % to 108 %), up to 3 pins: about half of
    them do not fit and are explained with the extra minutes they need."""
    rng = random.Random(seed)
    days, rooms = rng.choice([4, 5]), 1 + seed % 3
    meetings = [
        Meeting(
            id=100 + i,
            review_order=i + 1,
            speakers=rng.randint(2, 6),
            unavailable_days=frozenset({rng.randrange(days)})
            if rng.random() < 0.15
            else frozenset(),
        )
        for i in range(16)
    ]
    per_room = sum(m.minutes + DEFAULT_GAP for m in meetings) / (days * rooms)
    span = int(per_room * rng.uniform(0.92, 1.08)) // 5 * 5
    windows = [Window(600, 600 + span + rng.choice([-15, 0, 0, 15])) for _ in range(days)]
    pins = []
    for m in rng.sample(meetings, rng.randint(0, 3)):
        day = rng.randrange(days)
        window = windows[day]
        start = rng.randint(window.start, max(window.start, window.end - m.minutes)) // 5 * 5
        pins.append(Pin(m.id, day, rng.randrange(rooms), start))
    return {"meetings": meetings, "windows": windows, "rooms": rooms, "pins": pins}


def sweep(label: str, make: Callable[[int], dict], seeds: int) -> None:
    """One run per seeded series; the worst case is timed again, best of 3."""
    timings: list[tuple[float, int, object]] = []
    for seed in range(seeds):
        case = make(seed)
        started = time.perf_counter()
        result = schedule(**case)
        timings.append((time.perf_counter() - started, seed, result))
    feasible = sum(isinstance(result, Plan) for _, _, result in timings)
    ordered = sorted(seconds for seconds, _, _ in timings)
    median = statistics.median(ordered)
    p95 = ordered[math.ceil(0.95 * len(ordered)) - 1]
    print(
        f"sweep: {len(timings)} {label} ({feasible} feasible, "
        f"{len(timings) - feasible} infeasible): median {median:.3f} s, p95 {p95:.3f} s, "
        f"worst {ordered[-1]:.3f} s"
    )
    for kind_label, kind in (("feasible", Plan), ("infeasible", Infeasible)):
        of_kind = [seconds for seconds, _, result in timings if isinstance(result, kind)]
        if of_kind:
            print(f"  worst {kind_label}: {max(of_kind):.3f} s")
    seed = max(timings, key=lambda t: t[0])[1]
    case = make(seed)
    meetings, windows = case["meetings"], case["windows"]
    print(
        f"  worst case: seed {seed}, {len(meetings)} meetings "
        f"({sum(m.minutes for m in meetings)} minutes), {len(windows)} days "
        f"(mornings of {[w.minutes for w in windows]} min), {case['rooms']} room(s), "
        f"{len(case['pins'])} pin(s), "
        f"{sum(bool(m.unavailable_days) for m in meetings)} with an unusable day"
    )
    report(f"  worst case again (seed {seed})", REPETITIONS, lambda: schedule(**case))


def main() -> None:
    which = sys.argv[1:] or ["fixed", "sweep"]
    if "fixed" in which:
        fixed_cases()
    if "sweep" in which:
        sweep("random series", random_series, SWEEP_SEEDS)
        sweep("tight series", tight_series, TIGHT_SEEDS)


if __name__ == "__main__":
    main()
