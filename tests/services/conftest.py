"""The real stack: PostgreSQL, Redis, a Celery worker process and an SMTP sink.

Run with DATABASE_URL pointing at PostgreSQL and CELERY_BROKER_URL at Redis:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/presessions \
    CELERY_BROKER_URL=redis://127.0.0.1:6379/15 bin/test -m services
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

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection

from presessions.celery import app as celery_app


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


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
            "The services tests need PostgreSQL and Redis: set DATABASE_URL=postgres://... "
            "and CELERY_BROKER_URL=redis://... (see README.md)."
        )
    return database


@pytest.fixture(scope="session")
def smtp_sink():
    sink = SmtpSink()
    controller = Controller(sink, hostname="127.0.0.1", port=_free_port())
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
        test_db = connection.settings_dict
    user = quote(test_db.get("USER") or "", safe="")
    password = quote(test_db.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    database_url = (
        f"postgres://{credentials}{test_db.get('HOST') or '127.0.0.1'}:"
        f"{test_db.get('PORT') or 5432}/{test_db['NAME']}"
    )
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
