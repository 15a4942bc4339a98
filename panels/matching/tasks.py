"""The Celery task of the matching: a thin wrapper that takes an id."""

from celery import shared_task

from panels.matching import services


@shared_task(name="panels.tasks.task_propose_matches", soft_time_limit=540, time_limit=600)
def task_propose_matches(series_id: int) -> None:
    """Propose the matches of a series' recommendations to the review's."""
    services.propose_matches_of(series_id)
