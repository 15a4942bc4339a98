"""Reads of the panels side."""

from __future__ import annotations

from applications.models import Application

from .enums import Outcome, Response
from .interpretation import Interpretation, interpretation_for
from .models import Meeting, Placement, Statement


def told_placement(application: Application) -> Placement | None:
    """The applicant's placement, only once they have been told its outcome."""
    placement = Placement.objects.filter(application=application).first()
    if placement is None or not placement.notified_outcome:
        return None
    return placement


def meeting_interpretation(meeting: Meeting) -> Interpretation:
    """The interpretation one meeting needs, from its active speakers' languages."""
    languages = (
        Placement.objects.filter(panel__presession=meeting.presession_id, outcome=Outcome.SELECTED)
        .exclude(response=Response.DECLINED)
        .values_list("application__speaker_languages", flat=True)
    )
    return interpretation_for(list(languages))


def speaker_statement(application: Application) -> Statement | None:
    """The statement a speaker handed in, with its items, for their private pages."""
    return (
        Statement.objects.filter(application=application)
        .select_related("theme")
        .prefetch_related("recommendations__theme", "materials")
        .first()
    )
