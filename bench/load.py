"""Load test of the public site on the production stack, with its outcome checked:

    .venv/bin/python bench/load.py [--seconds 60] [--applicants 50] [--visitors 50]

It creates the PostgreSQL database `presessions_load` afresh (dropped first if it exists)
and loads the demo into it, empties Redis databases 12 (Celery broker) and 11 (cache),
starts an SMTP sink in this process, gunicorn in production mode (4 workers), one Celery
worker and Celery beat, then runs bench/locustfile.py with locust, headless, for the given
time: applicants submit the complete application form with a PDF upload again and again,
visitors browse the public pages. It prints requests per second, p50 and p99 latency and
failures per page, then checks that

- every application the site accepted (redirect to the confirmation page) is in the
  database;
- every application of the run (every one in the database, including any whose answer
  the end of the run cut off) had exactly one confirmation email reach the sink, within
  60 s of the end.

It exits with status 1 if any request failed, anything is missing or an email arrived
twice; the gunicorn and worker logs are then printed. Target: no error, nothing missing.

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth) and Redis on
127.0.0.1:6379; `.ci/run` shows how to start them.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from email import message_from_bytes
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = ROOT / ".venv" / "bin"
PYTHON = VENV_BIN / "python"

DATABASE = "presessions_load"
POSTGRES = "postgres://postgres@127.0.0.1:5432"
REDIS = "redis://127.0.0.1:6379"
BROKER_DB, CACHE_DB = 12, 11
OPEN_SERIES = 60  # the demo's open call
EMAIL_DOMAIN = "load.example.org"  # every applicant's address, see bench/locustfile.py
EMAIL_WAIT = 60.0  # seconds the confirmation emails may take after the run
CONFIRMATION_KIND = "application_received"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# The SMTP sink ------------------------------------------------------------------------


@dataclass
class Delivery:
    recipients: list[str]
    subject: str
    record: str  # the X-Presessions-Email header: the email record's id


@dataclass
class SmtpSink:
    """Records every message an SMTP client delivers (aiosmtpd's handler interface)."""

    deliveries: list[Delivery] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's name
        message = message_from_bytes(envelope.content)
        delivery = Delivery(
            recipients=[address.lower() for address in envelope.rcpt_tos],
            subject=str(message.get("Subject", "")),
            record=str(message.get("X-Presessions-Email", "")),
        )
        with self.lock:
            self.deliveries.append(delivery)
        return "250 Message accepted"

    def per_recipient(self) -> Counter[str]:
        with self.lock:
            return Counter(r for d in self.deliveries for r in d.recipients)

    def per_record(self) -> Counter[str]:
        with self.lock:
            return Counter(d.record for d in self.deliveries if d.record)

    def subjects(self, recipient: str) -> list[str]:
        with self.lock:
            return [d.subject for d in self.deliveries if recipient in d.recipients]


@contextmanager
def smtp_sink() -> Iterator[tuple[SmtpSink, int]]:
    from aiosmtpd.controller import Controller

    sink = SmtpSink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield sink, controller.port
    finally:
        controller.stop()


# The stack ------------------------------------------------------------------------------


def environment(*, port: int, smtp_port: int, media: Path) -> dict[str, str]:
    """What every process gets: the production settings, on this machine's loopback."""
    return {
        **os.environ,
        "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "DATABASE_URL": f"{POSTGRES}/{DATABASE}",
        "CELERY_BROKER_URL": f"{REDIS}/{BROKER_DB}",
        "CACHE_URL": f"{REDIS}/{CACHE_DB}",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        # Plain HTTP on the loopback; TLS is the proxy's business in production.
        "SECURE_SSL_REDIRECT": "False",
        "PRIVATE_MEDIA_ROOT": str(media),
        # Every simulated client comes from 127.0.0.1: the public forms' rate limit
        # would otherwise refuse most of them.
        "PUBLIC_FORM_RATE": "1000000/m",
    }


def prepare_database() -> None:
    import psycopg

    admin = psycopg.connect(f"{POSTGRES}/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        # FORCE closes connections a previous, interrupted run may have left open.
        cursor.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{DATABASE}"')
    admin.close()


def flush_redis() -> None:
    import redis

    for number in (BROKER_DB, CACHE_DB):
        redis.Redis.from_url(f"{REDIS}/{number}").flushdb()


def manage(env: dict[str, str], *args: str) -> None:
    result = subprocess.run(
        [str(PYTHON), "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")


def set_up(env: dict[str, str]) -> None:
    print(f"Creating the database {DATABASE} and loading the demo…", flush=True)
    prepare_database()
    flush_redis()
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "compile_catalogues")
    # The demo refuses a production database: load it with the development rules, into
    # the same database, broker and cache.
    demo_env = {key: value for key, value in env.items() if key != "DJANGO_ENV"}
    manage(demo_env, "load_demo")


@dataclass
class Process:
    name: str
    popen: subprocess.Popen[bytes]
    log: Path


def start(name: str, command: list[str], env: dict[str, str], logs: Path) -> Process:
    log = logs / f"{name}.log"
    with log.open("wb") as output:
        popen = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    return Process(name, popen, log)


def stop(process: Process) -> None:
    if process.popen.poll() is not None:
        return
    process.popen.terminate()
    try:
        process.popen.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.popen.kill()
        process.popen.wait()


def wait_for_gunicorn(server: Process, port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.popen.poll() is not None:
            raise SystemExit(f"gunicorn stopped:\n{server.log.read_text()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/en/", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer in 60 s:\n{server.log.read_text()}")


def wait_for_worker(worker: Process) -> None:
    """Until the worker answers a ping on the broker: emails queued before would wait
    in Redis anyway, but a worker that cannot start should stop the run now."""
    from celery import Celery

    app = Celery(broker=f"{REDIS}/{BROKER_DB}")
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            if worker.popen.poll() is not None:
                raise SystemExit(f"the Celery worker stopped:\n{worker.log.read_text()}")
            if app.control.ping(timeout=1):
                return
        raise SystemExit(f"the Celery worker did not start in 60 s:\n{worker.log.read_text()}")
    finally:
        app.close()


def wait_for_idle_worker() -> float:
    """Until the worker has done what the demo queued (the statement pages rendered after
    their publication, in every language), so that the run measures the site, not that
    warm-up. Returns the seconds it took."""
    import redis

    broker = redis.Redis.from_url(f"{REDIS}/{BROKER_DB}")
    started = time.monotonic()
    # The default queue, and the tasks taken but not yet acknowledged (acks_late).
    while broker.llen("celery") or broker.hlen("unacked"):
        if time.monotonic() - started > 300:
            raise SystemExit("the Celery worker did not finish the demo's tasks in 300 s")
        time.sleep(0.5)
    broker.close()
    return time.monotonic() - started


# The run and its figures ------------------------------------------------------------------


@dataclass
class CpuSample:
    """CPU seconds so far (Linux /proc): the machine's busy time and each process tree's."""

    wall: float
    machine: float
    trees: dict[str, float]
    children: float  # this process's waited-for children: locust, once it has exited
    backends: dict[int, float]  # PostgreSQL's processes serving the load's database

    @classmethod
    def take(cls, processes: list[Process]) -> CpuSample:
        tick = os.sysconf("SC_CLK_TCK")
        times = os.times()
        machine = 0.0
        with suppress(OSError):
            fields = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
            machine = (sum(fields[:8]) - fields[3] - fields[4]) / tick  # minus idle, iowait
        parents: dict[int, int] = {}
        used: dict[int, float] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with suppress(OSError, ValueError, IndexError):
                after_name = stat.read_text().rsplit(")", 1)[1].split()
                pid = int(stat.parent.name)
                parents[pid] = int(after_name[1])
                used[pid] = (int(after_name[11]) + int(after_name[12])) / tick
        backends: dict[int, float] = {}
        for pid in used:
            with suppress(OSError):
                # A backend's title: "postgres: 15/main: postgres presessions_load ...".
                if f" {DATABASE} " in (Path(f"/proc/{pid}/cmdline").read_bytes().decode() + " "):
                    backends[pid] = used[pid]

        def tree(root: int) -> float:
            members, total = [root], 0.0
            while members:
                pid = members.pop()
                total += used.get(pid, 0.0)
                members += [child for child, parent in parents.items() if parent == pid]
            return total

        return cls(
            wall=time.monotonic(),
            machine=machine,
            trees={p.name: tree(p.popen.pid) for p in processes},
            children=times.children_user + times.children_system,
            backends=backends,
        )


def print_cpu(before: CpuSample, after: CpuSample) -> None:
    """Where the CPU went during the run: the figures mean little if other jobs shared
    the machine."""
    if not after.machine:
        return
    wall = after.wall - before.wall
    cores = os.cpu_count() or 1
    machine = after.machine - before.machine
    spent = {name: after.trees[name] - before.trees.get(name, 0.0) for name in after.trees}
    spent["locust"] = after.children - before.children
    # Backends that closed during the run are missed: a lower bound.
    spent["PostgreSQL"] = sum(
        seconds - before.backends.get(pid, 0.0) for pid, seconds in after.backends.items()
    )
    parts = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in spent.items())
    other = machine - sum(spent.values())
    print(
        f"\nCPU over the {wall:.0f} s of the run ({cores} cores): machine busy "
        f"{100 * machine / (wall * cores):.0f}%: {parts}, "
        f"everything else (Redis, other jobs) {max(other, 0):.0f} s"
    )


def run_locust(
    args: argparse.Namespace, port: int, work: Path, submissions: Path
) -> subprocess.CompletedProcess[str]:
    users = args.applicants + args.visitors
    env = {
        **os.environ,
        "APPLICANTS": str(args.applicants),
        "VISITORS": str(args.visitors),
        "LOAD_SUBMISSIONS": str(submissions),
        "LOAD_STATS": str(work / "stats"),
        "LOAD_OPEN_SERIES": str(OPEN_SERIES),
        "LOAD_EMAIL_DOMAIN": EMAIL_DOMAIN,
    }
    command = [
        str(VENV_BIN / "locust"),
        "-f",
        str(ROOT / "bench" / "locustfile.py"),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(users),
        "--run-time",
        f"{args.seconds}s",
        # At the end, let each user finish the request it is in, so that no answer is
        # cut off (an application saved but never reported as such).
        "--stop-timeout",
        "30",
        "--host",
        f"http://127.0.0.1:{port}",
        "--only-summary",
    ]
    print(
        f"\nlocust: {args.applicants} applicants and {args.visitors} visitors for "
        f"{args.seconds} s…",
        flush=True,
    )
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    (work / "locust.log").write_text(result.stdout + result.stderr)
    return result


def read_csv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(newline="") as rows:
        return list(csv.DictReader(rows))


def print_figures(work: Path) -> int:
    """Print the per-page table from the final CSV statistics; return the number of
    failed requests plus the errors raised in the locustfile itself."""
    rows = read_csv(work / "stats_stats.csv")
    print(
        f"\n{'page':<20} {'requests':>9} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'failures':>9}"
    )
    failures = 0
    for row in rows:
        total = row["Name"] == "Aggregated"
        if total:
            print("-" * 64)
            failures = int(row["Failure Count"])
        print(
            f"{'total' if total else row['Name']:<20} {int(row['Request Count']):>9} "
            f"{float(row['Requests/s']):>7.1f} {row['50%']:>7} {row['99%']:>7} "
            f"{int(row['Failure Count']):>9}"
        )
    errors = read_csv(work / "stats_failures.csv")
    if errors:
        print("\nFailures:")
        for error in errors:
            print(f"  {error['Occurrences']:>5} x {error['Name']}: {error['Error']}")
    exceptions = read_csv(work / "stats_exceptions.csv")
    for exception in exceptions:
        # A bug in the locustfile: the user stopped its task, no request was counted.
        print(f"\nlocustfile error ({exception['Count']}x):\n{exception['Traceback']}")
    return failures + sum(int(exception["Count"]) for exception in exceptions)


def read_submissions(submissions: Path) -> list[dict[str, str]]:
    if not submissions.exists():
        return []
    return [json.loads(line) for line in submissions.read_text().splitlines() if line]


def load_applications() -> dict[str, str]:
    """contact_email -> organisation_name of every application of this run."""
    import psycopg

    connection = psycopg.connect(f"{POSTGRES}/{DATABASE}")
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT contact_email, organisation_name FROM applications_application "
                "WHERE contact_email LIKE %s",
                [f"%@{EMAIL_DOMAIN}"],
            )
            return dict(cursor.fetchall())
    finally:
        connection.close()


def email_records() -> list[tuple[str, int, int]]:
    """(status, count, most attempts) of the confirmation emails of this run."""
    import psycopg

    connection = psycopg.connect(f"{POSTGRES}/{DATABASE}")
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT status, count(*), max(attempts) FROM presessions_outboundemail "
                'WHERE kind = %s AND "to" LIKE %s GROUP BY status ORDER BY status',
                [CONFIRMATION_KIND, f"%@{EMAIL_DOMAIN}"],
            )
            return cursor.fetchall()
    finally:
        connection.close()


def wait_for_emails(sink: SmtpSink, expected: set[str]) -> Counter[str]:
    deadline = time.monotonic() + EMAIL_WAIT
    while time.monotonic() < deadline and not expected <= set(sink.per_recipient()):
        time.sleep(0.5)
    # A little longer, so that an email sent twice has the time to arrive twice.
    time.sleep(3)
    return sink.per_recipient()


def check(sink: SmtpSink, submissions: Path) -> bool:
    submitted = read_submissions(submissions)
    stored = load_applications()
    saved = [s for s in submitted if stored.get(s["contact_email"]) == s["organisation_name"]]
    print(f"\napplications saved: {len(saved)} of {len(submitted)}")
    unreported = set(stored) - {s["contact_email"] for s in submitted}
    if unreported:
        # Saved, but the answer never reached locust: still owed an email.
        print(f"  plus {len(unreported)} saved whose answer locust did not see")
    received = wait_for_emails(sink, set(stored))
    confirmed = [address for address in stored if received[address]]
    twice = [address for address in stored if received[address] > 1]
    print(f"confirmation emails received: {len(confirmed)} of {len(stored)}")
    print(f"duplicate emails: {sum(received[address] - 1 for address in twice)}")
    for address in twice[:5]:
        print(f"  {address}: {' | '.join(sink.subjects(address))}")
    # The same email record delivered more than once, whoever it was for.
    resent = sum(count - 1 for count in sink.per_record().values() if count > 1)
    if resent:
        print(f"  email records delivered more than once: {resent}")
    for status, count, attempts in email_records():
        print(f"  email records {status}: {count} (at most {attempts} attempts)")
    return (
        len(saved) == len(submitted) and len(confirmed) == len(stored) and not twice and not resent
    )


def print_logs(processes: list[Process], work: Path) -> None:
    for log in [p.log for p in processes] + [work / "locust.log"]:
        if log.exists():
            text = log.read_text(errors="replace").strip()
            print(f"\n===== {log.name} (last 200 lines) =====")
            print("\n".join(text.splitlines()[-200:]) or "(empty)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=60, help="length of the run")
    parser.add_argument("--applicants", type=int, default=50, help="users applying")
    parser.add_argument("--visitors", type=int, default=50, help="users browsing")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--keep", action="store_true", help="keep the logs and uploads")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="presessions-load-"))
    media, logs = work / "media", work / "logs"
    media.mkdir()
    logs.mkdir()
    submissions = work / "submitted.jsonl"
    processes: list[Process] = []
    passed = False
    try:
        with smtp_sink() as (sink, smtp_port):
            port = free_port()
            env = environment(port=port, smtp_port=smtp_port, media=media)
            set_up(env)
            processes.append(
                start(
                    "gunicorn",
                    [str(VENV_BIN / "gunicorn"), "presessions.wsgi", "--workers",
                     str(args.workers), "--bind", f"127.0.0.1:{port}",
                     # Its control socket's default path is shared by every gunicorn of
                     # the machine: none is needed here.
                     "--no-control-socket"],
                    env,
                    logs,
                )
            )  # fmt: skip
            processes.append(
                start(
                    "worker",
                    [str(PYTHON), "-m", "celery", "-A", "presessions", "worker",
                     "--concurrency", "2", "--loglevel", "WARNING", "--hostname", "load@%h"],
                    env,
                    logs,
                )
            )  # fmt: skip
            # Beat as in production: it sends again what the dispatch on commit missed.
            processes.append(
                start(
                    "beat",
                    [str(PYTHON), "-m", "celery", "-A", "presessions", "beat", "--loglevel",
                     "WARNING", "--schedule", str(work / "celerybeat-schedule")],
                    env,
                    logs,
                )
            )  # fmt: skip
            wait_for_gunicorn(processes[0], port)
            wait_for_worker(processes[1])
            print(f"The worker took {wait_for_idle_worker():.0f} s for the demo's tasks.")
            before = CpuSample.take(processes)
            result = run_locust(args, port, work, submissions)
            after = CpuSample.take(processes)
            if not (work / "stats_stats.csv").exists():
                raise SystemExit(f"locust wrote no statistics:\n{result.stdout}{result.stderr}")
            failures = print_figures(work)
            print_cpu(before, after)
            complete = check(sink, submissions)
            # locust's own exit code also counts errors it logged outside the requests.
            if result.returncode:
                print(f"locust exited with status {result.returncode} (see its log below)")
            passed = failures == 0 and complete and result.returncode == 0
    finally:
        for process in reversed(processes):
            stop(process)
        if not passed:
            print_logs(processes, work)
        if args.keep or not passed:
            print(f"\nLogs, statistics and uploads kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print("\nPASS: no error, nothing missing." if passed else "\nFAIL")
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    with suppress(KeyboardInterrupt):
        main()
