from celery import shared_task

from . import services


@shared_task(name="applications.tasks.task_purge_pending_uploads")
def task_purge_pending_uploads() -> int:
    """Periodic: delete files kept from failed forms that nobody came back for."""
    return services.purge_pending_uploads()


@shared_task(name="applications.tasks.task_erase_personal_data", time_limit=3600)
def task_erase_personal_data() -> int:
    """Periodic (daily): erase the personal data of the series past their retention."""
    from presessions.erasure import erase_due_personal_data

    return erase_due_personal_data().series
