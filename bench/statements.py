"""Load test of the public statement pages on the production stack:

    .venv/bin/python bench/statements.py [--seconds 10] [--connections 16] [--workers 4]

It creates (once) the PostgreSQL database `presessions_bench` with 10,000 published
statements and 30,000 recommendations, serves the app with gunicorn in production mode,
drives each page with wrk (`apt-get install wrk`) at 16 concurrent connections, and prints
requests per second, p50 and p99 latency and the errors of each page: once with the page
cache as in production (starting empty), once with no cache at all. Figures only; it
never fails on a slow result. Target: p99 under 100 ms on 2 cores.

PostgreSQL and Redis are found on 127.0.0.1 (BENCH_DATABASE_URL and BENCH_REDIS_URL
change that).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: the shared stack is imported from ROOT
    sys.path.insert(0, str(ROOT))

from bench.stack import (  # noqa: E402 - needs ROOT on the path
    CACHE_URL,
    prepare_database,
    run_wrk,
    server_environment,
    start_gunicorn,
)

SEARCHES = ["journalists detention", "health care", "women human rights defenders",
            "budget", "indigenous peoples land", "migrant workers wage", "legal aid",
            "violence unpunished", "refugees", "trade unionists"]  # fmt: skip

ROTATE_LUA = """
paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
counter = math.random(#paths)
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
"""


def sample_paths() -> dict[str, list[str]]:
    os.environ.update(server_environment())
    import django

    django.setup()
    from panels.models import Statement
    from presessions.models import Theme

    rows = list(
        Statement.objects.filter(published_at__isnull=False)
        .order_by("?")
        .values_list(
            "presession__series__session__number", "presession__country", "position", "pk"
        )[:1000]
    )
    themes = list(Theme.objects.values_list("pk", flat=True))
    from django_countries import countries

    rng = random.Random(1)
    details = [f"/en/statements/{n}/{countries.alpha3(c).lower()}/{p}/" for n, c, p, _ in rows]
    codes = sorted({c for _n, c, _p, _pk in rows})
    return {
        "listing": ["/en/statements/"],
        "listing, pages 2-500": [f"/en/statements/?page={n}" for n in range(2, 501)],
        "search": [f"/en/statements/?q={q.replace(' ', '+')}" for q in SEARCHES],
        "search, page 2": [f"/en/statements/?q={q.replace(' ', '+')}&page=2" for q in SEARCHES],
        "filters": [
            f"/en/statements/?country={rng.choice(codes)}&theme={rng.choice(themes)}"
            for _ in range(200)
        ],
        "statement": details,
        "recommendations": [
            f"/en/statements/recommendations/?theme={t}&page={rng.randint(1, 5)}" for t in themes
        ],
        "feed": ["/en/statements/feed/"],
        "_statement ids": [pk for *_rest, pk in rows],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10, help="per page (default 10)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install wrk")
    prepare_database()
    pages = sample_paths()
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(ROTATE_LUA)
    runs = [
        ("with the page cache (Redis), as in production", CACHE_URL),
        ("without any cache: every request reaches PostgreSQL", "dummycache://"),
    ]
    try:
        for title, cache_url in runs:
            measure(title, cache_url, dict(pages), args, Path(script.name))
    finally:
        os.unlink(script.name)


def measure(title: str, cache_url: str, pages: dict, args, script: Path) -> None:
    statement_ids = pages.pop("_statement ids")
    if cache_url.startswith("redis"):
        import redis

        # Start cold: lists are cached as they are visited. Statement pages are rendered
        # after their publication by a task; here, those of the statements visited below.
        redis.Redis.from_url(cache_url).flushdb()
        from panels.statements import public_pages

        started = time.monotonic()
        stored = public_pages.render_statement_pages(statement_ids)
        print(f"\n{stored} statement pages rendered in {time.monotonic() - started:.0f} s")
    server = start_gunicorn(args.workers, cache_url)
    try:
        # Warm up every worker's connection and templates (not the pages measured).
        run_wrk(["/en/", "/en/statements/feed/"], 2, args.connections, script)
        print(
            f"\n{title}\n{args.connections} connections, {args.seconds} s per page, "
            f"gunicorn {args.workers} workers, {os.cpu_count()} cores"
        )
        print(f"{'page':<22} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
        for name, paths in pages.items():
            result = run_wrk(paths, args.seconds, args.connections, script)
            print(
                f"{name:<22} {result['rps']:>8.0f} {result['p50']:>8.1f} {result['p99']:>8.1f} "
                f"{result['errors']:>7} {result['socket']}"
            )
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
