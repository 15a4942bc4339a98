"""The application journey on the real stack: PostgreSQL, Redis, a worker, SMTP."""

import datetime as dt
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import Application
from presessions.celery import app as celery_app
from presessions.enums import EmailStatus
from presessions.models import OutboundEmail, Theme
from presessions.tasks import task_dispatch_queued_emails
from tests.conftest import application_data
from tests.factories import PreSessionFactory, SeriesFactory

pytestmark = [
    pytest.mark.live,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def presession(db):
    series = SeriesFactory(session__number=49)
    return PreSessionFactory(series=series, country="KE", review_order=1)


def wait_for_status(email: OutboundEmail, status: str, timeout: float = 30.0) -> OutboundEmail:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        email.refresh_from_db()
        if email.status == status:
            return email
        time.sleep(0.2)
    return email


def test_submitted_application_is_emailed_by_the_worker_through_smtp(
    client, presession, celery_worker_process, smtp_sink
):
    sink, _ = smtp_sink
    sink.messages.clear()
    theme = Theme.objects.get(name="Right to health")

    response = client.post(
        reverse("applications:apply", args=[presession.series.number]),
        application_data(presession, theme),
    )

    assert response.status_code == 302
    application = Application.objects.get()
    messages = sink.wait_for(1)
    assert len(messages) == 1
    assert messages[0]["To"] == "contact@krn.example.org"
    assert messages[0]["Subject"] == f"Your application {application.reference} is received"
    email = wait_for_status(OutboundEmail.objects.get(), EmailStatus.SENT)
    assert email.status == EmailStatus.SENT
    assert email.attempts == 1


def test_broker_down_the_application_is_saved_and_emailed_once_the_broker_is_back(
    client, presession, celery_worker_process, smtp_sink
):
    sink, _ = smtp_sink
    sink.messages.clear()
    theme = Theme.objects.get(name="Right to health")
    _point_broker_at(celery_app, "redis://127.0.0.1:1/0")  # nothing listens there
    try:
        started = time.monotonic()
        response = client.post(
            reverse("applications:apply", args=[presession.series.number]),
            application_data(presession, theme),
        )
        elapsed = time.monotonic() - started
    finally:
        _point_broker_at(celery_app, None)

    assert response.status_code == 302
    assert elapsed < 10
    assert Application.objects.count() == 1
    email = OutboundEmail.objects.get()
    assert email.status == EmailStatus.QUEUED
    time.sleep(1)
    assert sink.messages == []

    # The broker is back; the periodic task runs (its grace period has passed).
    OutboundEmail.objects.update(next_attempt_at=timezone.now() - dt.timedelta(minutes=1))
    assert task_dispatch_queued_emails() == 1

    messages = sink.wait_for(1)
    assert [m["To"] for m in messages] == ["contact@krn.example.org"]
    assert wait_for_status(email, EmailStatus.SENT).status == EmailStatus.SENT
    # Dispatching again sends nothing twice.
    assert task_dispatch_queued_emails() == 0
    time.sleep(1)
    assert len(sink.messages) == 1


def _point_broker_at(app, url: str | None) -> None:
    """Publish to another broker address (None: back to the configured broker).

    The write URL is the one to change: Celery reads broker_url from the
    CELERY_BROKER_URL variable before its configuration."""
    app.conf.broker_write_url = url
    app._pool = None
    app.amqp._producer_pool = None
