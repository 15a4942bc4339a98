"""Private services for the fault tests: ones the tests may stop, kill and restart.

The machine's shared PostgreSQL and Redis serve other runs at the same time, so a test
that breaks a service breaks its own copy: a redis-server or a PostgreSQL cluster on a
free port, started and stopped here. Workers, beat and the web server are processes
too, so that a test can kill them for real.
"""

from __future__ import annotations

import asyncio
import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email import message_from_bytes
from email.message import Message
from pathlib import Path

import psycopg
import pytest
import redis
from aiosmtpd.controller import Controller
from django.conf import settings


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition: Callable[[], bool], timeout: float, interval: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return condition()


def stop_process(process: subprocess.Popen, timeout: float = 20) -> None:
    """Ask politely (SIGTERM), then insist."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def tail(path: Path, lines: int = 60) -> str:
    if not path.exists():
        return "(no log)"
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


class PrivateRedis:
    """A redis-server of the test's own, without persistence: a restart loses every
    message on it, as a crash of the shared one would."""

    def __init__(self, workdir: Path) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            pytest.fail("The fault tests need redis-server on the PATH (apt-get install redis).")
        self.binary = binary
        self.port = free_port()
        self.log = workdir / f"redis-{self.port}.log"
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self) -> redis.Redis:
        return redis.Redis(host="127.0.0.1", port=self.port, socket_connect_timeout=2)

    def start(self) -> None:
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                [self.binary, "--port", str(self.port), "--bind", "127.0.0.1",
                 "--save", "", "--appendonly", "no"],
                stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        if not wait_until(self._answers, timeout=10):
            pytest.fail(f"The private redis-server did not start:\n{tail(self.log)}")

    def stop(self) -> None:
        if self.process is not None:
            stop_process(self.process)
            self.process = None

    def unacknowledged(self) -> int:
        """How many tasks a worker took and has not acknowledged (kombu's "unacked")."""
        with self.client() as client:
            return client.hlen("unacked")

    def _answers(self) -> bool:
        with self.client() as client:
            try:
                return bool(client.ping())
            except redis.ConnectionError:
                return False


def postgres_bin(name: str) -> str:
    """A PostgreSQL server program: the newest installed version's, else the PATH's."""
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=_version_key)
    path = found[-1] if found else shutil.which(name)
    if path is None:
        pytest.fail(f"The database restart test needs PostgreSQL's {name} (postgresql package).")
    return path


def _version_key(path: str) -> int:
    version = Path(path).parts[-3]
    return int(version) if version.isdigit() else 0


class PrivateCluster:
    """A PostgreSQL cluster of the test's own, in a temporary folder, trusting local
    connections. initdb refuses to run as root, so as root it runs as postgres."""

    def __init__(self) -> None:
        self.port = free_port()
        # Not under pytest's tmp_path: its parents are private to root, and the server
        # may run as another user.
        self.root = Path(tempfile.mkdtemp(prefix="presessions-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.as_owner: list[str] = []
        if os.geteuid() == 0:
            runuser = shutil.which("runuser")
            if runuser is None:
                pytest.fail("Running as root, the test needs runuser to start PostgreSQL.")
            self.as_owner = [runuser, "-u", "postgres", "--"]
            shutil.chown(self.root, user="postgres")

    @property
    def dsn(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}"

    def init(self) -> None:
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres",
                  "-E", "UTF8", "--no-sync")  # fmt: skip

    def start(self) -> None:
        self._pg_ctl("start")

    def restart(self) -> None:
        # -m fast: the server ends every session at once, as after a crash or an upgrade.
        self._pg_ctl("restart", "-m", "fast")

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._pg_ctl("stop", "-m", "immediate")
        shutil.rmtree(self.root, ignore_errors=True)

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        """Run one statement in autocommit (CREATE DATABASE refuses a transaction)."""
        connection = psycopg.connect(f"{self.dsn}/postgres")
        try:
            connection.autocommit = True
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall() if cursor.description else []
        finally:
            connection.close()

    def _pg_ctl(self, *arguments: str) -> None:
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 "
            f"-c unix_socket_directories={self.root} -c fsync=off"
        )
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w",
                  *arguments)  # fmt: skip

    def _run(self, program: str, *arguments: str) -> None:
        result = subprocess.run(
            [*self.as_owner, postgres_bin(program), *arguments],
            capture_output=True, text=True, cwd=self.root, check=False,
        )  # fmt: skip
        if result.returncode:
            pytest.fail(
                f"{program} {' '.join(arguments)} failed:\n{result.stdout}{result.stderr}"
                f"\n{tail(self.log)}"
            )


class FaultySmtp:
    """An SMTP sink that can refuse for a while or hold a message before accepting it.

    A message counts as delivered only once the server accepts it: one whose client
    goes away while it is held is never accepted (the sink counts it as abandoned).
    """

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.attempts: list[float] = []  # when each message's DATA arrived (monotonic)
        self.refuse = 0  # answer the next so many messages "451 try again later"
        self.hold = 0.0  # hold the next message this many seconds before accepting it
        self.holding = False
        self.abandoned = 0
        self.controller = Controller(self, hostname="127.0.0.1", port=free_port())

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.controller.port}"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.attempts.append(time.monotonic())
        if self.refuse > 0:
            self.refuse -= 1
            return "451 4.3.0 Try again later"
        if self.hold:
            delay, self.hold = self.hold, 0.0
            self.holding = True
            try:
                await asyncio.sleep(delay)
            except asyncio.CancelledError:
                # aiosmtpd cancels the handler when the client's connection closes.
                self.abandoned += 1
                raise
            finally:
                self.holding = False
        self.messages.append(message_from_bytes(envelope.content))
        return "250 Message accepted"

    def wait_for(self, count: int, timeout: float = 30.0) -> list[Message]:
        wait_until(lambda: len(self.messages) >= count, timeout)
        return list(self.messages)


def service_env(*, database_url: str, broker_url: str, email_url: str, **overrides: str):
    """The environment of a worker, beat or web process of the tests."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "presessions.settings",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": broker_url,
        "EMAIL_URL": email_url,
        "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
        "SECRET_KEY": settings.SECRET_KEY,
        **overrides,
    }


@dataclass
class Service:
    """A process a test started, and its log (shown when something goes wrong)."""

    process: subprocess.Popen
    log: Path

    def logs(self) -> str:
        return tail(self.log)


def start_process(arguments: list[str], env: Mapping[str, str], log: Path) -> subprocess.Popen:
    with log.open("a") as log_file:
        return subprocess.Popen(
            [sys.executable, *arguments],
            cwd=settings.BASE_DIR, env=dict(env), stdout=log_file, stderr=subprocess.STDOUT,
            # Its own process group: a SIGKILL meant for it reaches nothing else.
            start_new_session=True,
        )  # fmt: skip


def kill(process: subprocess.Popen) -> None:
    """SIGKILL: no warm shutdown, no acknowledgement, no goodbye to the broker."""
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
