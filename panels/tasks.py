"""The panels side's Celery tasks, gathered here for the workers' discovery (the task
names keep the panels.tasks prefix they were queued under)."""

from panels.programme.tasks import task_generate_timetable
from panels.statements.tasks import task_render_statement_pages

__all__ = ["task_generate_timetable", "task_render_statement_pages"]
