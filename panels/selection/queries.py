"""Reads of the selection."""

from __future__ import annotations

from applications.models import Application
from panels.models import Placement


def told_placement(application: Application) -> Placement | None:
    """The applicant's placement, only once they have been told its outcome."""
    placement = Placement.objects.filter(application=application).first()
    if placement is None or not placement.notified_outcome:
        return None
    return placement
