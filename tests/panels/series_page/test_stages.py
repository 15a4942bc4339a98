"""The stage of a series and its possible steps, from plain facts (no database)."""

import dataclasses

import pytest

from panels.series_page.stages import (
    SeriesFacts,
    Stage,
    StepKind,
    possible_steps,
    stage_of,
    step_objects,
)

PUBLISHED = SeriesFacts(
    call_is_open=False,
    countries_with_candidates=2,
    countries_without_suggestion=0,
    draft_panels=(),
    confirmed_panels_with_unsent=(),
    countries_without_meeting=0,
    timetable_id=7,
    meetings=2,
    unscheduled_meetings=0,
    is_generating=False,
    is_published=True,
    changed_since_published=False,
    series_is_over=False,
    statements_published=0,
    statements_to_publish=(),
)


def facts(**changes) -> SeriesFacts:
    return dataclasses.replace(PUBLISHED, **changes)


@pytest.mark.parametrize(
    ("changes", "stage"),
    [
        ({"call_is_open": True}, Stage.CALL_OPEN),
        ({"countries_with_candidates": 0}, Stage.CALL_CLOSED),
        ({"countries_without_suggestion": 1}, Stage.CALL_CLOSED),
        ({"draft_panels": (3,)}, Stage.PANELS_SUGGESTED),
        ({"confirmed_panels_with_unsent": (3,)}, Stage.PANELS_CONFIRMED),
        ({"timetable_id": None}, Stage.OUTCOMES_SENT),
        ({"countries_without_meeting": 1}, Stage.OUTCOMES_SENT),
        ({"unscheduled_meetings": 1}, Stage.TIMETABLE_PREPARED),
        ({"is_published": False}, Stage.TIMETABLE_GENERATED),
        ({}, Stage.PROGRAMME_PUBLISHED),
        ({"series_is_over": True}, Stage.SERIES_OVER),
        ({"series_is_over": True, "statements_published": 2, "statements_to_publish": (5,)},
         Stage.SERIES_OVER),
        ({"series_is_over": True, "statements_published": 2}, Stage.STATEMENTS_PUBLISHED),
    ],
)  # fmt: skip
def test_stage_of(changes, stage):
    assert stage_of(facts(**changes)) == stage


def test_a_published_programme_can_be_published_again_once_a_meeting_moved():
    moved = facts(changed_since_published=True)

    assert possible_steps(facts(), Stage.PROGRAMME_PUBLISHED) == []
    assert possible_steps(moved, stage_of(moved)) == [StepKind.PUBLISH_PROGRAMME]


def test_nothing_is_generated_twice_at_once():
    running = facts(unscheduled_meetings=2, is_generating=True)

    assert possible_steps(running, stage_of(running)) == []


def test_the_suggestion_is_not_offered_again_once_the_panels_exist():
    suggested = facts(draft_panels=(3, 4))

    assert possible_steps(suggested, stage_of(suggested)) == [StepKind.CONFIRM_PANELS]


def test_each_step_names_the_objects_of_its_action():
    state = facts(draft_panels=(3, 4), confirmed_panels_with_unsent=(5,),
                  statements_to_publish=(8, 9))  # fmt: skip

    assert [step_objects(kind, state, series_id=1) for kind in StepKind] == [
        (1,), (3, 4), (5,), (1,), (7,), (7,), (8, 9)
    ]  # fmt: skip
