"""The series page in the admin: where the series stands, and its next step as a button.

Each button is a plain form that posts to an existing admin action (the same services as
from the lists), with the series page as the page to come back to. Who sees a button is
decided by the right that action asks; reviewers see the page without any."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from panels import rules
from panels.series_page import queries, uptake
from panels.series_page.stages import (
    STAGE_LABELS,
    STEP_ACTION,
    STEP_CHANGELIST,
    STEP_LABELS,
    Stage,
    StepKind,
    step_objects,
)
from presessions.admin_actions import RETURN_TO
from presessions.models import Series

STEP_RIGHT: dict[StepKind, Callable[..., bool]] = {
    StepKind.SUGGEST_PANELS: rules.can_decide_panel,
    StepKind.CONFIRM_PANELS: rules.can_decide_panel,
    StepKind.SEND_OUTCOMES: rules.can_send_outcomes,
    StepKind.PREPARE_TIMETABLE: rules.can_publish_programme,
    StepKind.GENERATE_TIMETABLE: rules.can_publish_programme,
    StepKind.PUBLISH_PROGRAMME: rules.can_publish_programme,
    StepKind.PUBLISH_STATEMENTS: rules.can_publish_statements,
}


@dataclass(frozen=True)
class ActionButton:
    """A form that runs one admin action on some objects, then comes back."""

    label: str
    url: str  # the changelist the action belongs to
    action: str
    ids: tuple[int, ...]
    is_primary: bool = False


def step_buttons(user, overview: queries.SeriesOverview) -> list[ActionButton]:
    """The buttons of the steps this user may take now, the next step first and primary."""
    buttons = []
    for kind in overview.steps:
        ids = step_objects(kind, overview.facts, series_id=overview.series_id)
        if not ids or not STEP_RIGHT[kind](user):
            continue
        buttons.append(
            ActionButton(
                label=str(STEP_LABELS[kind]),
                url=reverse(f"admin:{STEP_CHANGELIST[kind]}_changelist"),
                action=STEP_ACTION[kind],
                ids=ids,
                is_primary=kind == overview.next_step,
            )
        )
    return buttons


def series_overview(model_admin, request: HttpRequest, series_id: int) -> HttpResponse:
    if not rules.can_see_series_page(request.user):
        raise PermissionDenied
    try:
        overview = queries.series_overview(series_id)
    except Series.DoesNotExist:
        raise Http404(_("There is no such series.")) from None
    buttons = step_buttons(request.user, overview)
    figures = uptake.series_uptake(series_id)
    stages = [
        {
            "label": label,
            "is_done": stage < overview.stage,
            "is_current": stage == overview.stage,
        }
        for stage, label in STAGE_LABELS.items()
    ]
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("%(series)s: where it stands") % {"series": overview.title},
        "opts": Series._meta,
        "overview": overview,
        "stages": stages,
        "primary_button": next((b for b in buttons if b.is_primary), None),
        "other_buttons": [b for b in buttons if not b.is_primary],
        "waiting_for": _waiting_for(overview),
        "uptake": figures,
        "uptake_tables": [
            (_("By State under Review"), figures.by_country),
            (_("By theme"), figures.by_theme),
        ],
        "matches_url": reverse("admin:panels_recommendationmatch_changelist")
        + f"?series={series_id}",
        "return_field": RETURN_TO,
        "return_to": request.get_full_path(),
        "lists": {
            "applications": reverse("admin:applications_application_changelist"),
            "placements": reverse("admin:panels_placement_changelist"),
            "statements": reverse("admin:panels_statement_changelist"),
        },
    }
    return TemplateResponse(request, "admin/panels/series_overview.html", context)


def _waiting_for(overview: queries.SeriesOverview) -> str:
    """What the series waits for when there is no next step to take."""
    if overview.stage == Stage.CALL_OPEN:
        return _("The call for applications is open; the panels are suggested once it closes.")
    if overview.stage == Stage.CALL_CLOSED and not overview.facts.countries_with_candidates:
        return _("No country has an eligible application.")
    facts = overview.facts
    if overview.stage == Stage.CALL_CLOSED and (
        facts.countries_without_suggestion < facts.countries_with_candidates
    ):
        return _(
            "Some countries have no suggested panel yet. Asking for the suggested panels "
            "suggests again those that are not confirmed, undoing any change made by hand."
        )
    if overview.is_generating:
        return _("The timetable is being generated: reload this page to see the result.")
    if overview.stage == Stage.PROGRAMME_PUBLISHED:
        return _("The programme is published; the statements are published after the series.")
    if overview.stage == Stage.SERIES_OVER and not overview.facts.statements_to_publish:
        return _("No statement that its speaker agreed to share has been handed in yet.")
    if overview.stage == Stage.STATEMENTS_PUBLISHED:
        return _("Every statement that its speaker agreed to share is published.")
    return ""
