"""Time the import of a large UPR Info export: `.venv/bin/python bench/record_import.py`.

Generates a CSV of 30,000 recommendations (--rows), migrates a fresh SQLite database in
a temporary folder (or uses --database-url, e.g. a PostgreSQL database of its own), and
prints how long the dry run, the import and the same import again (which creates
nothing) take. Figures only; it never fails. Target: 30,000 rows in under a minute.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

HEADER = ["Recommendation", "Recommending State", "State under Review", "Session", "Cycle",
          "Response", "Issues", "Action category"]  # fmt: skip
VERBS = ["Ratify", "Adopt", "Strengthen", "Ensure", "Consider", "Continue", "Guarantee"]
OBJECTS = ["the Optional Protocol", "a national action plan", "measures against trafficking",
           "access to justice", "the rights of the child", "free primary education",
           "the independence of its national human rights institution"]  # fmt: skip


def export(rows: int, seed: int = 30) -> bytes:
    from panels.record.names import _states, is_member_state
    from presessions.models import Theme

    rng = random.Random(seed)
    states = sorted({code: name for name, code in _states().items()}.items())
    names = [name for _code, name in states]  # one name per State
    themes = list(Theme.objects.values_list("name", flat=True))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for number in range(rows):
        sur, by = rng.sample(names, 2)
        while not is_member_state(states[names.index(sur)][0]):
            sur = rng.choice(names)
        session = rng.randint(1, 54)
        text = (
            f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}, in the {number}th "
            f"of the demo's sample recommendations, within two years"
        )
        issues = "; ".join(rng.sample(themes, rng.randint(1, 3)))
        writer.writerow([text, by, sur, session, "", rng.choice(["Supported", "Noted"]),
                         issues, rng.randint(1, 5)])  # fmt: skip
    return out.getvalue().encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=30_000)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="record-bench-")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "presessions.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from panels.models import UPRRecommendation
    from panels.record import services
    from panels.record.importing import Defaults

    data = export(args.rows)
    print(f"{args.rows} rows, {len(data) / 1e6:.1f} MB, on {django.db.connection.vendor}")
    for label, dry_run in (("dry run", True), ("import", False), ("same file again", False)):
        start = time.perf_counter()
        outcome = services.import_file(
            handle=io.BytesIO(data), name="export.csv", defaults=Defaults(), dry_run=dry_run
        )
        seconds = time.perf_counter() - start
        print(
            f"{label:>16}: {seconds:6.1f} s  (created {outcome.created}, updated "
            f"{outcome.updated}, unchanged {outcome.unchanged}, refused {len(outcome.refusals)})"
        )
    print(f"recommendations in the record: {UPRRecommendation.objects.count()}")


if __name__ == "__main__":
    main()
