"""Which interpretation a meeting needs, from its speakers' languages (pure)."""

import itertools

import pytest

from panels.programme.interpretation import Interpretation, Speaker, interpretation_for

LANGUAGES = ["en", "fr", "es", "qu", "ar"]


def uses(languages):
    """Speakers who said only which languages they use."""
    return [Speaker(uses=tuple(each)) for each in languages]


def test_speakers_of_english_need_nothing_whatever_else_they_speak():
    assert interpretation_for(uses([["en"], ["en", "fr"], ["es", "en", "qu"]])) == Interpretation(
        into_english_from=(), other_language_speakers=0, needs_simultaneous=False
    )


def test_french_is_preferred_to_spanish_for_a_speaker_of_both():
    assert interpretation_for(uses([["es", "fr"]])).into_english_from == ("fr",)


def test_languages_to_interpret_come_in_a_fixed_order_whatever_the_speakers_order():
    first = interpretation_for(uses([["es"], ["fr"]]))
    second = interpretation_for(uses([["fr"], ["es"]]))

    assert first == second
    assert first.into_english_from == ("fr", "es")


def test_other_language_speakers_are_counted_and_half_is_not_most():
    half = interpretation_for(uses([["qu"], ["ar"], ["en"], ["fr"]]))
    most = interpretation_for(uses([["qu"], ["ar"], ["ar", "qu"], ["fr"]]))

    assert (half.other_language_speakers, half.needs_simultaneous) == (2, False)
    assert (most.other_language_speakers, most.needs_simultaneous) == (3, True)
    assert most.into_english_from == ("fr",)


@pytest.mark.parametrize("size", [1, 2, 3])
def test_interpretation_against_every_panel_of_small_size(size):
    """Every panel of up to three speakers, each with one or two languages, against the
    rule written out plainly."""
    choices = [(a,) for a in LANGUAGES] + list(itertools.combinations(LANGUAGES, 2))
    for panel in itertools.product(choices, repeat=size):
        result = interpretation_for(uses(panel))
        without_english = [s for s in panel if "en" not in s]
        others = [s for s in without_english if not {"fr", "es"} & set(s)]
        needed = {"fr" if "fr" in s else "es" for s in without_english if s not in others}
        assert result.into_english_from == tuple(c for c in ("fr", "es") if c in needed)
        assert result.other_language_speakers == len(others)
        assert result.needs_simultaneous == (len(others) > len(panel) / 2)


def test_a_speaker_who_asks_for_arabic_needs_it_whatever_languages_they_ticked():
    """ "From which language?" says what the speaker needs, even when they also ticked
    English (they read it, but speak in Arabic)."""
    result = interpretation_for([Speaker(uses=("en", "ar"), needs_from="ar"), Speaker(("en",))])

    assert result.from_other_languages == ("ar",)
    assert result.other_language_speakers == 1
    assert result.needs_simultaneous is False


def test_asking_for_french_or_spanish_is_the_usual_interpretation():
    result = interpretation_for([Speaker(("en", "fr"), needs_from="fr"), Speaker(("es",))])

    assert result.into_english_from == ("fr", "es")
    assert result.other_language_speakers == 0


def test_most_of_a_panel_needing_other_languages_needs_simultaneous_interpretation():
    speakers = [Speaker(("en",), needs_from="ru"), Speaker(("fr",), needs_from="ar"),
                Speaker(("qu",)), Speaker(("en",))]  # fmt: skip
    result = interpretation_for(speakers)

    assert result.from_other_languages == ("ar", "ru", "other")
    assert (result.other_language_speakers, result.needs_simultaneous) == (3, True)


def test_a_speaker_of_only_another_ticked_language_needs_it_interpreted():
    assert interpretation_for(uses([["pt"]])).from_other_languages == ("pt",)
    assert interpretation_for(uses([["zh", "ar"]])).from_other_languages == ("ar",)


@pytest.mark.parametrize("size", [1, 2, 3])
def test_interpretation_asked_for_against_every_small_panel(size):
    """Every panel of up to three speakers, each ticking one language and asking for
    interpretation from nothing or one language, against the rule written out plainly."""
    asks = [None, "en", "fr", "es", "ar", "other"]
    choices = [Speaker((a,), needs_from=b) for a in LANGUAGES for b in asks]
    for panel in itertools.product(choices, repeat=size):
        result = interpretation_for(panel)
        needs = []
        for s in panel:
            if s.needs_from not in (None, "en"):
                needs.append(s.needs_from)
            elif "en" not in s.uses:
                (ticked,) = s.uses
                needs.append(ticked if ticked in ("fr", "es", "ar") else "other")
        others = [code for code in needs if code not in ("fr", "es")]
        assert result.into_english_from == tuple(c for c in ("fr", "es") if c in needs)
        assert set(result.from_other_languages) == set(others)
        assert result.other_language_speakers == len(others)
        assert result.needs_simultaneous == (len(others) > len(panel) / 2)
