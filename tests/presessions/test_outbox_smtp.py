"""Delivery against a real SMTP server on loopback (aiosmtpd): what each answer of the
server does to the email record. A refusal of this email for good fails it at once
with the server's reason; a refusal for now, a lost or refused connection and a server
that never answers are tried again; an email that cannot be built is failed with its
error, never left "sending"."""

from __future__ import annotations

import datetime as dt
import logging
import socket
import time
from collections.abc import Iterator
from email import message_from_bytes
from email.message import Message

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from django.utils import timezone

from presessions import outbox
from presessions.enums import EmailStatus
from presessions.models import OutboundEmail

pytestmark = pytest.mark.django_db

UNKNOWN = "nobody@mission.example.org"
BUSY = "busy@mission.example.org"
DROPPED = "dropped@mission.example.org"
SPAM = "Buy now"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Sink:
    """Accepts every message but: UNKNOWN is no such user (550), BUSY is refused for
    now (451) the next `busy` times, DROPPED has its connection cut, and a message
    whose subject is SPAM is refused (554)."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.busy = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address == UNKNOWN:
            return "550 5.1.1 No such user"
        if address == BUSY and self.busy > 0:
            self.busy -= 1
            return "451 4.3.0 Try again later"
        if address == DROPPED:
            server.transport.close()
            return "421 4.4.2 Closing"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        message = message_from_bytes(envelope.content)
        if message["Subject"] == SPAM:
            return "554 5.7.1 Message refused as spam"
        self.messages.append(message)
        return "250 Message accepted"


def point_email_at(settings, port: int, **overrides) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    for name, value in overrides.items():
        setattr(settings, name, value)


@pytest.fixture(scope="module")
def smtp_server() -> Iterator[tuple[Sink, int]]:
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield sink, controller.port
    controller.stop()


@pytest.fixture
def sink(smtp_server, settings) -> Sink:
    handler, port = smtp_server
    handler.messages.clear()
    handler.busy = 0
    point_email_at(settings, port)
    return handler


def record(to: str = "attache@mission.example.org", **fields) -> OutboundEmail:
    defaults = {"kind": "test", "language": "en", "subject": "Hello", "body_text": "Body"}
    return OutboundEmail.objects.create(to=to, **{**defaults, **fields})


def test_an_accepted_email_is_sent(sink):
    email = record()

    assert outbox.deliver_email(email.pk) == outbox.DeliveryOutcome.SENT

    email.refresh_from_db()
    assert (email.status, email.attempts, email.last_error) == (EmailStatus.SENT, 1, "")
    assert [m["To"] for m in sink.messages] == ["attache@mission.example.org"]


def test_no_such_user_fails_after_one_attempt_with_the_servers_reason(sink):
    email = record(to=UNKNOWN)

    assert outbox.deliver_email(email.pk) == outbox.DeliveryOutcome.FAILED

    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.FAILED, 1)
    assert email.last_error == "SMTPRecipientsRefused: (550) 5.1.1 No such user"
    # Failed for good: the periodic dispatch does not pick it up again.
    assert outbox.emails_to_dispatch(timezone.now() + dt.timedelta(days=1)) == []
    assert sink.messages == []


def test_a_message_refused_for_good_fails_at_once(sink):
    email = record(subject=SPAM)

    assert outbox.deliver_email(email.pk) == outbox.DeliveryOutcome.FAILED

    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.FAILED, 1)
    assert email.last_error == "SMTPDataError: (554) 5.7.1 Message refused as spam"


def test_try_again_later_is_retried_then_sent_once_the_server_accepts(sink):
    sink.busy = 1
    email = record(to=BUSY)
    before = timezone.now()

    assert outbox.deliver_email(email.pk) == outbox.DeliveryOutcome.RETRY

    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.QUEUED, 1)
    assert email.last_error == "SMTPRecipientsRefused: (451) 4.3.0 Try again later"
    assert email.next_attempt_at >= before + dt.timedelta(seconds=30)

    assert outbox.deliver_email(email.pk) == outbox.DeliveryOutcome.SENT

    email.refresh_from_db()
    assert (email.status, email.attempts, email.last_error) == (EmailStatus.SENT, 2, "")
    assert [m["To"] for m in sink.messages] == [BUSY]


def test_a_dropped_connection_is_retried(sink):
    email = record(to=DROPPED)

    assert outbox.deliver_email(email.pk) == outbox.DeliveryOutcome.RETRY

    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.QUEUED, 1)
    assert email.last_error.startswith("SMTPServerDisconnected: ")


def test_a_refused_connection_is_retried(settings):
    point_email_at(settings, free_port())  # nothing listens there
    email = record()

    assert outbox.deliver_email(email.pk) == outbox.DeliveryOutcome.RETRY

    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.QUEUED, 1)
    assert email.last_error.startswith("ConnectionRefusedError: ")


def test_a_server_that_never_answers_is_retried_after_the_timeout(settings):
    # The kernel completes the connection; nobody ever says hello.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        point_email_at(settings, silent.getsockname()[1], EMAIL_TIMEOUT=0.5)
        email = record()
        started = time.monotonic()

        outcome = outbox.deliver_email(email.pk)

    assert time.monotonic() - started < 5
    assert outcome == outbox.DeliveryOutcome.RETRY
    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.QUEUED, 1)
    assert email.last_error == ("SMTPServerDisconnected: Connection unexpectedly closed: timed out")


def test_the_last_allowed_transient_failure_marks_it_failed(sink, settings):
    settings.EMAIL_MAX_ATTEMPTS = 2
    sink.busy = 5
    email = record(to=BUSY, attempts=1)

    assert outbox.deliver_email(email.pk) == outbox.DeliveryOutcome.FAILED

    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.FAILED, 2)
    assert email.last_error == "SMTPRecipientsRefused: (451) 4.3.0 Try again later"


def test_an_email_that_cannot_be_built_is_failed_with_its_error_not_left_sending(sink, caplog):
    # A header with a line break: the message cannot be written, whatever the server.
    email = record(headers={"X-Campaign": "first\nsecond"})

    with caplog.at_level(logging.ERROR, logger="presessions.outbox"):
        outcome = outbox.deliver_email(email.pk)

    assert outcome == outbox.DeliveryOutcome.FAILED
    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.FAILED, 1)
    assert email.last_error.startswith("BadHeaderError: Header values can't contain newlines")
    assert [r.exc_info[0].__name__ for r in caplog.records if r.exc_info] == ["BadHeaderError"]
    assert sink.messages == []


def test_an_unexpected_error_while_building_is_recorded(sink, monkeypatch):
    def broken(email):
        raise ValueError("the template context is missing 'series'")

    monkeypatch.setattr(outbox, "build_message", broken)
    email = record()

    assert outbox.deliver_email(email.pk) == outbox.DeliveryOutcome.FAILED

    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED
    assert email.last_error == "ValueError: the template context is missing 'series'"


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_a_refused_login_is_our_configuration_retried_with_the_reason(settings, caplog):
    def refuse(server, session, envelope, mechanism, auth_data):
        return AuthResult(success=False, handled=False)

    controller = Controller(
        Sink(), hostname="127.0.0.1", port=free_port(),
        authenticator=refuse, auth_require_tls=False,
    )  # fmt: skip
    controller.start()
    try:
        point_email_at(settings, controller.port, EMAIL_HOST_USER="site", EMAIL_HOST_PASSWORD="old")
        email = record()
        with caplog.at_level(logging.ERROR, logger="presessions.outbox"):
            outcome = outbox.deliver_email(email.pk)
    finally:
        controller.stop()

    assert outcome == outbox.DeliveryOutcome.RETRY
    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.QUEUED, 1)
    assert email.last_error == (
        "SMTPAuthenticationError: (535) 5.7.8 Authentication credentials invalid"
    )
    assert [r.levelname for r in caplog.records if r.name == "presessions.outbox"] == ["ERROR"]


def test_the_admin_shows_why_an_email_failed(sink, admin_client):
    email = record(to=UNKNOWN)
    outbox.deliver_email(email.pk)

    page = admin_client.get(f"/admin/presessions/outboundemail/{email.pk}/change/")

    assert page.status_code == 200
    assert "SMTPRecipientsRefused: (550) 5.1.1 No such user" in page.content.decode()
