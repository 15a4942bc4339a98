"""The reasons for each applicant's place, in plain words, from the rule's codes."""

import pytest
from django.utils import translation

from panels.programme.interpretation import Interpretation
from panels.selection import reasons


@pytest.mark.parametrize(
    ("code", "params", "expected"),
    [
        ("selected", {"score": 5}, "On the panel: scores 5."),
        (
            "selected",
            {"score": 3, "adds_theme": True},
            "On the panel: scores 3 and brings a theme no other speaker covers.",
        ),
        (
            "gender_balance",
            {"imbalance_with": 2, "imbalance_best": 0},
            "Not on the panel: with it, the panel's gender gap would be 2 instead of 0.",
        ),
        (
            "lower_score",
            {"score_with": 7, "score_best": 9},
            "Not on the panel: the best panel with it would score 7 instead of 9.",
        ),
        (
            "waitlist_full",
            {"rank": 3, "waitlist_length": 2},
            "Not kept on the waitlist: it would be number 3 on it, and the waitlist holds "
            "2 places.",
        ),
        (
            "waitlist_full",
            {"rank": 2, "waitlist_length": 1},
            "Not kept on the waitlist: it would be number 2 on it, and the waitlist holds 1 place.",
        ),
        (
            "waitlist_full",
            {"rank": 1, "waitlist_length": 0},
            "Not on the panel, and not kept on a waitlist: this series keeps none.",
        ),
        ("pinned", None, "On the panel: pinned by a coordinator."),
        (reasons.MANUAL_OUT, {}, "Not on the panel: taken off by a coordinator."),
        (reasons.REPLACEMENT, {}, "On the panel: invited to replace a speaker who declined."),
        (reasons.NOT_ELIGIBLE, {}, "Not considered: withdrawn or marked ineligible."),
    ],
)
def test_describe_fills_in_the_rules_numbers(code, params, expected):
    assert reasons.describe(code, params) == expected


def test_describe_a_selection_without_a_score_says_zero():
    assert reasons.describe("selected") == "On the panel: scores 0."


def test_describe_an_unknown_code_gives_the_code_back():
    assert reasons.describe("new_rule_code", {"x": 1}) == "new_rule_code"


def test_describe_is_translated():
    with translation.override("fr"):
        french = reasons.describe("pinned")

    assert french == "Dans le panel\u00a0: épinglée par un coordinateur."


@pytest.mark.parametrize(
    ("interpretation", "expected"),
    [
        (Interpretation((), 0, False), "None needed"),
        (Interpretation(("fr",), 1, False), "French into English"),
        (Interpretation(("fr", "es"), 0, False), "French into English, Spanish into English"),
        (Interpretation((), 1, False, ("ar",)), "Arabic into English"),
        (
            Interpretation(("fr",), 1, False, ("other",)),
            "French into English, another language into English",
        ),
        (
            Interpretation(("es",), 3, True, ("ar", "ru")),
            "Simultaneous interpretation (Spanish into English, Arabic into English, Russian "
            "into English): most speakers need a language other than English, French and "
            "Spanish.",
        ),
    ],
)
def test_describe_interpretation(interpretation, expected):
    assert reasons.describe_interpretation(interpretation) == expected
