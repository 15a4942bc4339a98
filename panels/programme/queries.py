"""Reads of the programme."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from applications.languages import language_named
from applications.models import Application
from panels.models import Meeting, Placement
from panels.programme.interpretation import Interpretation, Speaker, interpretation_for
from presessions.models import PreSession


def speaker_languages(languages: list[str], needs_interpretation: bool, details: str) -> Speaker:
    """What one applicant said of the speaker's languages, for interpretation_for: the
    languages ticked, and the one named under "From which language?" when they asked for
    interpretation."""
    return Speaker(
        uses=tuple(languages or ()),
        needs_from=language_named(details) if needs_interpretation else None,
    )


def _speaker(application: Application) -> Speaker:
    return speaker_languages(
        application.speaker_languages,
        application.needs_interpretation,
        application.interpretation_details,
    )


def with_speaker_languages(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """The meetings with the active speakers of each one's panel read in one more query
    (on ``presession.panel.active_speakers``), for meeting_interpretation."""
    speakers = Placement.objects.active_speakers().select_related("application")
    return meetings.select_related("presession__panel").prefetch_related(
        Prefetch("presession__panel__placements", queryset=speakers, to_attr="active_speakers")
    )


def meeting_interpretation(meeting: Meeting) -> Interpretation:
    """The interpretation one meeting needs, from its active speakers' languages: those
    read with the meeting by with_speaker_languages, or else read here."""
    speakers = _speakers_read_with(meeting)
    if speakers is not None:
        return interpretation_for([_speaker(p.application) for p in speakers])
    rows = (
        Placement.objects.active_speakers()
        .filter(panel__presession=meeting.presession_id)
        .values_list("application__speaker_languages", "application__needs_interpretation",
                     "application__interpretation_details")
    )  # fmt: skip
    return interpretation_for([speaker_languages(*row) for row in rows])


def _speakers_read_with(meeting: Meeting) -> list[Placement] | None:
    """The active speakers with_speaker_languages read with the meeting (none without a
    panel), or None when they were not read with it."""
    if not Meeting.presession.is_cached(meeting):
        return None
    presession = meeting.presession
    if not PreSession.panel.is_cached(presession):
        return None
    panel = getattr(presession, "panel", None)  # cached as missing when it has none
    if panel is None:
        return []
    return getattr(panel, "active_speakers", None)
