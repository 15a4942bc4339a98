"""The real stack: PostgreSQL, Redis, a Celery worker process and an SMTP sink.

Run with DATABASE_URL pointing at PostgreSQL and CELERY_BROKER_URL at Redis:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/presessions \
    CELERY_BROKER_URL=redis://127.0.0.1:6379/15 bin/test -m live
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from email import message_from_bytes
from email.message import Message
from pathlib import Path
from urllib.parse import quote

import kombu.pools
import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection

from presessions.celery import app as celery_app

from .stack import (
    FaultySmtp,
    PrivateCluster,
    Service,
    free_port,
    service_env,
    start_process,
    stop_process,
)


class SmtpSink:
    """Collects every message an SMTP client delivers to it."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append(message_from_bytes(envelope.content))
        return "250 Message accepted"

    def wait_for(self, count: int, timeout: float = 30.0) -> list[Message]:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.1)
        return list(self.messages)


@pytest.fixture(scope="session")
def stack_settings():
    database = settings.DATABASES["default"]
    if "postgresql" not in database["ENGINE"] or not settings.CELERY_BROKER_URL:
        pytest.fail(
            "The live tests need PostgreSQL and Redis: set DATABASE_URL=postgres://... "
            "and CELERY_BROKER_URL=redis://... (see README.md)."
        )
    return database


@pytest.fixture(scope="session")
def smtp_sink():
    sink = SmtpSink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield sink, controller.port
    controller.stop()


@pytest.fixture(scope="session")
def celery_worker_process(
    stack_settings, django_db_setup, django_db_blocker, smtp_sink, tmp_path_factory
):
    """A real worker process, on its own queue, using the test database and the sink."""
    _, smtp_port = smtp_sink
    with django_db_blocker.unblock():
        database_url = database_url_of_tests()
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "presessions.settings",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
        "SECRET_KEY": settings.SECRET_KEY,
    }
    log = tmp_path_factory.mktemp("worker") / "worker.log"
    with log.open("w") as log_file:
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "presessions", "worker", "--pool", "solo",
             "--loglevel", "INFO", "--queues", queue, "--hostname", f"{queue}@%h",
             "--without-gossip", "--without-mingle"],
            cwd=settings.BASE_DIR, env=env, stdout=log_file, stderr=subprocess.STDOUT,
        )  # fmt: skip
    previous = (celery_app.conf.task_always_eager, celery_app.conf.task_default_queue)
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    try:
        _wait_until_ready(worker, queue, log)
        yield worker
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = previous
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def database_url_of_tests() -> str:
    """The URL of the test database, for the processes the tests start."""
    test_db = connection.settings_dict
    user = quote(test_db.get("USER") or "", safe="")
    password = quote(test_db.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    return (
        f"postgres://{credentials}{test_db.get('HOST') or '127.0.0.1'}:"
        f"{test_db.get('PORT') or 5432}/{test_db['NAME']}"
    )


def _wait_until_ready(worker: subprocess.Popen, queue: str, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            pytest.fail(f"The Celery worker stopped:\n{log.read_text()}")
        replies = celery_app.control.ping(
            destination=[f"{queue}@{socket.gethostname()}"], timeout=1
        )
        if replies:
            return
    pytest.fail(f"The Celery worker did not start in time:\n{log.read_text()}")


# The fault tests: each test has its own Redis, SMTP sink, workers and beat, so that it
# can stop, kill and restart them without touching the shared services.


@pytest.fixture
def private_postgres():
    cluster = PrivateCluster()
    cluster.init()
    cluster.start()
    yield cluster
    cluster.stop()


@pytest.fixture
def faulty_smtp():
    sink = FaultySmtp()
    sink.controller.start()
    yield sink
    sink.controller.stop()


@pytest.fixture
def celery_on_private_redis(private_redis):
    """This process publishes to the private Redis, on the queue its workers read (the
    default one: nothing else uses that Redis)."""
    names = ("broker_read_url", "broker_write_url", "task_always_eager", "task_default_queue")
    previous = {name: celery_app.conf[name] for name in names}
    # broker_url itself would be ignored: Celery prefers the CELERY_BROKER_URL variable.
    celery_app.conf.update(
        broker_read_url=private_redis.url,
        broker_write_url=private_redis.url,
        task_always_eager=False,
        task_default_queue="celery",
    )
    _drop_broker_connections()
    yield private_redis
    _drop_broker_connections()
    celery_app.conf.update(previous)


def _drop_broker_connections() -> None:
    """Forget every connection to the broker this process holds, so that what runs next
    connects to the broker configured then (the shared one, or another private one)."""
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
        celery_app._pool = None
    celery_app.amqp._producer_pool = None
    # The control mailbox (used by ping) caches its producer pool; kombu keeps global
    # pools per broker address.
    celery_app.control.mailbox.__dict__.pop("producer_pool", None)
    kombu.pools.reset()


@pytest.fixture
def start_worker(stack_settings, celery_on_private_redis, faulty_smtp, tmp_path):
    """Start a real worker process (solo pool: the process that sends is the one a test
    kills) on the private Redis, the test database and the sink; settings as keywords.
    For tests marked django_db(transaction=True): the worker sees what they commit, and
    is stopped before the database is emptied."""
    database_url = database_url_of_tests()
    workers: list[subprocess.Popen] = []

    def start(**overrides: str) -> Service:
        name = f"faults{len(workers)}-{uuid.uuid4().hex[:6]}"
        log = tmp_path / f"{name}.log"
        env = service_env(
            database_url=database_url,
            broker_url=celery_on_private_redis.url,
            email_url=faulty_smtp.url,
            **overrides,
        )
        worker = start_process(
            ["-m", "celery", "-A", "presessions", "worker", "--pool", "solo",
             "--loglevel", "INFO", "--hostname", f"{name}@%h",
             "--without-gossip", "--without-mingle"],
            env, log,
        )  # fmt: skip
        workers.append(worker)
        _wait_until_ready(worker, name, log)
        return Service(worker, log)

    yield start
    for worker in workers:
        stop_process(worker)


@pytest.fixture
def start_beat(celery_on_private_redis, faulty_smtp, tmp_path):
    """Start the real beat process (the periodic tasks), settings as keywords."""
    database_url = database_url_of_tests()
    beats: list[subprocess.Popen] = []

    def start(**overrides: str) -> Service:
        log = tmp_path / "beat.log"
        env = service_env(
            database_url=database_url,
            broker_url=celery_on_private_redis.url,
            email_url=faulty_smtp.url,
            **overrides,
        )
        beat = start_process(
            ["-m", "celery", "-A", "presessions", "beat", "--loglevel", "INFO",
             "--schedule", str(tmp_path / "beat-schedule")],
            env, log,
        )  # fmt: skip
        beats.append(beat)
        return Service(beat, log)

    yield start
    for beat in beats:
        stop_process(beat)
