"""The email record: every email is stored before it is sent, then sent by a task.

queue_email() renders the message in the recipient's language, stores it as
queued and asks a worker to send it once the transaction commits. If the broker
cannot be reached the record simply stays queued: task_dispatch_queued_emails
picks it up when the broker is back. deliver_email() is what the worker runs.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
import logging
import smtplib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple, TypeVar

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from presessions.enums import EmailStatus
from presessions.models import OutboundEmail

logger = logging.getLogger(__name__)

T = TypeVar("T")

# While a dry run is under way, the emails queue_email records (and the dry run then
# throws away with everything else it wrote).
_dry_run_emails: contextvars.ContextVar[list[OutboundEmail] | None] = contextvars.ContextVar(
    "dry_run_emails", default=None
)

WORKER_LOST = "The worker stopped while sending this email."
TIME_LIMIT = "The task ran out of time while sending this email."


def stale_sending_after() -> dt.timedelta:
    """A record still "sending" after this long belonged to a worker that died: a live
    worker gives up long before (EMAIL_TIMEOUT per SMTP step, the task time limit)."""
    return dt.timedelta(seconds=settings.EMAIL_SENDING_STALE_AFTER)


def dispatch_grace() -> dt.timedelta:
    """Records due for less than this are left to the dispatch queued on commit or by
    a task's own retry, so that the periodic task does not race them."""
    return dt.timedelta(seconds=settings.EMAIL_DISPATCH_GRACE)


def render_email(
    template: str, context: Mapping[str, Any], *, language: str
) -> tuple[str, str, str]:
    """Render templates/emails/<template>.subject.txt, .txt and .html in a language."""
    with translation.override(language):
        subject = render_to_string(f"emails/{template}.subject.txt", context)
        text = render_to_string(f"emails/{template}.txt", context)
        html = render_to_string(f"emails/{template}.html", context)
    return " ".join(subject.split()), text, html


def queue_email(
    *,
    to: str,
    template: str,
    context: Mapping[str, Any],
    language: str,
    kind: str = "",
    headers: Mapping[str, str] | None = None,
) -> OutboundEmail:
    """Record an email and send it after the current transaction commits.

    Side effects: one OutboundEmail row; on commit, task_send_email is queued.
    """
    subject, text, html = render_email(template, context, language=language)
    email = OutboundEmail.objects.create(
        to=to,
        kind=kind or template,
        language=language,
        subject=subject,
        body_text=text,
        body_html=html,
        headers=dict(headers or {}),
    )
    captured = _dry_run_emails.get()
    if captured is not None:
        captured.append(email)
    transaction.on_commit(lambda: dispatch_email(email.pk))
    return email


@dataclass(frozen=True)
class Sample:
    """One email as its recipient would read it."""

    kind: str
    language: str
    to: str
    subject: str
    text: str
    html: str


@dataclass(frozen=True)
class Preview:
    """What a bulk send would send: how many emails to how many people, one sample per
    kind and language, and what the service would refuse (each by name)."""

    total: int
    recipients: int
    samples: tuple[Sample, ...]
    problems: tuple[str, ...] = ()


def summarise(samples: Iterable[Sample], problems: Iterable[str] = ()) -> Preview:
    """The preview of these emails: the first of each kind and language is the sample."""
    everything = list(samples)
    first: dict[tuple[str, str], Sample] = {}
    for sample in everything:
        first.setdefault((sample.kind, sample.language), sample)
    return Preview(
        total=len(everything),
        recipients=len({sample.to.lower() for sample in everything}),
        samples=tuple(first.values()),
        problems=tuple(problems),
    )


def preview_email(
    *, to: str, template: str, context: Mapping[str, Any], language: str, kind: str = ""
) -> Sample:
    """An email rendered as queue_email would record it, without recording it."""
    subject, text, html = render_email(template, context, language=language)
    return Sample(kind or template, language, to, subject, text, html)


def dry_run(send: Callable[[T], object], objects: Iterable[T]) -> Preview:
    """Run a send on each object as for real, and undo it: the preview of its emails.

    Everything runs inside a savepoint that is always rolled back, so no row remains
    and the emails' on-commit dispatch is discarded with it (Django drops the on-commit
    callbacks of a rolled-back savepoint). A ValidationError of the service is kept,
    by object, as a problem (as presessions.admin_actions.run_each would report it).
    Only what a send writes to the database, or defers to on_commit, is undone: a send
    previewed this way must not act otherwise (a task started at once, a file written).
    """
    captured: list[OutboundEmail] = []
    problems: list[str] = []
    token = _dry_run_emails.set(captured)
    try:
        with transaction.atomic():
            for obj in objects:
                name, before = str(obj), len(captured)
                try:
                    with transaction.atomic():
                        send(obj)
                except ValidationError as error:
                    del captured[before:]  # undone for real too: not sent
                    problems.append(f"{name}: {' '.join(error.messages)}")
            transaction.set_rollback(True)
    finally:
        _dry_run_emails.reset(token)
    return summarise(
        (Sample(e.kind, e.language, e.to, e.subject, e.body_text, e.body_html) for e in captured),
        problems,
    )


