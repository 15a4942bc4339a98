"""Reads of the statements for their speaker (the public reads through published)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from applications.models import Application
from panels.models import Statement


def speaker_statement(application: Application) -> Statement | None:
    """The statement a speaker handed in, with its items, for their private pages."""
    return (
        Statement.objects.filter(application=application)
        .select_related("theme")
        .prefetch_related("recommendations__theme", "materials")
        .first()
    )


@dataclass(frozen=True)
class StatementDeadline:
    due_at: dt.datetime
    has_passed: bool


def statement_deadline(
    application: Application, now: dt.datetime | None = None
) -> StatementDeadline | None:
    """When the series wants its statements, and whether that time is past; None when the
    series set no deadline. Past it, uploads stay open: the speaker is only told."""
    due_at = application.presession.series.statement_deadline
    if due_at is None:
        return None
    return StatementDeadline(due_at=due_at, has_passed=due_at <= (now or timezone.now()))
