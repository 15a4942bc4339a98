"""Nothing is lost when the stack fails: Redis stopped, a worker killed while it sends,
the SMTP server refusing. Each test breaks its own Redis, workers and SMTP sink."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from applications.models import Application
from presessions import outbox
from presessions.enums import EmailStatus
from presessions.models import OutboundEmail, Theme
from tests.conftest import application_data
from tests.factories import PreSessionFactory, SeriesFactory

from .stack import kill, wait_until

pytestmark = [
    pytest.mark.live,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def record_and_dispatch(to: str = "someone@example.org") -> OutboundEmail:
    """What queue_email does, without a template: the row first, then the task."""
    email = OutboundEmail.objects.create(
        to=to, kind="test", language="en", subject="Hello", body_text="Body", body_html=""
    )
    assert outbox.dispatch_email(email.pk)
    return email


def wait_for_status(email: OutboundEmail, status: str, timeout: float = 30.0) -> OutboundEmail:
    def reached() -> bool:
        email.refresh_from_db()
        return email.status == status

    wait_until(reached, timeout, interval=0.1)
    return email


def test_applications_submitted_while_redis_is_down_are_all_emailed_once_it_is_back(
    client, private_redis, start_worker, start_beat, faulty_smtp
):
    presession = PreSessionFactory(
        series=SeriesFactory(session__number=49), country="KE", review_order=1
    )
    theme = Theme.objects.get(name="Right to health")
    # The periodic dispatch every second, for emails due for a second: what beat does
    # every minute in production, with a 30 s grace.
    timing = {"EMAIL_DISPATCH_INTERVAL": "1", "EMAIL_DISPATCH_GRACE": "1"}
    worker = start_worker(**timing)
    beat = start_beat(**timing)
    private_redis.stop()

    contacts = [f"contact{n}@org{n}.example.org" for n in range(3)]
    for n, contact in enumerate(contacts):
        started = time.monotonic()
        response = client.post(
            reverse("applications:apply", args=[presession.series.number]),
            application_data(
                presession, theme, organisation_name=f"Organisation {n}", contact_email=contact
            ),
        )
        elapsed = time.monotonic() - started
        assert response.status_code == 302, response.content.decode()[:2000]
        assert elapsed < 3, f"The request took {elapsed:.1f} s with Redis down."

    assert Application.objects.count() == 3
    assert sorted(OutboundEmail.objects.values_list("to", "status")) == [
        (contact, EmailStatus.QUEUED) for contact in contacts
    ]
    time.sleep(2)  # beat ticks in vain while Redis is down
    assert faulty_smtp.messages == []

    # Redis comes back empty (no persistence): only the email rows remember the work.
    private_redis.start()

    messages = faulty_smtp.wait_for(3, timeout=45)
    failure = f"Worker:\n{worker.logs()}\n\nBeat:\n{beat.logs()}"
    assert sorted(m["To"] for m in messages) == contacts, failure
    assert all(m["Subject"].startswith("Your application PS") for m in messages)
    emails = OutboundEmail.objects.all()
    assert wait_until(lambda: all(e.status == EmailStatus.SENT for e in emails.all()), 10)
    assert {e.attempts for e in emails} == {1}
    # Several more dispatch rounds send nothing twice.
    time.sleep(3)
    assert len(faulty_smtp.messages) == 3, failure


def test_worker_killed_while_sending_the_email_is_sent_once_by_the_next_worker(
    private_redis, start_worker, faulty_smtp
):
    # A task not acknowledged comes back after 3 s; a "sending" row is stale after 2 s.
    # Production: two hours, and ten minutes (see the Celery settings).
    timing = {
        "CELERY_VISIBILITY_TIMEOUT": "3",
        "CELERY_UNACKED_RESTORE_INTERVAL": "1",
        "EMAIL_SENDING_STALE_AFTER": "2",
    }
    first = start_worker(**timing)
    faulty_smtp.hold = 15  # the server takes its time to accept: the kill lands then

    email = record_and_dispatch()
    assert wait_until(lambda: faulty_smtp.holding, 20), first.logs()
    kill(first.process)

    # The task was taken but never acknowledged, and the row shows the send cut short.
    assert wait_until(lambda: faulty_smtp.abandoned == 1, 5)
    assert private_redis.unacknowledged() == 1
    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.SENDING, 1)
    assert faulty_smtp.messages == []

    second = start_worker(**timing)

    messages = faulty_smtp.wait_for(1, timeout=30)
    assert [m["To"] for m in messages] == ["someone@example.org"], second.logs()
    email = wait_for_status(email, EmailStatus.SENT)
    assert (email.status, email.attempts) == (EmailStatus.SENT, 2)
    assert wait_until(lambda: private_redis.unacknowledged() == 0, 5)
    # Past another visibility timeout, nothing comes back to be sent again.
    time.sleep(5)
    assert len(faulty_smtp.messages) == 1
    assert outbox.emails_to_dispatch() == []


def test_smtp_refusing_for_a_while_is_retried_with_back_off_then_delivered(
    start_worker, faulty_smtp
):
    # Back-off of 1 s, 2 s, 4 s: production's 30 s, 1 min, 2 min, scaled down.
    start_worker(EMAIL_RETRY_DELAY="1", EMAIL_RETRY_DELAY_MAX="60", EMAIL_MAX_ATTEMPTS="6")
    faulty_smtp.refuse = 3

    email = record_and_dispatch()
    # Each failed attempt, as the row shows it while it waits for the next one.
    waits: dict[int, float] = {}

    def watch() -> bool:
        email.refresh_from_db()
        if email.status == EmailStatus.QUEUED and email.attempts:
            waits[email.attempts] = (email.next_attempt_at - email.updated_at).total_seconds()
        return email.status == EmailStatus.SENT

    assert wait_until(watch, 40), f"Still {email.status} after {email.attempts} attempts."

    assert email.attempts == 4
    assert email.last_error == ""
    assert sorted(waits) == [1, 2, 3]
    assert all(abs(waits[n] - expected) < 0.25 for n, expected in [(1, 1), (2, 2), (3, 4)]), waits
    gaps = [b - a for a, b in zip(faulty_smtp.attempts, faulty_smtp.attempts[1:], strict=False)]
    assert len(faulty_smtp.attempts) == 4
    assert all(gap >= expected - 0.1 for gap, expected in zip(gaps, [1, 2, 4], strict=True))
    time.sleep(1)
    assert [m["To"] for m in faulty_smtp.messages] == ["someone@example.org"]


def test_smtp_refusing_past_the_budget_marks_failed_and_staff_resend_delivers_once(
    client, django_user_model, start_worker, faulty_smtp
):
    start_worker(EMAIL_RETRY_DELAY="0.5", EMAIL_RETRY_DELAY_MAX="1", EMAIL_MAX_ATTEMPTS="3")
    faulty_smtp.refuse = 3

    email = wait_for_status(record_and_dispatch(), EmailStatus.FAILED)

    assert email.status == EmailStatus.FAILED
    assert email.attempts == 3
    assert email.last_error.startswith("SMTPDataError: (451")
    time.sleep(2)  # no attempt past the budget
    assert len(faulty_smtp.attempts) == 3
    assert faulty_smtp.messages == []

    # A coordinator resends it from the admin (the SMTP server accepts again).
    staff = django_user_model.objects.create_user("desk", password="x", is_staff=True)
    staff.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_outboundemail", "change_outboundemail"])
    )
    client.force_login(staff, backend="django.contrib.auth.backends.ModelBackend")
    response = client.post(
        reverse("admin:presessions_outboundemail_changelist"),
        {"action": "resend", "_selected_action": [email.pk], "post": "yes"},
    )
    assert response.status_code == 302

    messages = faulty_smtp.wait_for(1, timeout=20)
    assert [m["To"] for m in messages] == ["someone@example.org"]
    email = wait_for_status(email, EmailStatus.SENT)
    assert (email.status, email.attempts, email.last_error) == (EmailStatus.SENT, 1, "")
    time.sleep(1)
    assert len(faulty_smtp.messages) == 1
