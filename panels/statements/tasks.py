"""Celery tasks of the statements: thin wrappers that take ids."""

from celery import shared_task

from panels.statements import public_pages


@shared_task(name="panels.tasks.task_render_statement_pages", soft_time_limit=1800, time_limit=1860)
def task_render_statement_pages(statement_ids: list[int]) -> None:
    """Render the pages of newly published statements in advance, so that the first
    visitors of a large publication are served from the cache."""
    public_pages.render_statement_pages(statement_ids)
