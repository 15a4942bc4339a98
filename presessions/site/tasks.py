"""Celery tasks of the shell: the work that spans the apps."""

from celery import shared_task

from presessions.site.erasure import erase_due_personal_data


@shared_task(name="presessions.site.tasks.task_erase_personal_data", time_limit=3600)
def task_erase_personal_data() -> int:
    """Periodic (daily): erase the personal data of the series past their retention."""
    return erase_due_personal_data().series
