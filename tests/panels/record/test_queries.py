"""The record's reads: States with as many recommendations are listed by their name in
the reader's language."""

import pytest
from django.utils import translation

from panels.record import queries

from .test_views import load

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "names"),
    [("en", ["Ecuador", "Egypt", "Peru"]), ("fr", ["Égypte", "Équateur", "Pérou"])],
)
def test_states_as_often_named_are_in_the_order_of_their_names(language, names):
    load(
        [
            [f"Adopt law number {n}.", state, "Kenya", "49", "4", "Supported", "", ""]
            for n, state in enumerate(["Peru", "Egypt", "Ecuador", "Peru"])
        ]
        + [["Adopt another law.", "Egypt", "Kenya", "49", "4", "Noted", "", ""]]
        + [["Adopt a third law.", "Ecuador", "Kenya", "49", "4", "Noted", "", ""]]
    )

    with translation.override(language):
        _received, made = queries.states_in_record()
        shown = [(row.state.name, row.count) for row in made]

    assert shown == [(names[0], 2), (names[1], 2), (names[2], 2)]
