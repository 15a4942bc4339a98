"""Throughput of the public pages, as a ratio to a trivial view served by the same stack:

    .venv/bin/python bench/pages.py [--seconds 10] [--rounds 3] [--connections 16]
                                    [--only PAGE]

On the database of bench/statements.py (10,000 published statements, 30,000
recommendations), with the demo added for a published programme and an open call, it
serves the site with gunicorn in production mode (2 sync workers, PostgreSQL, the page
cache in Redis) under bench/settings.py, which adds one address to the site's:
/en/bench-trivial/, a view returning "ok" through the same settings and middleware.
wrk (`apt-get install wrk`, 2 threads, 16 connections) drives each page for 10 s per
round, in interleaved rounds (for each page: the trivial view, then the page served from
the cache, then never asked before); each figure is the median of the rounds, each ratio
the median of the rounds' ratios to the trivial view run just before the page.

- Cached: a few dozen addresses of the page, each requested once just before the round.
- Never asked before: the cache's Redis database is emptied before the round (not the
  broker's), then what the page's addresses share (the versions, the filters' choices,
  the ids held in order) is built again by requests to its cached addresses, as on a
  site that published a while before. Each wrk thread walks its own slice of a list of
  distinct addresses, each round from another third of it; the requests past its end,
  repeats, are counted.
  Every request asks for its page to be built all the same (bench/cold_pages.py), as for
  its first visitor, repeats included: the programme, the home page and the form have
  only a few addresses, which wrk asks again within a second.
- Queries: counted in this process with Django's test client against the same database
  and cache, for one address never asked before (the filter choices, shared by every
  page, already cached) and for the same address again.

Targets: served from the cache, at least half the trivial view's requests per second;
never asked before, at least 0.15 of them and p99 under 150 ms. Figures only: it never
fails on a slow result.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: the shared stack is imported from ROOT
    sys.path.insert(0, str(ROOT))

from bench.page_addresses import Page, addresses  # noqa: E402 - needs ROOT on the path
from bench.stack import (  # noqa: E402
    CACHE_URL,
    DATABASE_URL,
    PORT,
    PYTHON,
    prepare_database,
    run_wrk,
    server_environment,
    start_gunicorn,
)

SETTINGS = "bench.settings"
TRIVIAL_PATH = "/en/bench-trivial/"  # bench/urls.py
WORKERS = 2
CACHED_TARGET = 0.5
COLD_TARGET = 0.15
COLD_P99_MS = 150.0

# Each wrk thread walks its own slice of the addresses in order (thread i takes every
# n-th from the i-th); past its end it starts again and counts the repeats. With
# BENCH_BUILD=1, each request asks for the page to be built (bench/cold_pages.py).
SLICES_LUA = """
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  local count = tonumber(os.getenv("BENCH_THREADS"))
  local all = {}
  for line in io.lines(os.getenv("BENCH_PATHS")) do all[#all + 1] = line end
  paths = {}
  for i = id + 1, #all, count do paths[#paths + 1] = all[i] end
  if #paths == 0 then paths = all end
  counter = 0
  repeats = 0
  headers = {}
  if os.getenv("BENCH_BUILD") == "1" then headers["X-Bench-Build"] = "1" end
end

function request()
  counter = counter + 1
  if counter > #paths then repeats = repeats + 1 end
  return wrk.format("GET", paths[((counter - 1) % #paths) + 1], headers)
end

function done(summary, latency, requests)
  local repeats, built = 0, 0
  for _, thread in ipairs(threads) do
    repeats = repeats + thread:get("repeats")
    built = built + thread:get("counter")
  end
  io.write(string.format("repeats: %d of %d\\n", repeats, built))
end
"""


# Preparing the data -------------------------------------------------------------------


def demo_environment() -> dict[str, str]:
    """The demo refuses a production database: it is loaded in development mode, with its
    tasks run in its own process, its emails dropped and a cache of its own."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_ENV", "SECRET_KEY", "CELERY_BROKER_URL", "ALLOWED_HOSTS"}
    }
    return {
        **environment,
        "DJANGO_SETTINGS_MODULE": "presessions.settings",
        "DATABASE_URL": DATABASE_URL,
        "EMAIL_URL": "dummymail://",
        "CACHE_URL": "locmemcache://",
    }


def prepare() -> None:
    """The statements, then (once) the demo for a published programme and an open call;
    the demo's open call is opened again if it closed since it was loaded."""
    prepare_database()
    os.environ.update(server_environment(CACHE_URL, SETTINGS))
    import django

    django.setup()
    from django.utils import timezone

    from panels.enums import TimetableStatus
    from presessions.models import Series
    from presessions.site.demo import calendar

    if not Series.objects.filter(timetable__status=TimetableStatus.PUBLISHED).exists():
        print("Loading the demo (a published programme, an open call)…")
        output = subprocess.run(
            [str(PYTHON), "manage.py", "load_demo"],
            cwd=ROOT,
            env=demo_environment(),
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        # Its first line; the second holds the demo login's new password.
        print(" ", output.splitlines()[0])
    if not Series.objects.with_open_call().exists():
        dates = calendar.dates_from_today(calendar.OPEN_SESSION, timezone.localdate())
        Series.objects.filter(session__number=calendar.OPEN_SESSION).update(
            call_opens_at=dates.call_opens, call_closes_at=dates.call_closes
        )
        print(f"  The call of series {calendar.OPEN_SESSION} opened again.")


# Measuring ----------------------------------------------------------------------------


def flush_cache() -> None:
    """Empty the page cache's Redis database (the broker's is another one)."""
    import redis

    redis.Redis.from_url(CACHE_URL).flushdb()


_TRANSACTION = {"BEGIN", "COMMIT", "ROLLBACK"}


def count_queries(pages: dict[str, Page]) -> dict[str, str]:
    """Queries of one address never asked before, then of the same address again, without
    BEGIN and COMMIT: "+T" says that the request opened a transaction."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for name, page in [("trivial view", Page("trivial", [], [TRIVIAL_PATH] * 2)), *pages.items()]:
        flush_cache()
        # The filter choices and versions, shared by every page, are cached by another.
        client.get(page.cold[1])
        figures = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as captured:
                status = client.get(page.cold[0]).status_code
            statements = [query["sql"] for query in captured.captured_queries]
            queries = [sql for sql in statements if sql not in _TRANSACTION]
            figure = str(len(queries)) + ("+T" if len(queries) < len(statements) else "")
            figures.append(figure + ("" if status == 200 else f" ({status})"))
        counts[name] = " / ".join(figures)
    connection.close()
    return counts


def warm(paths: list[str]) -> int:
    """Request each address once; return how many did not answer 200."""
    failures = 0
    for path in paths:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=30) as answer:
                failures += answer.status != 200
        except urllib.error.URLError:
            failures += 1
    return failures


def _report(label: str, result: dict) -> None:
    extra = f", {result['repeats']} repeats" if result.get("repeats") else ""
    errors = f", {result['errors']} non-2xx" if result["errors"] else ""
    print(
        f"  {label:<32} {result['rps']:>7.0f} req/s  p50 {result['p50']:>6.1f}  "
        f"p99 {result['p99']:>6.1f} ms{extra}{errors} {result['socket']}",
        file=sys.stderr,
        flush=True,
    )


def measure(pages: dict[str, Page], args, script: Path) -> tuple[list[dict], dict]:
    trivial: list[dict] = []
    results: defaultdict[tuple[str, str], list[dict]] = defaultdict(list)
    for round_number in range(args.rounds):
        print(f"Round {round_number + 1} of {args.rounds}", file=sys.stderr, flush=True)
        for name, page in pages.items():
            # The trivial view just before each page: the machine's rate drifts by a
            # third within minutes, and a ratio is meant to compare like with like.
            trivial.append(run_wrk([TRIVIAL_PATH], args.seconds, args.connections, script))
            trivial[-1]["repeats"] = None
            _report("trivial view", trivial[-1])
            failures = warm(page.cached)
            result = run_wrk(page.cached, args.seconds, args.connections, script)
            result["errors"] += failures
            result["repeats"] = None  # the few addresses come round again by design
            result["ratio"] = result["rps"] / trivial[-1]["rps"]
            results[name, "cached"].append(result)
            _report(f"{name}, cached", result)
            flush_cache()
            # What every page of the list shares (the versions, the filters' choices, the
            # ids held in order) built again by each worker, as on a site that published
            # a while before: the first requests after a publication are another case.
            warm(page.cached * WORKERS)
            # Each round from another third of the list: never asked in an earlier round.
            start = len(page.cold) * round_number // args.rounds
            cold = page.cold[start:] + page.cold[:start]
            result = run_wrk(cold, args.seconds, args.connections, script, build=True)
            result["ratio"] = result["rps"] / trivial[-1]["rps"]
            results[name, "cold"].append(result)
            _report(f"{name}, never asked before", result)
    return trivial, results


# The table ----------------------------------------------------------------------------


def _median(results: list[dict], key: str) -> float:
    return statistics.median(result[key] for result in results)


def _socket_errors(result: dict) -> int:
    """wrk's "connect 0, read 0, write 0, timeout 0", added up."""
    return sum(int(n) for n in re.findall(r"\d+", result["socket"]))


def _met(condition: bool) -> str:
    return "met" if condition else "not met"


def print_table(pages, trivial, results, counts, args, load: float) -> None:
    trivial_rps = _median(trivial, "rps")
    print(
        f"\n{os.cpu_count()} cores, gunicorn {WORKERS} sync workers, wrk 2 threads and "
        f"{args.connections} connections, {args.seconds} s per page and round, "
        f"median of {args.rounds} rounds. Load average {load:.1f} at the start (other work "
        "on the machine lowers every figure)."
    )
    runs = sorted(result["rps"] for result in trivial)
    print(
        f"Trivial view ({TRIVIAL_PATH}), run before each page: {trivial_rps:.0f} req/s "
        f"(from {runs[0]:.0f} to {runs[-1]:.0f}), "
        f"p50 {_median(trivial, 'p50'):.1f} ms, p99 {_median(trivial, 'p99'):.1f} ms, "
        f"queries {counts['trivial view']}.\n"
    )
    header = [
        "page",
        "cached ratio (req/s)",
        "cached p50/p99 ms",
        f"cached: ratio ≥ {CACHED_TARGET}",
        "cold ratio (req/s)",
        "cold p50/p99 ms",
        f"cold: ratio ≥ {COLD_TARGET}, p99 < {COLD_P99_MS:.0f} ms",
        "queries cold/cached",
        "cold repeats",
        "errors",
    ]
    rows = []
    for name in pages:
        cached, cold = results[name, "cached"], results[name, "cold"]
        cached_ratio, cold_ratio = _median(cached, "ratio"), _median(cold, "ratio")
        cold_p99 = _median(cold, "p99")
        most = max(cold, key=lambda result: result["repeats"])
        rows.append(
            [
                name,
                f"{cached_ratio:.2f} ({_median(cached, 'rps'):.0f})",
                f"{_median(cached, 'p50'):.1f} / {_median(cached, 'p99'):.1f}",
                _met(cached_ratio >= CACHED_TARGET),
                f"{cold_ratio:.2f} ({_median(cold, 'rps'):.0f})",
                f"{_median(cold, 'p50'):.1f} / {cold_p99:.1f}",
                _met(cold_ratio >= COLD_TARGET and cold_p99 < COLD_P99_MS),
                counts[name],
                f"{most['repeats']:,} of {most['built']:,}",
                str(sum(r["errors"] + _socket_errors(r) for r in cached + cold)),
            ]
        )
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    numeric = range(1, len(header))

    def line(cells: list[str]) -> str:
        return (
            "| "
            + " | ".join(
                cell.rjust(w) if i in numeric else cell.ljust(w)
                for i, (cell, w) in enumerate(zip(cells, widths, strict=True))
            )
            + " |"
        )

    print(line(header))
    print("|" + "|".join(("-" * (w + 1) + ":") if i in numeric else "-" * (w + 2)
                         for i, w in enumerate(widths)) + "|")  # fmt: skip
    for row in rows:
        print(line(row))
    print(
        "\nRatio: the page's requests per second over the trivial view's, run just before "
        "the page in the same round. "
        "Cold repeats: in the round with the most, requests to an address already asked "
        "in that round (built again all the same), of all the requests wrk built in it (a "
        "few more than it sent: it builds each connection's next request ahead). Queries: "
        "without BEGIN and COMMIT; +T: inside a transaction (ATOMIC_REQUESTS; the trivial "
        "view's too). Errors: answers other than 200 and wrk's socket errors (timeouts), "
        "all rounds."
    )
    for name, page in pages.items():
        if page.note and max(r["repeats"] for r in results[name, "cold"]):
            print(f"- {name}: {page.note}.")
        cold_queries, cached_queries = counts[name].split(" / ")
        if cold_queries == cached_queries and not cold_queries.startswith("0"):
            print(f"- {name}: as many queries cached as never asked before: no page cache.")


def _slug(name: str) -> str:
    return "-".join(name.replace(",", " ").split())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10, help="per page and round (10)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (3)")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (16)")
    parser.add_argument(
        "--only",
        action="append",
        metavar="PAGE",
        help="only this page (repeatable): listing, statement, search, search-page-2, "
        "recommendations, filters, programme, home, application-form",
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install wrk")
    started, load = time.monotonic(), os.getloadavg()[0]
    prepare()
    pages = addresses()
    if args.only:
        wanted = {_slug(name) for name in args.only}
        if wanted - {_slug(name) for name in pages}:
            raise SystemExit(f"Pages: {', '.join(_slug(name) for name in pages)}")
        pages = {name: page for name, page in pages.items() if _slug(name) in wanted}
    counts = count_queries(pages)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(SLICES_LUA)
    flush_cache()
    server = start_gunicorn(WORKERS, CACHE_URL, SETTINGS, ready_path=TRIVIAL_PATH)
    try:
        # Every worker's connection and templates (then the cache is emptied again).
        run_wrk([TRIVIAL_PATH, "/en/", "/en/statements/"], 2, args.connections, Path(script.name))
        flush_cache()
        trivial, results = measure(pages, args, Path(script.name))
    finally:
        server.terminate()
        server.wait(timeout=10)
        os.unlink(script.name)
    print_table(pages, trivial, results, counts, args, load)
    print(f"\n({time.monotonic() - started:.0f} s in all.)")


if __name__ == "__main__":
    main()
