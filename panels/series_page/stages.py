"""The stage of a series and the steps a coordinator can take from it.

Pure: the facts about a series in, its stage and steps out. The stages follow one another
in the order below; a series is at the first one whose next step is not done (when a
panel is reopened after the programme was published, the series is back at "panels
suggested", and the next step is to confirm it again)."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


class Stage(enum.IntEnum):
    CALL_OPEN = 1
    CALL_CLOSED = 2
    PANELS_SUGGESTED = 3
    PANELS_CONFIRMED = 4
    OUTCOMES_SENT = 5
    TIMETABLE_PREPARED = 6
    TIMETABLE_GENERATED = 7
    PROGRAMME_PUBLISHED = 8
    SERIES_OVER = 9
    STATEMENTS_PUBLISHED = 10


STAGE_LABELS = {
    Stage.CALL_OPEN: _("Call open"),
    Stage.CALL_CLOSED: _("Call closed"),
    Stage.PANELS_SUGGESTED: _("Panels suggested"),
    Stage.PANELS_CONFIRMED: _("Panels confirmed"),
    Stage.OUTCOMES_SENT: _("Outcomes sent"),
    Stage.TIMETABLE_PREPARED: _("Timetable prepared"),
    Stage.TIMETABLE_GENERATED: _("Timetable generated"),
    Stage.PROGRAMME_PUBLISHED: _("Programme published"),
    Stage.SERIES_OVER: _("Series over"),
    Stage.STATEMENTS_PUBLISHED: _("Statements published"),
}


class StepKind(enum.StrEnum):
    """What a coordinator can do next: each is an existing admin action."""

    SUGGEST_PANELS = "suggest_panels"
    CONFIRM_PANELS = "confirm_panels"
    SEND_OUTCOMES = "send_outcomes"
    PREPARE_TIMETABLE = "prepare_timetable"
    GENERATE_TIMETABLE = "generate_timetable"
    PUBLISH_PROGRAMME = "publish_programme"
    PUBLISH_STATEMENTS = "publish_statements"


@dataclass(frozen=True)
class SeriesFacts:
    """What the stage is computed from, counted over the countries of a series."""

    call_is_open: bool
    countries_with_candidates: int  # countries with eligible applications
    countries_without_suggestion: int  # of those, without a suggested panel yet
    draft_panels: tuple[int, ...]  # panels with speakers, not confirmed (ids)
    confirmed_panels_with_unsent: tuple[int, ...]  # confirmed panels with outcomes to send
    countries_without_meeting: int  # countries with speakers and no meeting yet
    timetable_id: int | None
    meetings: int
    unscheduled_meetings: int
    is_generating: bool
    is_published: bool
    changed_since_published: bool  # a meeting's slot differs from the published one
    series_is_over: bool
    statements_published: int
    statements_to_publish: tuple[int, ...]  # not published, sharing something (ids)


def stage_of(facts: SeriesFacts) -> Stage:
    """The stage the series has reached: the last one done, in order."""
    if facts.call_is_open:
        return Stage.CALL_OPEN
    if not facts.countries_with_candidates or facts.countries_without_suggestion:
        return Stage.CALL_CLOSED
    if facts.draft_panels:
        return Stage.PANELS_SUGGESTED
    if facts.confirmed_panels_with_unsent:
        return Stage.PANELS_CONFIRMED
    if facts.timetable_id is None or not facts.meetings or facts.countries_without_meeting:
        return Stage.OUTCOMES_SENT
    if facts.unscheduled_meetings:
        return Stage.TIMETABLE_PREPARED
    if not facts.is_published:
        return Stage.TIMETABLE_GENERATED
    if not facts.series_is_over:
        return Stage.PROGRAMME_PUBLISHED
    if facts.statements_to_publish or not facts.statements_published:
        return Stage.SERIES_OVER
    return Stage.STATEMENTS_PUBLISHED


NEXT_STEP = {
    Stage.CALL_CLOSED: StepKind.SUGGEST_PANELS,
    Stage.PANELS_SUGGESTED: StepKind.CONFIRM_PANELS,
    Stage.PANELS_CONFIRMED: StepKind.SEND_OUTCOMES,
    Stage.OUTCOMES_SENT: StepKind.PREPARE_TIMETABLE,
    Stage.TIMETABLE_PREPARED: StepKind.GENERATE_TIMETABLE,
    Stage.TIMETABLE_GENERATED: StepKind.PUBLISH_PROGRAMME,
    Stage.SERIES_OVER: StepKind.PUBLISH_STATEMENTS,
}


def possible_steps(facts: SeriesFacts, stage: Stage) -> list[StepKind]:
    """The steps that can be taken now, the next one first (when there is one).

    Asking again for the suggested panels is not offered once they exist: it would undo
    the coordinators' changes by hand. Nor is generating the timetable again once the
    programme is published: a published meeting is moved by hand, on its own page, and
    the programme published again (offered once a slot differs from the published one)."""
    possible: list[StepKind] = []
    if stage == Stage.CALL_CLOSED and facts.countries_with_candidates:
        possible.append(StepKind.SUGGEST_PANELS)
    if facts.draft_panels and stage >= Stage.CALL_CLOSED:
        possible.append(StepKind.CONFIRM_PANELS)
    if facts.confirmed_panels_with_unsent:
        possible.append(StepKind.SEND_OUTCOMES)
    if stage == Stage.OUTCOMES_SENT:
        possible.append(StepKind.PREPARE_TIMETABLE)
    if stage in (Stage.TIMETABLE_PREPARED, Stage.TIMETABLE_GENERATED) and not facts.is_generating:
        possible.append(StepKind.GENERATE_TIMETABLE)
    if stage == Stage.TIMETABLE_GENERATED or (
        stage == Stage.PROGRAMME_PUBLISHED and facts.changed_since_published
    ):
        possible.append(StepKind.PUBLISH_PROGRAMME)
    if facts.series_is_over and facts.statements_to_publish:
        possible.append(StepKind.PUBLISH_STATEMENTS)
    following = NEXT_STEP.get(stage)
    if following in possible:
        possible.remove(following)
        possible.insert(0, following)
    return possible


# The changelist whose action each step posts to, by the admin's URL prefix.
STEP_CHANGELIST = {
    StepKind.SUGGEST_PANELS: "presessions_series",
    StepKind.CONFIRM_PANELS: "panels_panel",
    StepKind.SEND_OUTCOMES: "panels_panel",
    StepKind.PREPARE_TIMETABLE: "presessions_series",
    StepKind.GENERATE_TIMETABLE: "panels_timetable",
    StepKind.PUBLISH_PROGRAMME: "panels_timetable",
    StepKind.PUBLISH_STATEMENTS: "panels_statement",
}
# The name of that admin action.
STEP_ACTION = {
    StepKind.SUGGEST_PANELS: "suggest_panels",
    StepKind.CONFIRM_PANELS: "confirm",
    StepKind.SEND_OUTCOMES: "send",
    StepKind.PREPARE_TIMETABLE: "prepare_timetable",
    StepKind.GENERATE_TIMETABLE: "generate",
    StepKind.PUBLISH_PROGRAMME: "publish",
    StepKind.PUBLISH_STATEMENTS: "publish",
}
STEP_LABELS = {
    StepKind.SUGGEST_PANELS: _("Ask for the suggested panels"),
    StepKind.CONFIRM_PANELS: _("Confirm the panels"),
    StepKind.SEND_OUTCOMES: _("Send the outcome emails"),
    StepKind.PREPARE_TIMETABLE: _("Prepare the timetable"),
    StepKind.GENERATE_TIMETABLE: _("Generate the timetable"),
    StepKind.PUBLISH_PROGRAMME: _("Publish the programme"),
    StepKind.PUBLISH_STATEMENTS: _("Publish the statements"),
}


def step_objects(kind: StepKind, facts: SeriesFacts, *, series_id: int) -> tuple[int, ...]:
    """The primary keys the step's action is applied to, on its changelist."""
    if kind in (StepKind.SUGGEST_PANELS, StepKind.PREPARE_TIMETABLE):
        return (series_id,)
    if kind == StepKind.CONFIRM_PANELS:
        return facts.draft_panels
    if kind == StepKind.SEND_OUTCOMES:
        return facts.confirmed_panels_with_unsent
    if kind in (StepKind.GENERATE_TIMETABLE, StepKind.PUBLISH_PROGRAMME):
        return () if facts.timetable_id is None else (facts.timetable_id,)
    return facts.statements_to_publish
