from celery import shared_task

from applications import services
from applications.call_alerts import queries as alert_queries
from applications.call_alerts import services as alerts
from presessions.models import Series


@shared_task(name="applications.tasks.task_purge_pending_uploads")
def task_purge_pending_uploads() -> int:
    """Periodic: delete files kept from failed forms that nobody came back for."""
    return services.purge_pending_uploads()


@shared_task(name="applications.tasks.task_send_call_alerts")
def task_send_call_alerts() -> int:
    """Periodic: for each series whose call is open, alert the confirmed subscriptions
    it concerns that were not alerted yet (a call has no event of its own when it
    opens: this task notices it). Returns how many alerts it recorded."""
    recorded = 0
    for series_id in alert_queries.series_with_alerts_due():
        series = Series.objects.filter(pk=series_id).first()
        if series is not None:
            recorded += alerts.start_call_alerts(series=series)
    return recorded


@shared_task(name="applications.tasks.task_send_call_alert_batch")
def task_send_call_alert_batch(series_id: int) -> int:
    """Queue the next batch of a series' alerts, then the batch after, until done."""
    remaining = alerts.send_call_alert_batch(series_id)
    if remaining:
        task_send_call_alert_batch.delay(series_id)
    return remaining
