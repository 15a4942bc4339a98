"""Celery tasks of the series side: thin wrappers around presessions.outbox."""

from celery import shared_task

from presessions import outbox


@shared_task(bind=True, name="presessions.tasks.task_send_email", max_retries=None)
def task_send_email(self, email_id: int) -> str:
    """Send one recorded email; on a transient error, try again after a back-off. A
    permanent one (the server refused this email, or it cannot be built) leaves the
    row failed with its reason, and nothing is retried."""
    outcome = outbox.deliver_email(email_id)
    if outcome == outbox.DeliveryOutcome.RETRY and not self.request.is_eager:
        attempts = outbox.OutboundEmail.objects.values_list("attempts", flat=True).get(pk=email_id)
        raise self.retry(countdown=outbox.retry_delay(attempts).total_seconds())
    return outcome


@shared_task(name="presessions.tasks.task_dispatch_queued_emails")
def task_dispatch_queued_emails() -> int:
    """Periodic: hand to the workers every email still waiting (broker was down,
    a retry was lost, a worker died while sending)."""
    ids = outbox.emails_to_dispatch()
    for email_id in ids:
        outbox.dispatch_email(email_id)
    return len(ids)


@shared_task(name="presessions.tasks.task_send_mailing_batch")
def task_send_mailing_batch(mailing_id: int) -> int:
    """Queue the next batch of a mailing's emails, then the batch after, until done."""
    from presessions.attendance import mailing_list

    remaining = mailing_list.send_batch(mailing_id)
    if remaining:
        task_send_mailing_batch.delay(mailing_id)
    return remaining


@shared_task(name="presessions.tasks.task_send_event_reminders")
def task_send_event_reminders() -> int:
    """Periodic: remind the people registered for tomorrow's trainings and events."""
    from presessions.attendance import events

    return events.send_reminders()
