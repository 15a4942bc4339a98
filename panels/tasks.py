"""Celery tasks of the panels side: thin wrappers that take ids."""

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.utils.translation import gettext as _

from . import scheduling
from .models import Timetable


@shared_task(name="panels.tasks.task_generate_timetable", soft_time_limit=600, time_limit=660)
def task_generate_timetable(timetable_id: int) -> None:
    """Generate a timetable by the rule (an exact search: long with several rooms)."""
    try:
        scheduling.run_generation(timetable_id)
    except SoftTimeLimitExceeded:
        Timetable.objects.filter(pk=timetable_id).update(
            is_generating=False,
            generation_problem=_(
                "The search took more than ten minutes: pin some meetings, or use fewer "
                "rooms, and generate again."
            ),
        )
