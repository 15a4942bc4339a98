"""Staff write the practical guides in the admin: Coordinators edit them (the default one
and each series'), Reviewers read them; uploaded documents are checked like every upload
and stored under random names."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from panels.guide.topics import LANGUAGES, TOPIC_FIELDS, field_name
from panels.models import PracticalGuide
from tests.documents import DOCX_BYTES, PDF_BYTES, upload
from tests.factories import SeriesFactory


def form_data(guide: PracticalGuide | None = None, **changes):
    data = {
        field_name(topic, code): getattr(guide, field_name(topic, code)) if guide else ""
        for topic in TOPIC_FIELDS
        for code in LANGUAGES
    }
    return data | changes


def change_url(guide):
    return reverse("admin:panels_practicalguide_change", args=[guide.pk])


ADD = reverse("admin:panels_practicalguide_add")


def test_coordinator_edits_the_default_guide_in_three_languages(client, coordinator, default_guide):
    client.force_login(coordinator)

    response = client.post(
        change_url(default_guide),
        form_data(default_guide, stay="Stay four nights.", stay_fr="Restez quatre nuits.",
                  stay_es="Quédese cuatro noches."),
    )  # fmt: skip

    assert response.status_code == 302
    default_guide.refresh_from_db()
    assert (default_guide.stay, default_guide.stay_fr, default_guide.stay_es) == (
        "Stay four nights.", "Restez quatre nuits.", "Quédese cuatro noches."
    )  # fmt: skip
    assert default_guide.is_default and default_guide.series is None


def test_coordinator_writes_a_series_guide_with_its_documents(
    client, coordinator, series, default_guide
):
    client.force_login(coordinator)

    response = client.post(
        ADD,
        form_data(series=series.pk, reprisals="Call us.",
                  guide_file=upload("Our guide (draft 3).pdf", PDF_BYTES)),
    )  # fmt: skip

    assert response.status_code == 302
    guide = PracticalGuide.objects.get(series=series)
    assert guide.reprisals == "Call us."
    assert guide.guide_file_type == "pdf"
    assert guide.guide_file.name.startswith("panels/practicalguide/")
    assert guide.guide_file.name.endswith(".pdf")
    assert "guide" not in guide.guide_file.name.split("/")[-1]
    with guide.guide_file.open("rb") as stored:
        assert stored.read() == PDF_BYTES


def test_upload_that_is_not_a_document_is_refused(client, coordinator, series, default_guide):
    client.force_login(coordinator)

    response = client.post(
        ADD,
        form_data(series=series.pk, template_file=upload("template.pdf", b"<html>not</html>")),
    )

    assert response.status_code == 200
    assert "Please upload a PDF, Word (DOC or DOCX) or OpenDocument (ODT) file." in (
        response.content.decode()
    )
    assert not PracticalGuide.objects.filter(series=series).exists()


def test_coordinator_removes_a_document_and_its_stored_file(
    client, coordinator, series, default_guide, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    client.post(ADD, form_data(series=series.pk, guide_file=upload("g.pdf", PDF_BYTES)))
    guide = PracticalGuide.objects.get(series=series)
    stored, storage = guide.guide_file.name, guide.guide_file.storage

    with django_capture_on_commit_callbacks(execute=True):
        client.post(change_url(guide), form_data(guide, remove_guide_file="on"))

    guide.refresh_from_db()
    assert (guide.guide_file.name, guide.guide_file_type) == ("", "")
    assert not storage.exists(stored)


def test_replaced_document_is_deleted_from_the_storage(
    client, coordinator, series, default_guide, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    client.post(ADD, form_data(series=series.pk, template_file=upload("t.pdf", PDF_BYTES)))
    guide = PracticalGuide.objects.get(series=series)
    stored, storage = guide.template_file.name, guide.template_file.storage

    with django_capture_on_commit_callbacks(execute=True):
        client.post(change_url(guide), form_data(guide, template_file=upload("t.docx", DOCX_BYTES)))

    guide.refresh_from_db()
    assert (guide.template_file_type, storage.exists(stored)) == ("docx", False)
    assert storage.exists(guide.template_file.name)


def test_series_is_required_for_a_new_guide(client, coordinator, default_guide):
    client.force_login(coordinator)

    response = client.post(ADD, form_data(stay="No series."))

    assert response.status_code == 200
    assert PracticalGuide.objects.count() == 1


def test_default_guide_cannot_be_deleted(client, coordinator, default_guide):
    client.force_login(coordinator)

    response = client.get(reverse("admin:panels_practicalguide_delete", args=[default_guide.pk]))

    assert response.status_code == 403
    assert PracticalGuide.objects.filter(is_default=True).exists()


def test_reviewer_reads_but_does_not_edit(client, reviewer, default_guide):
    client.force_login(reviewer)

    page = client.get(change_url(default_guide))
    refused = client.post(change_url(default_guide), form_data(default_guide, stay="Changed."))

    assert page.status_code == 200 and "three to four nights" in page.content.decode()
    assert refused.status_code == 403
    default_guide.refresh_from_db()
    assert default_guide.stay != "Changed."
    assert client.get(ADD).status_code == 403


def test_staff_without_rights_do_not_see_the_guides(client, django_user_model, default_guide):
    user = django_user_model.objects.create_user("clerk", password="x", is_staff=True)
    client.force_login(user)

    assert client.get(change_url(default_guide)).status_code == 403


@pytest.mark.parametrize("count", [1, 12])
def test_guide_list_queries_do_not_grow(client, coordinator, default_guide, count):
    for number in range(50, 50 + count):
        PracticalGuide.objects.create(series=SeriesFactory(session__number=number), stay="x")
    client.force_login(coordinator)
    url = reverse("admin:panels_practicalguide_changelist")
    client.get(url)

    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert len(queries) == GUIDE_LIST


# The request's savepoint pair, the session, the user, the user's second-factor device,
# the user's permissions (two), the count with and without filters, the page (its series
# joined).
GUIDE_LIST = 10


def test_series_guide_form_shows_the_default_texts_it_falls_back_on(
    client, coordinator, default_guide
):
    default_guide.stay_es = "Quédese tres noches."
    default_guide.save()
    client.force_login(coordinator)

    page = client.get(ADD).content.decode()
    default_page = client.get(change_url(default_guide)).content.decode()

    assert 'placeholder="Quédese tres noches."' in page
    assert "Left empty: this guide's English text, or else the default guide's." in page
    assert 'placeholder="Quédese tres noches."' not in default_page
    assert ">\nQuédese tres noches.</textarea>" in default_page
