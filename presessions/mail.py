"""The email record: every email is stored before it is sent, then sent by a task.

queue_email() renders the message in the recipient's language, stores it as
queued and asks a worker to send it once the transaction commits. If the broker
cannot be reached the record simply stays queued: task_dispatch_queued_emails
picks it up when the broker is back. deliver_email() is what the worker runs.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
import socket
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .enums import EmailStatus
from .models import OutboundEmail

logger = logging.getLogger(__name__)

# Errors worth trying again later: the server or the network may come back.
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPConnectError,
    smtplib.SMTPHeloError,
    smtplib.SMTPDataError,
    smtplib.SMTPRecipientsRefused,
    smtplib.SMTPSenderRefused,
    smtplib.SMTPAuthenticationError,
    socket.timeout,
    ConnectionError,
    OSError,
)

WORKER_LOST = "The worker stopped while sending this email."


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
    transaction.on_commit(lambda: dispatch_email(email.pk))
    return email


def dispatch_email(email_id: int) -> bool:
    """Hand one email to the workers; False (and the record stays queued) if the broker
    is unreachable, so that a request never fails because Redis is down."""
    from .tasks import task_send_email

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
        transaction.on_commit(lambda email_id=email_id: dispatch_email(email_id))
    return len(ids)


class DeliveryOutcome:
    SENT = "sent"
    SKIPPED = "skipped"
    RETRY = "retry"
    FAILED = "failed"


def retry_delay(attempts: int) -> dt.timedelta:
    """Back-off between attempts: EMAIL_RETRY_DELAY (30 s), doubling after each failed
    attempt, capped at EMAIL_RETRY_DELAY_MAX (one hour)."""
    delay = settings.EMAIL_RETRY_DELAY * 2 ** max(attempts - 1, 0)
    return dt.timedelta(seconds=min(delay, settings.EMAIL_RETRY_DELAY_MAX))


def deliver_email(email_id: int) -> str:
    """Send one recorded email, once.

    The row is claimed (queued -> sending) by a conditional update, so that two
    workers given the same id never both send it. A row left "sending" by a worker
    that died can be claimed again once it is stale: that is what makes the late
    acknowledgement work, the task redelivered after the worker's death sends it.
    On a transient error the row goes back to queued and the caller retries later;
    past EMAIL_MAX_ATTEMPTS it is failed.
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
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        headers={**email.headers, "X-Presessions-Email": str(email.pk)},
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    try:
        message.send()
    except TRANSIENT_ERRORS as error:
        give_up = email.attempts >= settings.EMAIL_MAX_ATTEMPTS
        email.status = EmailStatus.FAILED if give_up else EmailStatus.QUEUED
        email.last_error = f"{type(error).__name__}: {error}"[:2000]
        email.next_attempt_at = timezone.now() + retry_delay(email.attempts)
        email.save(update_fields=["status", "last_error", "next_attempt_at", "updated_at"])
        logger.warning("Email %s not sent (attempt %s): %s", email_id, email.attempts, error)
        return DeliveryOutcome.FAILED if give_up else DeliveryOutcome.RETRY
    email.status = EmailStatus.SENT
    email.sent_at = timezone.now()
    email.last_error = ""
    email.save(update_fields=["status", "sent_at", "last_error", "updated_at"])
    return DeliveryOutcome.SENT


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
