"""What the public reads of a series' guide: its own texts first, then the default's; the
visitor's language, then English; the documents likewise."""

import pytest

from panels.guide import queries
from panels.models import PracticalGuide
from tests.documents import DOCX_BYTES, PDF_BYTES
from tests.factories import SeriesFactory
from tests.panels.guide.conftest import attach


def sections(series, language):
    return {s.topic: s.body for s in queries.series_guide(series, language).sections}


def test_series_without_a_guide_reads_the_default_in_its_language(series, default_guide):
    assert sections(series, "fr") == {
        "stay": default_guide.stay_fr,
        "accommodation": default_guide.accommodation_fr,
        "grounds_pass": default_guide.grounds_pass_fr,
        "room_rules": default_guide.room_rules_fr,
        "reprisals": default_guide.reprisals_fr,
    }


def test_section_titles_follow_the_topics_order(series, default_guide):
    guide = queries.series_guide(series, "en")

    assert [s.title for s in guide.sections] == [
        "Arrival and length of stay",
        "Accommodation and the Geneva Welcome Centre (CAGI)",
        "The UN grounds pass",
        "The rules of the room",
        "If you fear reprisals",
    ]


def test_series_guide_replaces_the_default_where_it_says_something(series, default_guide):
    PracticalGuide.objects.create(
        series=series, stay="Stay five nights.", stay_fr="Restez cinq nuits.", stay_es=""
    )

    fr, es = sections(series, "fr"), sections(series, "es")

    assert fr["stay"] == "Restez cinq nuits."
    # Spanish left empty in the series' guide: its English, not the default's Spanish.
    assert es["stay"] == "Stay five nights."
    assert fr["reprisals"] == default_guide.reprisals_fr


def test_empty_language_falls_back_to_english(series, default_guide):
    default_guide.room_rules_es = "  "
    default_guide.save()

    assert sections(series, "es")["room_rules"] == default_guide.room_rules


def test_other_series_guide_does_not_leak(series, default_guide):
    other = SeriesFactory(session__number=50)
    PracticalGuide.objects.create(series=other, stay="Only for series 50.")

    assert sections(series, "en")["stay"] == default_guide.stay


def test_topic_empty_everywhere_is_left_out(series, default_guide):
    default_guide.grounds_pass = default_guide.grounds_pass_fr = ""
    default_guide.save()

    assert "grounds_pass" not in sections(series, "fr")


def test_documents_come_from_the_series_guide_then_the_default(series, default_guide):
    attach(default_guide, "guide_file", PDF_BYTES, "pdf")
    attach(default_guide, "template_file", PDF_BYTES, "pdf")
    own = PracticalGuide.objects.create(series=series)
    attach(own, "template_file", DOCX_BYTES, "docx")

    documents = queries.series_guide(series, "en").documents

    assert [(d.slug, d.file_type, d.url) for d in documents] == [
        ("guide", "pdf", "/en/series/49/practical-information/guide/"),
        ("statement-template", "docx", "/en/series/49/practical-information/statement-template/"),
    ]
    file, kind, stem = queries.guide_document(series, "statement-template")
    assert (file.name, kind, stem) == (own.template_file.name, "docx",
                                       "presessions-49-statement-template")  # fmt: skip


def test_no_document_when_no_guide_has_one(series, default_guide):
    assert queries.series_guide(series, "en").documents == ()
    assert queries.guide_document(series, "guide") is None


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_series_guide_runs_one_query(series, default_guide, django_assert_num_queries, language):
    for number in range(50, 55):
        PracticalGuide.objects.create(series=SeriesFactory(session__number=number), stay="x")

    with django_assert_num_queries(1):
        queries.series_guide(series, language)
