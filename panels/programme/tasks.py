"""Celery tasks of the programme: thin wrappers that take ids."""

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded

from panels.programme import scheduling


@shared_task(name="panels.tasks.task_generate_timetable", soft_time_limit=600, time_limit=660)
def task_generate_timetable(timetable_id: int) -> None:
    """Generate a timetable by the rule (an exact search: long with several rooms)."""
    try:
        scheduling.run_generation(timetable_id)
    except SoftTimeLimitExceeded:
        scheduling.record_generation_timeout(timetable_id)
