import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from presessions.countries import UNMemberStates, un_member_codes
from presessions.models import PreSession, Theme
from tests.factories import SeriesFactory


def test_un_member_states_are_the_193():
    codes = un_member_codes()

    assert len(codes) == 193
    assert len(set(codes)) == 193
    assert {"KE", "GB", "GR", "TR", "KP"} <= set(codes)
    assert "TW" not in codes and "PS" not in codes


def test_country_names_are_translated():
    countries = UNMemberStates()
    with translation.override("fr"):
        assert str(countries.name("DE")) == "Allemagne"
    with translation.override("es"):
        assert str(countries.name("DE")) == "Alemania"


@pytest.mark.django_db
def test_a_state_under_review_must_be_a_un_member(series):
    with pytest.raises(ValidationError):
        PreSession(series=series, country="TW", review_order=1).full_clean()


@pytest.mark.django_db
def test_presession_code_is_human(presession):
    assert presession.code == "PS49-KEN"


@pytest.mark.django_db
def test_series_refuses_a_call_that_closes_before_it_opens():
    series = SeriesFactory.build(session=SeriesFactory().session)
    series.call_closes_at = series.call_opens_at

    with pytest.raises(ValidationError) as excinfo:
        series.clean()
    assert "call_closes_at" in excinfo.value.message_dict


@pytest.mark.django_db
def test_the_54_themes_are_loaded_with_translations():
    themes = Theme.objects.all()

    assert themes.count() == 54
    assert all(theme.name_fr and theme.name_es for theme in themes)
    death_penalty = Theme.objects.get(name="Death penalty")
    with translation.override("fr"):
        assert death_penalty.label == "Peine de mort"
    with translation.override("es"):
        assert death_penalty.label == "Pena de muerte"
    with translation.override("en"):
        assert death_penalty.label == "Death penalty"


@pytest.mark.django_db
def test_a_theme_without_translation_falls_back_to_english():
    theme = Theme.objects.create(name="Business and human rights")

    with translation.override("es"):
        assert theme.label == "Business and human rights"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "venue"),
    [("en", "Palais des Nations, Geneva"), ("fr", "Palais des Nations, Genève"),
     ("es", "Palais des Nations, Geneva")],  # no Spanish entered: English
)  # fmt: skip
def test_the_venue_reads_in_the_active_language_with_english_fallback(language, venue):
    series = SeriesFactory(
        venue="Palais des Nations, Geneva", venue_fr="Palais des Nations, Genève"
    )

    with translation.override(language):
        assert series.venue_label == venue


@pytest.mark.django_db
def test_a_presessions_mission_is_written_to_in_english_unless_told_otherwise(series):
    presession = PreSession.objects.create(series=series, country="FR", review_order=1)

    assert presession.mission_language == "en"
