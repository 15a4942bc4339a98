"""Reads of the selection: an applicant sees their place only once they were told it."""

from panels.enums import Outcome
from panels.selection.queries import told_placement
from tests.factories import ApplicationFactory, SpeakerFactory


def test_told_placement_is_none_without_a_placement(presession):
    assert told_placement(ApplicationFactory(presession=presession)) is None


def test_told_placement_is_none_before_the_outcome_is_emailed(presession):
    placement = SpeakerFactory(application__presession=presession, notified_outcome="")

    assert told_placement(placement.application) is None


def test_told_placement_is_the_placement_once_told(presession):
    placement = SpeakerFactory(application__presession=presession)
    SpeakerFactory(application__presession=presession)  # another applicant's

    assert told_placement(placement.application) == placement


def test_told_placement_is_shown_even_when_the_place_changed_since(presession):
    placement = SpeakerFactory(
        application__presession=presession,
        outcome=Outcome.WAITLISTED,
        waitlist_rank=1,
        notified_outcome=Outcome.SELECTED,
    )

    told = told_placement(placement.application)

    assert (told.outcome, told.notified_outcome) == (Outcome.WAITLISTED, Outcome.SELECTED)
