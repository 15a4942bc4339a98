"""Celery tasks of the panels side: thin wrappers that take ids."""

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.utils.translation import gettext as _

from . import public_pages, scheduling
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


@shared_task(name="panels.tasks.task_render_statement_pages", soft_time_limit=1800, time_limit=1860)
def task_render_statement_pages(statement_ids: list[int]) -> None:
    """Render the pages of newly published statements in advance, so that the first
    visitors of a large publication are served from the cache."""
    public_pages.render_statement_pages(statement_ids)
