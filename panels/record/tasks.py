"""Celery tasks of the UPR record: thin wrappers that take ids."""

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded

from panels.record import services


@shared_task(name="panels.tasks.task_check_record_import", soft_time_limit=240, time_limit=300)
def task_check_record_import(import_id: int) -> None:
    """Check an uploaded file of recommendations (the dry run)."""
    try:
        services.check_record_import(import_id)
    except SoftTimeLimitExceeded:
        services.record_import_timeout(import_id)


@shared_task(name="panels.tasks.task_run_record_import", soft_time_limit=540, time_limit=600)
def task_run_record_import(import_id: int) -> None:
    """Import a checked file of recommendations, recording its progress."""
    try:
        services.run_record_import(import_id)
    except SoftTimeLimitExceeded:
        services.record_import_timeout(import_id)
