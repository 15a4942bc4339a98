"""Time the panel suggestion on realistic data: `.venv/bin/python bench/selection.py`.

Prints figures only; it never fails. Targets: a series (14 countries x 60 applications) in
under a second, and one country with 200 applications in about a second.
"""

import random
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from panels.selection.rule import Candidate, best_panel

THEMES = 54
REPETITIONS = 5


def country(
    rng: random.Random, applications: int, first_id: int = 1, themes: int = THEMES
) -> list[Candidate]:
    """Applications with ~45% women, ~45% men, 10% other or undisclosed; ~10% of the
    organisations apply twice (a second speaker or a second theme)."""
    start = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)
    candidates: list[Candidate] = []
    organisation = 0
    while len(candidates) < applications:
        organisation += 1
        for _ in range(2 if rng.random() < 0.1 else 1):
            if len(candidates) == applications:
                break
            roll = rng.random()
            gender = (
                "woman"
                if roll < 0.45
                else "man"
                if roll < 0.9
                else rng.choice(["other", "undisclosed"])
            )
            candidates.append(
                Candidate(
                    id=first_id + len(candidates),
                    organisation=f"org-{organisation}",
                    gender=gender,
                    scope=rng.choice(["grassroots", "national", "regional", "international"]),
                    is_national_coalition=rng.random() < 0.3,
                    submitted_upr_report=rng.random() < 0.5,
                    rating=rng.choice([None, 0, 1, 2, 3]),
                    main_theme=rng.randrange(1, themes + 1),
                    submitted_at=start + timedelta(minutes=rng.randrange(60 * 24 * 30)),
                )
            )
    return candidates


def best_of(repetitions: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repetitions):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    rng = random.Random(20250106)
    big = country(rng, 200)
    series = [country(rng, 60, first_id=1000 * (i + 1)) for i in range(14)]

    seconds = best_of(REPETITIONS, lambda: best_panel(big))
    print(f"one country, 200 applications: best of {REPETITIONS}: {seconds:.3f} s")
    seconds = best_of(REPETITIONS, lambda: [best_panel(c) for c in series])
    print(
        f"series, 14 countries x 60 applications: best of {REPETITIONS}: {seconds:.3f} s"
        " (target < 1 s)"
    )
    pinned = {c.id for c in {c.organisation: c for c in reversed(big[:4])}.values()}
    seconds = best_of(REPETITIONS, lambda: best_panel(big, pinned=pinned))
    print(
        f"one country, 200 applications, {len(pinned)} pinned: best of {REPETITIONS}:"
        f" {seconds:.3f} s"
    )
    few_themes = country(rng, 200, themes=5)
    seconds = best_of(REPETITIONS, lambda: best_panel(few_themes))
    print(f"one country, 200 applications on 5 themes: best of {REPETITIONS}: {seconds:.3f} s")


if __name__ == "__main__":
    main()
