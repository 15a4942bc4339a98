"""Reads of the selection: an applicant sees their place only once they were told it; a
panel's totals count the speakers who hold a seat."""

from panels.enums import Outcome, Response
from panels.selection.queries import PanelAtAGlance, panel_at_a_glance, told_placement
from tests.factories import ApplicationFactory, PanelFactory, SpeakerFactory


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


def test_panel_at_a_glance_adds_up_the_speakers_who_hold_a_seat(presession, theme, other_theme):
    seated = [
        ("woman", "national", theme, ["en", "fr"], True),
        ("man", "grassroots", other_theme, ["fr"], False),
        ("undisclosed", "national", theme, ["es", "other"], True),
    ]
    panel = None
    for gender, scope, main_theme, languages, interpretation in seated:
        panel = SpeakerFactory(
            application__presession=presession,
            application__speaker_gender=gender,
            application__scope=scope,
            application__main_theme=main_theme,
            application__speaker_languages=languages,
            application__needs_interpretation=interpretation,
        ).panel
    # Who holds no seat counts for nothing: a declined speaker, the waiting list.
    for outcome, response, rank in [
        (Outcome.SELECTED, Response.DECLINED, None),
        (Outcome.WAITLISTED, "", 1),
    ]:
        SpeakerFactory(
            application__presession=presession, application__speaker_gender="man",
            application__scope="international", application__speaker_languages=["ar"],
            application__needs_interpretation=True, outcome=outcome, response=response,
            waitlist_rank=rank,
        )  # fmt: skip

    assert panel_at_a_glance(panel) == PanelAtAGlance(
        speakers=3,
        women=1,
        men=1,
        others=1,
        scopes=(("Grassroots", 1), ("National", 2)),
        themes=("Right to health", "Women's rights"),
        languages=(("English", 1), ("French", 2), ("Spanish", 1), ("Another language", 1)),
        needing_interpretation=2,
    )


def test_panel_at_a_glance_of_a_panel_without_speakers_is_all_zero(presession):
    panel = PanelFactory(presession=presession)

    assert panel_at_a_glance(panel) == PanelAtAGlance(0, 0, 0, 0, (), (), (), 0)
