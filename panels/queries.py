"""Reads of the panels side."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from applications.models import Application

from .enums import Outcome, Response
from .interpretation import Interpretation, interpretation_for
from .models import Meeting, Placement, Statement


@dataclass(frozen=True)
class ProgrammeMeeting:
    meeting: Meeting
    organisations: list[str]
    interpretation: Interpretation


def told_placement(application: Application) -> Placement | None:
    """The applicant's placement, only once they have been told its outcome."""
    placement = Placement.objects.filter(application=application).first()
    if placement is None or not placement.notified_outcome:
        return None
    return placement


def published_programme(series) -> list[ProgrammeMeeting]:
    """The published meetings of a series, in order, each with what the public may see:
    a fixed number of queries whatever the size of the series."""
    speakers = Prefetch(
        "presession__panel__placements",
        queryset=Placement.objects.filter(outcome=Outcome.SELECTED)
        .exclude(response=Response.DECLINED)
        .select_related("application")
        .order_by("application__submitted_at"),
        to_attr="speakers",
    )
    meetings = (
        Meeting.objects.filter(timetable__series=series, published_start__isnull=False)
        .select_related("presession")
        .prefetch_related(speakers)
        .order_by("published_start", "published_room")
    )
    programme = []
    for meeting in meetings:
        panel = getattr(meeting.presession, "panel", None)
        placements = panel.speakers if panel else []
        programme.append(
            ProgrammeMeeting(
                meeting=meeting,
                organisations=[public_organisation(p) for p in placements],
                interpretation=interpretation_for(
                    [p.application.speaker_languages for p in placements]
                ),
            )
        )
    return programme


def public_organisation(placement: Placement) -> str:
    """How the programme names a speaker's organisation: never by name when the speaker
    fears reprisals and has not agreed to be named."""
    application = placement.application
    if application.has_safety_concerns and not placement.may_name_publicly:
        return _("An organisation from %(country)s") % {
            "country": application.organisation_country.name
        }
    return application.organisation_name


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
