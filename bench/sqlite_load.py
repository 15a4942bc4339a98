"""Concurrent applications on the zero-setup SQLite database, through gunicorn:

    .venv/bin/python bench/sqlite_load.py [--applications 40] [--at-once 8] [--workers 2]

It creates a SQLite database in a temporary folder, migrates it, adds a series whose call
is open, and starts gunicorn on a free loopback port with the development settings (tasks
in-process, emails written as files into the same folder, as `bin/run` does). Then it
submits complete applications with a PDF report, that many at a time: each submitter opens
the form (for its CSRF token) and all of a batch post together. It prints the successes,
the errors ("database is locked" counted apart) and the times, and exits with status 1
on any error or any application missing from the database. Nothing outside the temporary
folder is touched. tests/presessions/test_sqlite_concurrency.py runs it with 16 at once.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: the test documents are imported from ROOT
    sys.path.insert(0, str(ROOT))

from bench.load import free_port  # noqa: E402 - needs ROOT on the path
from tests.documents import PDF_BYTES  # noqa: E402

PYTHON = ROOT / ".venv" / "bin" / "python"
SERIES = 55
APPLY_PATH = f"/en/series/{SERIES}/apply/"
LOCKED = "database is locked"
SEED = (
    "from tests.factories import PreSessionFactory, SeriesFactory; "
    f"series = SeriesFactory(session__number={SERIES}); "
    "PreSessionFactory(series=series, country='KE', review_order=1)"
)
_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken"\s+value="([^"]+)"')


@dataclass
class Site:
    url: str
    database: Path
    log: Path


def environment(work: Path, port: int) -> dict[str, str]:
    """The zero-setup defaults, with the database, uploads and emails in `work`."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_ENV", "CELERY_BROKER_URL", "CACHE_URL", "EMAIL_URL"}
    }
    return {
        **clean,
        "DJANGO_SETTINGS_MODULE": "presessions.settings",
        "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "EMAIL_URL": f"filemail:///{work / 'mail'}",
        "PRIVATE_MEDIA_ROOT": str(work / "private"),
        "SECRET_KEY": secrets.token_urlsafe(40),
        "SITE_URL": f"http://127.0.0.1:{port}",
        # Every submitter comes from 127.0.0.1: the public forms' limit would refuse most.
        "PUBLIC_FORM_RATE": "1000000/m",
    }


def manage(env: dict[str, str], *args: str) -> None:
    result = subprocess.run(
        [str(PYTHON), "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")


def wait_for(server: subprocess.Popen[bytes], url: str, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn stopped:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/en/", timeout=2) as answer:  # noqa: S310 - http on loopback
                if answer.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer in 60 s:\n{log.read_text()}")


@contextmanager
def sqlite_site(work: Path, *, workers: int = 2) -> Iterator[Site]:
    """A migrated SQLite database with an open call, served by gunicorn (sync workers)."""
    port = free_port()
    env = environment(work, port)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "shell", "-c", SEED)
    log = work / "gunicorn.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [str(PYTHON), "-m", "gunicorn", "presessions.wsgi", "--workers", str(workers),
             "--bind", f"127.0.0.1:{port}", "--timeout", "60"],
            cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}"
        wait_for(server, url, log)
        yield Site(url=url, database=work / "db.sqlite3", log=log)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@dataclass
class Outcome:
    organisation: str
    status: int
    seconds: float
    error: str  # empty for an application accepted (a redirect to the confirmation)
    locked: bool  # the answer was the error "database is locked"


def select_first(page: str, name: str) -> str:
    found = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.DOTALL)
    values = re.findall(r'<option value="([^"]+)"', found.group(1)) if found else []
    return values[0] if values else ""


def apply_once(url: str, number: int, start: threading.Barrier) -> Outcome:
    """Open the form, wait for the rest of the batch, post a complete application."""
    organisation = f"Concurrent Rights Network {number:03d}"
    with requests.Session() as browser:
        page = browser.get(f"{url}{APPLY_PATH}", timeout=60).text
        token = _CSRF_INPUT.search(page)
        data = {
            "csrfmiddlewaretoken": token.group(1) if token else "",
            "presession": select_first(page, "presession"),
            "organisation_name": organisation,
            "organisation_country": "KE",
            "organisation_website": "https://crn.example.org",
            "organisation_type": "cso",
            "scope": "national",
            "is_national_coalition": "True",
            "contact_email": f"contact-{number}@crn.example.org",
            "submitted_upr_report": "True",
            "main_theme": select_first(page, "main_theme"),
            "summary": "We will present the situation of the right to health.",
            "speaker_name": "Grace Wanjiru",
            "speaker_email": f"speaker-{number}@crn.example.org",
            "speaker_gender": "woman",
            "speaker_languages": ["en", "fr"],
            "needs_interpretation": "False",
            "needs_funding": "False",
            "has_safety_concerns": "False",
            "consent": "on",
        }
        start.wait(timeout=120)
        began = time.monotonic()
        answer = browser.post(
            f"{url}{APPLY_PATH}",
            data=data,
            files={"upr_report": (f"report-{number}.pdf", PDF_BYTES, "application/pdf")},
            allow_redirects=False,
            timeout=120,
        )
        seconds = time.monotonic() - began
    accepted = answer.status_code == 302 and answer.headers["Location"].endswith("/received/")
    error = "" if accepted else f"HTTP {answer.status_code}: {answer.text[:2000]}"
    return Outcome(organisation, answer.status_code, seconds, error, LOCKED in answer.text)


def submit(url: str, *, applications: int, at_once: int) -> list[Outcome]:
    """All the applications, in batches of `at_once` posted together."""
    outcomes: list[Outcome] = []
    with ThreadPoolExecutor(max_workers=at_once) as pool:
        for first in range(0, applications, at_once):
            batch = range(first, min(first + at_once, applications))
            start = threading.Barrier(len(batch))
            outcomes += pool.map(lambda n, start=start: apply_once(url, n, start), batch)
    return outcomes


def stored_organisations(database: Path) -> list[str]:
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT organisation_name FROM applications_application")
        return sorted(name for (name,) in rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--applications", type=int, default=40)
    parser.add_argument("--at-once", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="presessions-sqlite-") as folder:
        work = Path(folder)
        with sqlite_site(work, workers=args.workers) as site:
            began = time.monotonic()
            outcomes = submit(site.url, applications=args.applications, at_once=args.at_once)
            elapsed = time.monotonic() - began
            stored = stored_organisations(site.database)
            log = site.log.read_text()
        failed = [outcome for outcome in outcomes if outcome.error]
        locked = sum(outcome.locked for outcome in failed)
        times = sorted(outcome.seconds for outcome in outcomes)
        print(
            f"{args.applications} applications, {args.at_once} at a time, "
            f"{args.workers} gunicorn workers, in {elapsed:.1f} s: "
            f"{len(outcomes) - len(failed)} accepted, {len(failed)} errors "
            f"({locked} '{LOCKED}'); {len(stored)} in the database; "
            f"post p50 {times[len(times) // 2]:.2f} s, max {times[-1]:.2f} s; "
            f"'{LOCKED}' in the server log: {log.count(LOCKED)}"
        )
        for outcome in failed[:3]:
            print(f"  {outcome.organisation}: {outcome.error[:300]}")
        return 1 if failed or len(stored) != args.applications else 0


if __name__ == "__main__":
    sys.exit(main())
