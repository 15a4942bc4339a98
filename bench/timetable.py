"""Time the timetable on realistic series: `.venv/bin/python bench/timetable.py`.

Prints figures only; it never fails. Target: every case, up to 16 meetings over 5 mornings in 3
rooms with pins and unavailable days, in under a second (best of 3).
"""

import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from panels.programme.planner import Infeasible, Meeting, Pin, Plan, default_windows, schedule

REPETITIONS = 3


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


def main() -> None:
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


if __name__ == "__main__":
    main()
