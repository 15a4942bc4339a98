"""Which interpretation a meeting needs, from its speakers' languages (pure)."""

import itertools

import pytest

from panels.programme.interpretation import Interpretation, interpretation_for

LANGUAGES = ["en", "fr", "es", "qu", "ar"]


def test_speakers_of_english_need_nothing_whatever_else_they_speak():
    assert interpretation_for([["en"], ["en", "fr"], ["es", "en", "qu"]]) == Interpretation(
        into_english_from=(), other_language_speakers=0, needs_simultaneous=False
    )


def test_french_is_preferred_to_spanish_for_a_speaker_of_both():
    assert interpretation_for([["es", "fr"]]).into_english_from == ("fr",)


def test_languages_to_interpret_come_in_a_fixed_order_whatever_the_speakers_order():
    first = interpretation_for([["es"], ["fr"]])
    second = interpretation_for([["fr"], ["es"]])

    assert first == second
    assert first.into_english_from == ("fr", "es")


def test_other_language_speakers_are_counted_and_half_is_not_most():
    half = interpretation_for([["qu"], ["ar"], ["en"], ["fr"]])
    most = interpretation_for([["qu"], ["ar"], ["ar", "qu"], ["fr"]])

    assert (half.other_language_speakers, half.needs_simultaneous) == (2, False)
    assert (most.other_language_speakers, most.needs_simultaneous) == (3, True)
    assert most.into_english_from == ("fr",)


@pytest.mark.parametrize("size", [1, 2, 3])
def test_interpretation_against_every_panel_of_small_size(size):
    """Every panel of up to three speakers, each with one or two languages, against the
    rule written out plainly."""
    choices = [(a,) for a in LANGUAGES] + list(itertools.combinations(LANGUAGES, 2))
    for panel in itertools.product(choices, repeat=size):
        result = interpretation_for(panel)
        without_english = [s for s in panel if "en" not in s]
        others = [s for s in without_english if not {"fr", "es"} & set(s)]
        needed = {"fr" if "fr" in s else "es" for s in without_english if s not in others}
        assert result.into_english_from == tuple(c for c in ("fr", "es") if c in needed)
        assert result.other_language_speakers == len(others)
        assert result.needs_simultaneous == (len(others) > len(panel) / 2)
