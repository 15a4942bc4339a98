"""The SMART advice on one UPR recommendation: word-based, in English, French and Spanish."""

import pytest
from django.utils import translation

from panels.statements.smart import Hint, check_recommendation


def codes(text: str) -> list[str]:
    return [hint.code for hint in check_recommendation(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The Government should adopt a law criminalising domestic violence by 2027 and "
        "allocate at least 2% of the health budget to shelters.",
        "Que le Gouvernement adopte d’ici 2027 une loi sur les violences domestiques et "
        "alloue un budget de 5 millions d’euros aux refuges.",
        "Que el Gobierno adopte, antes del próximo examen, un plan nacional con un "
        "presupuesto de 10 millones para las víctimas.",
    ],
    ids=["en", "fr", "es"],
)
def test_smart_recommendation_gives_no_hints(text):
    assert check_recommendation(text) == []


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        ("The Ministry of Justice should consider a law for all victims by 2027.", "action"),
        (
            "Le ministère de la Justice devrait envisager une loi pour toutes les victimes "
            "d’ici 2027.",
            "action",
        ),
        (
            "El Ministerio de Justicia debería estudiar una ley para todas las víctimas "
            "antes de 2027.",
            "action",
        ),
        ("Adopt a law on domestic violence by 2027 and open shelters in all provinces.", "actor"),
        (
            "Adopter d’ici 2027 une loi sur les violences domestiques et ouvrir des refuges "
            "dans chaque région.",
            "actor",
        ),
        (
            "Adoptar antes de 2027 una ley sobre violencia doméstica y abrir refugios en "
            "todas las provincias.",
            "actor",
        ),
        ("The Government should ratify the Convention and allocate a budget to it.", "time"),
        ("Que l’État ratifie la Convention et alloue un budget à sa mise en œuvre.", "time"),
        ("Que el Estado ratifique la Convención y asigne un presupuesto a su aplicación.", "time"),
        ("The police should investigate attacks on journalists before the next review.", "measure"),
        (
            "La police doit enquêter sur les attaques contre les journalistes avant le "
            "prochain examen.",
            "measure",
        ),
        (
            "La fiscalía debe investigar los ataques contra periodistas antes del próximo examen.",
            "measure",
        ),
    ],
    ids=[
        f"{code}-{lang}"
        for code in ("action", "actor", "time", "measure")
        for lang in ("en", "fr", "es")
    ],
)
def test_missing_element_gives_only_its_hint(text, missing):
    assert codes(text) == [missing]


@pytest.mark.parametrize("text", ["", " ", "\n\t  "])
def test_empty_text_gives_no_hints(text):
    assert check_recommendation(text) == []


def test_accents_and_capitals_do_not_matter():
    accented = "Que l’État enquête sans délai sur toutes les plaintes."
    plain = "QUE L'ETAT ENQUETE SANS DELAI SUR TOUTES LES PLAINTES."
    assert codes(accented) == codes(plain) == []
    assert codes("LA POLICÍA debe INVESTIGAR todas las denuncias INMEDIATAMENTE") == []
    assert codes("la policia debe investigar todas las denuncias inmediatamente") == []


def test_words_next_to_punctuation_match():
    assert codes("Government: adopt (by 2027) a budget!") == []
    assert codes("«Que le Parlement abroge, d’ici mars 2026, toutes les lois…»") == []
    assert codes("¿Y el Congreso? ¡Derogar—sin demora—cada ley discriminatoria!") == []


def test_percent_sign_is_measurable():
    assert codes("The Government should reduce waiting times by 30% by 2027.") == []


def test_year_alone_is_not_measurable():
    assert codes("The parliament should repeal the law by 2028.") == ["measure"]


def test_end_of_time_frame_is_not_action_verb():
    assert codes("The Government, all victims, by the end of 2027.") == ["action"]


def test_article_is_not_number():
    assert codes("Que le gouvernement adopte une loi avant le prochain examen.") == ["measure"]
    assert codes("Que el Gobierno adopte una ley antes del próximo examen.") == ["measure"]


def test_hints_order_is_action_actor_time_measure():
    assert codes("Something about women’s rights.") == ["action", "actor", "time", "measure"]
    assert codes("Shelters for victims, the police, in all regions.") == ["action", "time"]


def test_messages_are_strings():
    hints = check_recommendation("?? women")
    assert [type(hint) for hint in hints] == [Hint] * 4
    with translation.override("en"):
        messages = [str(hint.message) for hint in hints]
    assert all(isinstance(message, str) and message for message in messages)
    assert "action verb" in messages[0]
    assert "by 2028" in messages[2]
