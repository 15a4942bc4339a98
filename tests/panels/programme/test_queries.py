"""Reads of the programme: the interpretation of a meeting, read one by one or for a
whole timetable at once, says the same."""

import datetime as dt

import pytest

from panels.enums import Outcome, Response
from panels.models import Meeting
from panels.programme import queries, scheduling
from tests.factories import PreSessionFactory, SeriesFactory, SpeakerFactory


@pytest.fixture
def table(db):
    """Kenya: speakers of French and Spanish, one who declined (Quechua), one on the
    waiting list (Arabic). Uganda: two speakers of Quechua and one of English."""
    series = SeriesFactory(starts_on=dt.date(2027, 3, 23))
    kenya = PreSessionFactory(series=series, country="KE", review_order=1)
    uganda = PreSessionFactory(series=series, country="UG", review_order=2)
    for languages in (["fr"], ["es"]):
        SpeakerFactory(application__presession=kenya, application__speaker_languages=languages)
    SpeakerFactory(
        application__presession=kenya,
        application__speaker_languages=["qu"],
        response=Response.DECLINED,
    )
    SpeakerFactory(
        application__presession=kenya,
        application__speaker_languages=["ar"],
        outcome=Outcome.WAITLISTED,
        waitlist_rank=1,
        response=Response.PENDING,
    )
    for languages in (["qu"], ["qu", "es"], ["en"]):
        SpeakerFactory(application__presession=uganda, application__speaker_languages=languages)
    return scheduling.prepare_timetable(series=series)


def interpretations(meetings) -> dict[str, tuple]:
    return {
        m.presession.country.code: (
            queries.meeting_interpretation(m).into_english_from,
            queries.meeting_interpretation(m).other_language_speakers,
            queries.meeting_interpretation(m).needs_simultaneous,
        )
        for m in meetings
    }


def test_meeting_interpretation_counts_the_active_speakers_only(table):
    meetings = Meeting.objects.select_related("presession")

    assert interpretations(meetings) == {
        "KE": (("fr", "es"), 0, False),
        "UG": (("es",), 1, False),
    }


def test_with_speaker_languages_says_the_same_as_reading_one_by_one(table):
    one_by_one = interpretations(Meeting.objects.select_related("presession"))

    at_once = interpretations(queries.with_speaker_languages(Meeting.objects.all()))

    assert at_once == one_by_one


def test_with_speaker_languages_reads_any_timetable_in_a_fixed_number_of_queries(
    table, django_assert_num_queries
):
    # The meetings with their Pre-sessions and panels, then their active speakers.
    with django_assert_num_queries(2):
        meetings = list(queries.with_speaker_languages(Meeting.objects.all()))
        [queries.meeting_interpretation(m) for m in meetings]

    assert len(meetings) == 2


def test_a_meeting_whose_presession_has_no_panel_needs_nothing(table):
    meeting = Meeting.objects.get(presession__country="KE")
    meeting.presession.panel.delete()

    read_with = queries.with_speaker_languages(Meeting.objects.filter(pk=meeting.pk)).get()

    assert queries.meeting_interpretation(read_with) == queries.meeting_interpretation(meeting)
    assert queries.meeting_interpretation(read_with).into_english_from == ()


def test_a_speaker_asking_for_arabic_needs_it_read_one_by_one_or_at_once(table):
    english = SpeakerFactory(
        application__presession=Meeting.objects.get(presession__country="UG").presession,
        application__speaker_languages=["en"],
        application__needs_interpretation=True,
        application__interpretation_details="De l'árabe",
    )
    one_by_one = Meeting.objects.select_related("presession").get(presession__country="UG")
    at_once = queries.with_speaker_languages(Meeting.objects.all()).get(presession__country="UG")

    for meeting in (one_by_one, at_once):
        interpretation = queries.meeting_interpretation(meeting)
        assert interpretation.from_other_languages == ("ar", "other")
        assert interpretation.other_language_speakers == 2  # Quechua, Arabic
    english.application.needs_interpretation = False
    english.application.save()
    assert queries.meeting_interpretation(one_by_one).from_other_languages == ("other",)
