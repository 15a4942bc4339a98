"""What the panel models answer themselves: who holds a seat, and where an invitation stands."""

import pytest
from django.db.models import Count
from django.utils import translation

from panels.enums import Outcome, Response
from panels.models import Panel, Placement, Room
from panels.models.panel import active_speaker_q
from tests.factories import ApplicationFactory, PanelFactory, PreSessionFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def placements():
    """One placement of each kind on the panel of Kenya, and an active speaker elsewhere."""
    presession = PreSessionFactory(country="KE")
    kinds = {
        "pending": (Outcome.SELECTED, Response.PENDING),
        "confirmed": (Outcome.SELECTED, Response.CONFIRMED),
        "declined": (Outcome.SELECTED, Response.DECLINED),
        "waitlisted": (Outcome.WAITLISTED, Response.PENDING),
        "not selected": (Outcome.NOT_SELECTED, Response.PENDING),
    }
    made = {
        name: SpeakerFactory(
            application=ApplicationFactory(presession=presession),
            outcome=outcome,
            waitlist_rank=1 if outcome == Outcome.WAITLISTED else None,
            response=response,
            notified_outcome=outcome,
        )
        for name, (outcome, response) in kinds.items()
    }
    SpeakerFactory(application=ApplicationFactory(presession=PreSessionFactory(country="EC")))
    return made


def test_active_speakers_are_selected_and_not_declined(placements):
    kenya = Panel.objects.get(presession__country="KE")

    active = Placement.objects.active_speakers().filter(panel=kenya)

    assert set(active) == {placements["pending"], placements["confirmed"]}


def test_active_speaker_q_counts_the_same_speakers_through_the_panel(placements):
    counts = dict(
        Panel.objects.annotate(
            speakers=Count("placements", filter=active_speaker_q("placements__"))
        ).values_list("presession__country", "speakers")
    )

    assert counts == {"KE": 2, "EC": 1}


def test_is_active_speaker_agrees_with_the_query(placements):
    active = set(Placement.objects.active_speakers())

    assert {p for p in Placement.objects.all() if p.is_active_speaker} == active


@pytest.mark.parametrize(
    ("name", "told_selected", "told_waitlisted", "awaits_answer", "has_confirmed"),
    [
        ("pending", True, False, True, False),
        ("confirmed", True, False, False, True),
        ("declined", True, False, False, False),
        ("waitlisted", False, True, False, False),
        ("not selected", False, False, False, False),
    ],
)
def test_where_an_invitation_stands(
    placements, name, told_selected, told_waitlisted, awaits_answer, has_confirmed
):
    placement = placements[name]

    assert (
        placement.was_told_selected,
        placement.was_told_waitlisted,
        placement.awaits_answer,
        placement.has_confirmed,
    ) == (told_selected, told_waitlisted, awaits_answer, has_confirmed)


def test_a_selection_not_yet_emailed_awaits_no_answer():
    placement = Placement(outcome=Outcome.SELECTED, response=Response.PENDING, notified_outcome="")

    assert (placement.was_told_selected, placement.awaits_answer) == (False, False)


def test_a_panel_of_declined_speakers_has_no_active_speaker():
    panel = PanelFactory()
    SpeakerFactory(application=ApplicationFactory(presession=panel.presession), response="declined")

    assert Placement.objects.active_speakers().filter(panel=panel).count() == 0


@pytest.mark.parametrize(
    ("language", "label"), [("en", "Room XXIV"), ("fr", "Salle XXIV"), ("es", "Room XXIV")]
)
def test_a_room_is_named_in_the_active_language_with_english_fallback(language, label):
    room = Room(name="Room XXIV", name_fr="Salle XXIV")

    with translation.override(language):
        assert room.label == label
