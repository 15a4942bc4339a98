"""Reads of the statements for their speaker (the public reads through published)."""

from __future__ import annotations

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
