"""Reads of the programme."""

from __future__ import annotations

from panels.enums import Outcome, Response
from panels.models import Meeting, Placement
from panels.programme.interpretation import Interpretation, interpretation_for


def meeting_interpretation(meeting: Meeting) -> Interpretation:
    """The interpretation one meeting needs, from its active speakers' languages."""
    languages = (
        Placement.objects.filter(panel__presession=meeting.presession_id, outcome=Outcome.SELECTED)
        .exclude(response=Response.DECLINED)
        .values_list("application__speaker_languages", flat=True)
    )
    return interpretation_for(list(languages))
