"""The panels side's Celery tasks, gathered here for the workers' discovery (the task
names keep the panels.tasks prefix they were queued under)."""

from panels.matching.tasks import task_propose_matches
from panels.programme.tasks import task_generate_timetable
from panels.record.tasks import task_check_record_import, task_run_record_import
from panels.statements.tasks import task_render_statement_pages

__all__ = [
    "task_check_record_import",
    "task_generate_timetable",
    "task_propose_matches",
    "task_render_statement_pages",
    "task_run_record_import",
]
