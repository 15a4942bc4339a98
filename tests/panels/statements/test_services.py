"""The statement services: who may hand one in, what is saved, and publication."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from panels.enums import Response, Sharing
from panels.models import Statement
from panels.statements import services
from tests.documents import DOCX_BYTES, upload
from tests.factories import (
    ApplicationFactory,
    MaterialFactory,
    PreSessionFactory,
    RecommendationFactory,
    SpeakerFactory,
    StatementFactory,
)

TWO = [
    services.RecommendationInput("Repeal the defamation law by 2028.", None, Sharing.NAMED),
    services.RecommendationInput("Release detained journalists now.", None, Sharing.PRIVATE),
]


def save(application, **overrides):
    arguments = {
        "application": application,
        "language": "en",
        "theme": None,
        "text": "Journalists are detained for their work.",
        "sharing": Sharing.NAMED,
        "recommendations": TWO,
    }
    arguments.update(overrides)
    return services.save_statement(**arguments)


def test_save_statement_stores_text_recommendations_and_document(speaker):
    statement = save(speaker)

    assert statement.position == 1
    assert [r.text for r in statement.recommendations.all()] == [
        "Repeal the defamation law by 2028.",
        "Release detained journalists now.",
    ]
    # Only the shared parts are searchable.
    assert statement.search_document == (
        "Journalists are detained for their work.\n\nRepeal the defamation law by 2028."
    )


def test_save_statement_stores_files_under_the_extension_of_their_detected_type(speaker):
    statement = save(
        speaker,
        file=upload("statement.hta", DOCX_BYTES),
        new_materials=[services.NewMaterial("Factsheet", Sharing.NAMED, upload("facts.exe"))],
    )

    assert statement.file.name.endswith(".docx")
    assert statement.materials.get().file.name.endswith(".pdf")
    # The name as uploaded is kept for staff only.
    assert (statement.file_name, statement.materials.get().file_name) == (
        "statement.hta",
        "facts.exe",
    )


def test_save_statement_numbers_statements_within_the_presession(speaker, presession):
    other = SpeakerFactory(application__presession=presession).application
    save(speaker)

    assert save(other).position == 2


def test_save_statement_refused_to_an_applicant_who_was_not_confirmed(presession):
    application = SpeakerFactory(
        application__presession=presession, response=Response.PENDING
    ).application

    with pytest.raises(ValidationError):
        save(application)
    assert not Statement.objects.exists()


def test_save_statement_refused_to_a_withdrawn_speaker(speaker):
    speaker.status = "withdrawn"
    speaker.save()

    with pytest.raises(ValidationError):
        save(speaker)


def test_save_statement_needs_two_or_three_recommendations(speaker):
    with pytest.raises(ValidationError):
        save(speaker, recommendations=TWO[:1])
    with pytest.raises(ValidationError):
        save(speaker, recommendations=TWO * 2)


def test_save_statement_needs_text_or_file(speaker):
    with pytest.raises(ValidationError):
        save(speaker, text="  ")

    statement = save(speaker, text="", file=upload("my-statement.pdf"))
    assert statement.file_name == "my-statement.pdf"
    assert not statement.file.name.endswith("my-statement.pdf")  # stored under a random name


def test_save_statement_replaces_the_recommendations(speaker):
    save(speaker)
    statement = save(
        speaker,
        recommendations=[
            services.RecommendationInput("Adopt a law.", None, Sharing.ANONYMOUS),
            services.RecommendationInput("End impunity.", None, Sharing.ANONYMOUS),
            services.RecommendationInput("Invite the rapporteur.", None, Sharing.ANONYMOUS),
        ],
    )

    assert list(statement.recommendations.values_list("position", "text")) == [
        (1, "Adopt a law."),
        (2, "End impunity."),
        (3, "Invite the rapporteur."),
    ]


def test_save_statement_adds_changes_and_removes_materials(speaker):
    statement = save(
        speaker,
        new_materials=[
            services.NewMaterial("Factsheet", Sharing.NAMED, upload("facts.pdf")),
            services.NewMaterial("Report", Sharing.PRIVATE, upload("report.docx")),
        ],
    )
    first, second = statement.materials.all()

    save(
        speaker,
        material_changes=[
            services.MaterialChange(first, "Factsheet 2026", Sharing.ANONYMOUS),
            services.MaterialChange(second, "", Sharing.PRIVATE, remove=True),
        ],
    )

    assert list(statement.materials.values_list("title", "sharing", "file_name")) == [
        ("Factsheet 2026", Sharing.ANONYMOUS, "facts.pdf")
    ]


def test_save_statement_refuses_a_material_of_another_statement(speaker, presession):
    other = MaterialFactory(statement__presession=presession)

    with pytest.raises(ValidationError):
        save(speaker, material_changes=[services.MaterialChange(other, "x", Sharing.NAMED)])


def test_save_statement_removes_the_search_markers_from_text(speaker):
    statement = save(speaker, text="Detention\ue000 of \x00journalists\ue001")

    assert statement.text == "Detention of journalists"


def test_published_statement_can_no_longer_be_changed(speaker):
    statement = save(speaker)
    Statement.objects.filter(pk=statement.pk).update(published_at=timezone.now())

    with pytest.raises(ValidationError):
        save(speaker, text="Changed")


def test_restrict_publication_withdraws_every_item(speaker):
    statement = StatementFactory(application=speaker, sharing=Sharing.NAMED)
    RecommendationFactory(statement=statement, sharing=Sharing.ANONYMOUS)
    MaterialFactory(statement=statement, sharing=Sharing.NAMED)

    services.restrict_publication(statement=statement, withdraw_all=True)

    statement.refresh_from_db()
    assert statement.sharing == Sharing.PRIVATE
    assert {r.sharing for r in statement.recommendations.all()} == {Sharing.PRIVATE}
    assert {m.sharing for m in statement.materials.all()} == {Sharing.PRIVATE}
    assert statement.search_document == ""


def test_restrict_publication_stops_naming_but_keeps_what_was_private(speaker):
    statement = StatementFactory(application=speaker, sharing=Sharing.NAMED)
    RecommendationFactory(statement=statement, position=1, sharing=Sharing.PRIVATE)
    RecommendationFactory(statement=statement, position=2, sharing=Sharing.NAMED)

    services.restrict_publication(statement=statement, withdraw_all=False)

    statement.refresh_from_db()
    assert statement.sharing == Sharing.ANONYMOUS
    assert list(statement.recommendations.values_list("sharing", flat=True)) == [
        Sharing.PRIVATE,
        Sharing.ANONYMOUS,
    ]


# Publication --------------------------------------------------------------------------


def test_publish_statements_publishes_those_of_a_series_that_took_place(past_series, coordinator):
    presession = PreSessionFactory(series=past_series)
    shared = StatementFactory(application__presession=presession, sharing=Sharing.NAMED)

    report = services.publish_statements(statements=Statement.objects.all(), by=coordinator)

    shared.refresh_from_db()
    assert report == services.PublicationReport(1, 0, 0, 0)
    assert shared.published_by == coordinator
    assert shared.published_at is not None


def test_publish_statements_waits_for_the_series_to_take_place(presession, coordinator):
    statement = StatementFactory(application__presession=presession, sharing=Sharing.NAMED)

    report = services.publish_statements(statements=Statement.objects.all(), by=coordinator)

    statement.refresh_from_db()
    assert report == services.PublicationReport(0, 1, 0, 0)
    assert statement.published_at is None


def test_publish_statements_skips_statements_with_nothing_shared(past_series, coordinator):
    presession = PreSessionFactory(series=past_series)
    statement = StatementFactory(application__presession=presession, sharing=Sharing.PRIVATE)
    RecommendationFactory(statement=statement, sharing=Sharing.PRIVATE)

    report = services.publish_statements(statements=Statement.objects.all(), by=coordinator)

    assert report == services.PublicationReport(0, 0, 1, 0)


def test_publish_statements_counts_those_already_published(past_series, coordinator):
    presession = PreSessionFactory(series=past_series)
    earlier = timezone.now() - dt.timedelta(days=2)
    statement = StatementFactory(
        application__presession=presession, sharing=Sharing.NAMED, published_at=earlier
    )

    report = services.publish_statements(statements=Statement.objects.all(), by=coordinator)

    statement.refresh_from_db()
    assert report == services.PublicationReport(0, 0, 0, 1)
    assert statement.published_at == earlier


def test_unpublish_statements(past_series):
    presession = PreSessionFactory(series=past_series)
    statement = StatementFactory(
        application=ApplicationFactory(presession=presession),
        sharing=Sharing.NAMED,
        published_at=timezone.now(),
    )

    assert services.unpublish_statements(statements=Statement.objects.all()) == 1
    statement.refresh_from_db()
    assert statement.published_at is None