def dispatch_email(email_id: int) -> bool:
    """Hand one email to the workers; False (and the record stays queued) if the broker
    is unreachable, so that a request never fails because Redis is down."""
    from presessions.tasks import task_send_email

    try:
        task_send_email.delay(email_id)
    except Exception:  # kombu raises many kinds of errors when the broker is down
        logger.warning("Broker unreachable: email %s stays queued for later.", email_id)
        return False
    return True


def resend_emails(emails: Iterable[OutboundEmail]) -> int:
    """Queue again emails that failed or that staff want sent once more.

    Side effects: their status goes back to queued with a fresh attempt budget;
    each is dispatched after commit.
    """
    ids = [email.pk for email in emails if email.status != EmailStatus.SENDING]
    now = timezone.now()
    OutboundEmail.objects.filter(pk__in=ids).update(
        status=EmailStatus.QUEUED, attempts=0, last_error="", next_attempt_at=now, updated_at=now
    )
    for email_id in ids:
        transaction.on_commit(functools.partial(dispatch_email, email_id))
    return len(ids)


class DeliveryOutcome:
    SENT = "sent"
    SKIPPED = "skipped"
    RETRY = "retry"  # queued again: the task tries again after retry_delay()
    FAILED = "failed"  # for staff to see and resend: never retried by itself


class ErrorKind:
    TRANSIENT = "transient"  # 4xx, the network, a time limit: tried again
    CONFIGURATION = "configuration"  # refused our account or sender: tried again, logged
    REFUSED = "refused"  # 5xx for this recipient or this message: failed at once
    FAULT = "fault"  # an error in the email or in the code: failed at once, traceback


class DeliveryError(NamedTuple):
    """Why an attempt failed, as staff read it in the admin (last_error)."""

    reason: str
    kind: str

    @property
    def permanent(self) -> bool:
        return self.kind in (ErrorKind.REFUSED, ErrorKind.FAULT)


# Refusals of our account, our sender address or our connection rather than of this
# email: authentication (535), sender refused, greeting or HELO refused. Every other
# email would be refused the same way, and the operator must act, not staff one email at
# a time: they are retried within EMAIL_MAX_ATTEMPTS like a transient error, with the
# server's reason in last_error from the first attempt and an error in the logs. Once
# the configuration is fixed they leave by themselves, or staff resend the failed ones.
_OUR_SIDE = (
    smtplib.SMTPAuthenticationError,
    smtplib.SMTPSenderRefused,
    smtplib.SMTPConnectError,
    smtplib.SMTPHeloError,
)


def _server_text(message: bytes | str) -> str:
    text = message.decode("utf-8", "replace") if isinstance(message, bytes) else str(message)
    return " ".join(text.split())


def classify_error(error: Exception) -> DeliveryError:
    """What a failed attempt means (see ErrorKind), with the server's code and words.

    A recipient refusal is permanent only if every recipient got a 5xx. Anything that
    is neither an SMTP answer, the network (smtplib's errors are OSErrors, as are
    timeouts and TLS errors) nor the task's soft time limit is a fault no retry mends.
    """
    name = type(error).__name__
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        refusals = list(error.recipients.values())
        reason = "; ".join(f"({code}) {_server_text(text)}" for code, text in refusals)
        refused = bool(refusals) and all(code >= 500 for code, _text in refusals)
        return DeliveryError(
            f"{name}: {reason}", ErrorKind.REFUSED if refused else ErrorKind.TRANSIENT
        )
    if isinstance(error, smtplib.SMTPResponseException):
        reason = f"{name}: ({error.smtp_code}) {_server_text(error.smtp_error)}"
        if isinstance(error, _OUR_SIDE):
            return DeliveryError(reason, ErrorKind.CONFIGURATION)
        refused = error.smtp_code >= 500
        return DeliveryError(reason, ErrorKind.REFUSED if refused else ErrorKind.TRANSIENT)
    if isinstance(error, SoftTimeLimitExceeded):
        return DeliveryError(TIME_LIMIT, ErrorKind.TRANSIENT)
    reason = f"{name}: {error}" if str(error) else name
    if isinstance(error, OSError):
        return DeliveryError(reason, ErrorKind.TRANSIENT)
    return DeliveryError(reason, ErrorKind.FAULT)


