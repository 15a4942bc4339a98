"""The production stack that the page benchmarks (bench/statements.py, bench/pages.py)
run on: the PostgreSQL database `presessions_bench` with 10,000 published statements,
gunicorn in production mode, and wrk driving it.

PostgreSQL and Redis are found on 127.0.0.1 (BENCH_DATABASE_URL and BENCH_REDIS_URL
change that); the broker is that Redis database, the page cache the one numbered 13.
"""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = ROOT / ".venv" / "bin" / "python"
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/presessions_bench"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
CACHE_URL = REDIS_URL.rsplit("/", 1)[0] + "/13"
PORT = 8765
STATEMENTS = 10_000
SETTINGS = "presessions.settings"
WRK_THREADS = 2


def server_environment(cache_url: str = CACHE_URL, settings: str = SETTINGS) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings,
        "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": DATABASE_URL,
        "CELERY_BROKER_URL": REDIS_URL,
        "EMAIL_URL": "smtp://127.0.0.1:2525",
        "CACHE_URL": cache_url,
        # Plain HTTP on the loopback; TLS is the proxy's business in production.
        "SECURE_SSL_REDIRECT": "False",
    }


def manage(*args: str) -> str:
    result = subprocess.run(
        [str(PYTHON), "manage.py", *args],
        cwd=ROOT,
        env=server_environment(),
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def prepare_database() -> None:
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[1]
    admin = psycopg.connect(DATABASE_URL.rsplit("/", 1)[0] + "/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    print("Migrating and loading the statements (once; a few minutes the first time)…")
    manage("migrate", "--noinput", "-v0")
    print(" ", manage("load_sample_statements", "--count", str(STATEMENTS)).strip())
    manage("collectstatic", "--noinput", "-v0")
    connection = psycopg.connect(DATABASE_URL)
    connection.autocommit = True
    with connection.cursor() as cursor:
        # As autovacuum would after a bulk load: statistics, and the visibility map that
        # lets the listing count and page through its index alone.
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("SELECT count(*) FROM panels_statement WHERE published_at IS NOT NULL; ")
        statements = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM panels_recommendation")
        recommendations = cursor.fetchone()[0]
    connection.close()
    print(f"  {statements:,} published statements, {recommendations:,} recommendations.")


def start_gunicorn(
    workers: int, cache_url: str, settings: str = SETTINGS, ready_path: str = "/en/statements/"
) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "presessions.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=server_environment(cache_url, settings),
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}{ready_path}", timeout=2)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer")


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * _UNITS[unit]


def run_wrk(
    paths: list[str], seconds: int, connections: int, script: Path, *, build: bool = False
) -> dict:
    """wrk's figures for the Lua `script` rotating through `paths` (read from the file
    named by BENCH_PATHS); `repeats` of the requests `built` when the script reports
    them ("repeats: 3 of 250"). `build`: BENCH_BUILD=1 for the script, which then asks
    for every page to be built (bench/cold_pages.py)."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
        listing.write("\n".join(paths) + "\n")
    output = subprocess.run(
        [
            "wrk",
            f"-t{WRK_THREADS}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "-s",
            str(script),
            f"http://127.0.0.1:{PORT}",
        ],
        env={
            **os.environ,
            "BENCH_PATHS": listing.name,
            "BENCH_THREADS": str(WRK_THREADS),
            "BENCH_BUILD": "1" if build else "",
        },
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    os.unlink(listing.name)
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)$", output, re.MULTILINE)
    repeats = re.search(r"^repeats: (\d+) of (\d+)$", output, re.MULTILINE)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "p50": _ms(latency["50"]),
        "p99": _ms(latency["99"]),
        "errors": int(errors.group(1)) if errors else 0,
        "socket": socket_errors.group(1) if socket_errors else "",
        "repeats": int(repeats.group(1)) if repeats else None,
        "built": int(repeats.group(2)) if repeats else None,
    }
