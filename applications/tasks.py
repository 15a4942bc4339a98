from celery import shared_task

from applications import services


@shared_task(name="applications.tasks.task_purge_pending_uploads")
def task_purge_pending_uploads() -> int:
    """Periodic: delete files kept from failed forms that nobody came back for."""
    return services.purge_pending_uploads()
