"""The emails of the selection: outcomes to applicants, declines and withdrawals to
coordinators."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation

from applications.access import private_url
from applications.models import Application
from panels.enums import Outcome
from panels.guide.links import guide_url
from panels.models import Meeting, Placement
from presessions.models import Event, Series
from presessions.outbox import queue_email
from presessions.staff_preferences import addresses_with_languages

COORDINATORS_GROUP = "Coordinators"

OUTCOME_TEMPLATES = {
    Outcome.SELECTED: "panel_selected",
    Outcome.WAITLISTED: "panel_waitlisted",
    Outcome.NOT_SELECTED: "panel_not_selected",
}


WAITLIST_FINAL_TEMPLATE = "panel_waitlist_final"


def observer_offer(series: Series, language: str) -> dict[str, Any]:
    """What is offered to those who will not speak: the accreditation form of the series,
    and its trainings and events still to come, with the page to register for them."""
    with translation.override(language):
        accreditation = reverse("accreditation-request", kwargs={"number": series.number})
        events = reverse("event-list", kwargs={"number": series.number})
    return {
        "accreditation_url": settings.SITE_URL + accreditation,
        "events_url": settings.SITE_URL + events,
        "events": list(
            Event.objects.filter(series=series, starts_at__gt=timezone.now()).order_by(
                "starts_at", "pk"
            )
        ),
    }


def record_url(application: Application, language: str) -> str | None:
    """The UPR record's page of the States that recommended on the applicant's theme to
    its country at earlier reviews (the missions to approach), in the email's language."""
    if application.main_theme_id is None:
        return None
    with translation.override(language):
        path = reverse("panels:record-approach")
    query = urlencode(
        {"state": application.presession.country.alpha3, "theme": application.main_theme_id}
    )
    return f"{settings.SITE_URL}{path}?{query}"


def queue_outcome(placement: Placement) -> None:
    """The outcome email; an invitation gives the meeting's day and time once the
    programme is published (before that, the dates of the series) and the link to the
    series' practical information; a refusal offers
    observer accreditation and the trainings."""
    application = placement.application
    presession = application.presession
    meeting = (
        Meeting.objects.filter(presession=presession, published_start__isnull=False)
        .select_related("room", "day")
        .first()
    )
    context = {
        "application": application,
        "series": presession.series,
        "country": presession.country,
        "meeting": meeting,
        "private_url": private_url(application),
    }
    if placement.outcome == Outcome.SELECTED:
        context["guide_url"] = guide_url(presession.series, application.language)
    if placement.outcome == Outcome.NOT_SELECTED:
        context |= observer_offer(presession.series, application.language)
        context["record_url"] = record_url(application, application.language)
    queue_email(
        to=application.contact_email,
        template=OUTCOME_TEMPLATES[Outcome(placement.outcome)],
        context=context,
        language=application.language,
    )


def queue_waitlist_final(placement: Placement) -> None:
    """To a waitlisted applicant: the panel is complete, so no seat will come free; the
    offer of observer accreditation and the trainings."""
    application = placement.application
    presession = application.presession
    queue_email(
        to=application.contact_email,
        template=WAITLIST_FINAL_TEMPLATE,
        context={
            "application": application,
            "series": presession.series,
            "country": presession.country,
            "private_url": private_url(application),
            **observer_offer(presession.series, application.language),
        },
        language=application.language,
    )


def coordinator_addresses() -> list[str]:
    return sorted(
        get_user_model()
        .objects.filter(groups__name=COORDINATORS_GROUP, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def coordinator_recipients() -> list[tuple[str, str]]:
    """The active coordinators' addresses, each with the language its owner chose."""
    return addresses_with_languages(
        get_user_model().objects.filter(groups__name=COORDINATORS_GROUP, is_active=True)
    )


def queue_decline_notice(
    placement: Placement,
    replacement: Application | None,
    *,
    withdrew: bool = False,
    was_on_programme: bool = False,
) -> None:
    """To each coordinator, in their own language: a speaker declined or withdrew, and the
    proposed replacement; when the published programme named the speaker, that it no
    longer does."""
    panel_url = settings.SITE_URL + reverse("admin:panels_panel_change", args=[placement.panel_id])
    for address, language in coordinator_recipients():
        queue_email(
            to=address,
            template="panel_declined",
            context={
                "application": placement.application,
                "presession": placement.panel.presession,
                "replacement": replacement,
                "panel_url": panel_url,
                "withdrew": withdrew,
                "was_on_programme": was_on_programme,
            },
            language=language,
        )


def queue_slot(placement: Placement, meeting) -> None:
    """A confirmed speaker's slot, room and arrival advice, and the link to the series'
    practical information (sent again if it changes)."""
    application = placement.application
    queue_email(
        to=application.contact_email,
        template="panel_slot",
        context={
            "application": application,
            "series": meeting.presession.series,
            "country": meeting.presession.country,
            "meeting": meeting,
            "private_url": private_url(application),
            "guide_url": guide_url(meeting.presession.series, application.language),
        },
        language=application.language,
    )


def queue_mission_invitation(meeting) -> None:
    """The State under Review's Permanent Mission is invited to its country's meeting."""
    presession = meeting.presession
    queue_email(
        to=presession.mission_email,
        template="mission_invitation",
        context={"series": presession.series, "country": presession.country, "meeting": meeting},
        language=presession.mission_language,
    )