def retry_delay(attempts: int) -> dt.timedelta:
    """Back-off between attempts: EMAIL_RETRY_DELAY (30 s), doubling after each failed
    attempt, capped at EMAIL_RETRY_DELAY_MAX (one hour)."""
    delay = settings.EMAIL_RETRY_DELAY * 2 ** max(attempts - 1, 0)
    return dt.timedelta(seconds=min(delay, settings.EMAIL_RETRY_DELAY_MAX))


def build_message(email: OutboundEmail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        headers={**email.headers, "X-Presessions-Email": str(email.pk)},
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    return message


def deliver_email(email_id: int) -> str:
    """Send one recorded email, once.

    The row is claimed (queued -> sending) by a conditional update, so that two
    workers given the same id never both send it. A row left "sending" by a worker
    that died can be claimed again once it is stale: that is what makes the late
    acknowledgement work, the task redelivered after the worker's death sends it.

    Side effects: the row ends sent, queued again (a transient error, see
    classify_error; the caller retries after retry_delay) or failed (a permanent
    error, or the attempt budget EMAIL_MAX_ATTEMPTS spent), with the reason in
    last_error. An attempt that raises never leaves the row "sending".
    """
    now = timezone.now()
    # A stale row counts its lost attempt: an email that kills the worker each time
    # ends failed (by the periodic task) instead of being tried for ever.
    claimable = Q(status=EmailStatus.QUEUED) | Q(
        status=EmailStatus.SENDING,
        updated_at__lt=now - stale_sending_after(),
        attempts__lt=settings.EMAIL_MAX_ATTEMPTS,
    )
    claimed = OutboundEmail.objects.filter(claimable, pk=email_id).update(
        status=EmailStatus.SENDING, attempts=F("attempts") + 1, updated_at=now
    )
    if not claimed:
        return DeliveryOutcome.SKIPPED
    email = OutboundEmail.objects.get(pk=email_id)
    connection: BaseEmailBackend | None = None
    try:
        connection = get_connection()
        message = build_message(email)
        message.connection = connection
        message.send()
    except Exception as error:
        return _record_failure(email, classify_error(error))
    finally:
        if connection is not None:
            _close(connection)
    email.status = EmailStatus.SENT
    email.sent_at = timezone.now()
    email.last_error = ""
    email.save(update_fields=["status", "sent_at", "last_error", "updated_at"])
    return DeliveryOutcome.SENT


def _close(connection: BaseEmailBackend) -> None:
    """Django closes the connection after sending, but not when the login or STARTTLS
    fails: close it here, so that a worker does not keep a socket per refused login."""
    with contextlib.suppress(OSError):  # the server hung up first: nothing to close
        connection.close()


def _record_failure(email: OutboundEmail, error: DeliveryError) -> str:
    """Called inside the except block, so that an unexpected error's traceback is logged."""
    give_up = error.permanent or email.attempts >= settings.EMAIL_MAX_ATTEMPTS
    email.status = EmailStatus.FAILED if give_up else EmailStatus.QUEUED
    email.last_error = error.reason[:2000]
    email.next_attempt_at = timezone.now() + retry_delay(email.attempts)
    email.save(update_fields=["status", "last_error", "next_attempt_at", "updated_at"])
    if error.kind == ErrorKind.FAULT:
        logger.exception("Email %s failed: %s", email.pk, error.reason)
    else:
        level = logging.WARNING
        if give_up or error.kind == ErrorKind.CONFIGURATION:
            level = logging.ERROR
        logger.log(level, "Email %s, attempt %s: %s", email.pk, email.attempts, error.reason)
    return DeliveryOutcome.FAILED if give_up else DeliveryOutcome.RETRY


def emails_to_dispatch(now: dt.datetime | None = None) -> list[int]:
    """Ids of emails a worker should (re)try: queued ones whose next attempt is due
    (with a grace period, so that the dispatch made on commit or by a task's own
    retry goes first), and ones left "sending" by a worker that died.

    Side effects: stale "sending" rows are put back to queued, or marked failed when
    their attempt budget is spent.
    """
    now = now or timezone.now()
    grace = dispatch_grace()
    stale = OutboundEmail.objects.filter(
        status=EmailStatus.SENDING, updated_at__lt=now - stale_sending_after()
    )
    stale.filter(attempts__gte=settings.EMAIL_MAX_ATTEMPTS).update(
        status=EmailStatus.FAILED, last_error=WORKER_LOST, updated_at=now
    )
    stale.update(status=EmailStatus.QUEUED, next_attempt_at=now - grace, updated_at=now)
    return list(
        OutboundEmail.objects.filter(status=EmailStatus.QUEUED, next_attempt_at__lte=now - grace)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:500]
    )
