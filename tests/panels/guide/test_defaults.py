"""The default practical guide that the data migration loads from the organiser's FAQ."""

import pytest
from django.db import IntegrityError

from panels.guide.topics import LANGUAGES, TOPIC_FIELDS, field_name
from panels.models import PracticalGuide


def test_default_guide_has_every_topic_in_three_languages(default_guide):
    empty = [
        field_name(topic, language)
        for topic in TOPIC_FIELDS
        for language in LANGUAGES
        if not getattr(default_guide, field_name(topic, language)).strip()
    ]

    assert empty == []
    assert default_guide.series is None


@pytest.mark.parametrize(
    ("field", "words"),
    [
        ("stay", "three to four nights"),
        ("stay_fr", "trois à quatre nuits"),
        ("stay_es", "tres o cuatro noches"),
        ("accommodation", "Geneva Welcome Centre"),
        ("accommodation_fr", "Centre d'Accueil - Genève Internationale (CAGI)"),
        ("accommodation_es", "Centro de Acogida de la Ginebra Internacional"),
        ("grounds_pass", "UN grounds pass"),
        ("grounds_pass_fr", "badge d'accès de l'ONU"),
        ("grounds_pass_es", "pase de acceso de la ONU"),
        ("room_rules", "Recording and photography are not permitted"),
        ("room_rules_fr", "Il n'est pas permis d'enregistrer ni de photographier"),
        ("room_rules_es", "No se permite grabar ni fotografiar"),
        ("reprisals", "OHCHR Secretariat"),
        ("reprisals_fr", "secrétariat du HCDH"),
        ("reprisals_es", "Secretaría del ACNUDH"),
    ],
)
def test_default_guide_takes_its_wording_from_the_faq(default_guide, field, words):
    assert words in getattr(default_guide, field)


def test_default_guide_says_the_organiser_books_no_hotels(default_guide):
    assert default_guide.accommodation.startswith(
        "The organiser of the Pre-sessions is unable to make hotel bookings"
    )


def test_second_default_guide_is_refused(default_guide):
    with pytest.raises(IntegrityError):
        PracticalGuide.objects.create(is_default=True)


def test_guide_of_no_series_must_be_the_default(db):
    with pytest.raises(IntegrityError):
        PracticalGuide.objects.create(is_default=False, series=None)
