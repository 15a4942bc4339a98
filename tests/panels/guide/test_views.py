"""The public pages of the guide: a series' practical information in the visitor's
language, its documents under neutral names, and how the Pre-sessions work."""

import pytest
from django.urls import reverse
from django.utils import translation

from panels.models import PracticalGuide
from tests.documents import DOCX_BYTES, PDF_BYTES
from tests.factories import SeriesFactory
from tests.panels.guide.conftest import attach
from tests.query_counts import settled_queries_of


def guide_page(language, number=49):
    with translation.override(language):
        return reverse("panels:guide", args=[number])


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "approximately three to four nights"),
        ("fr", "environ trois à quatre nuits"),
        ("es", "unas tres o cuatro noches"),
    ],
)
def test_guide_page_is_in_the_visitors_language(client, series, default_guide, language, words):
    page = client.get(guide_page(language)).content.decode()

    assert f'<html lang="{language}">' in page
    assert words in page


def test_guide_page_shows_paragraphs_and_links_addresses(client, series, default_guide):
    page = client.get(guide_page("en")).content.decode()

    assert "<p>Recording and photography are not permitted during the Pre-sessions.</p>" in page
    assert '<a href="mailto:presessions@upr-info.org">presessions@upr-info.org</a>' in page


def test_guide_page_escapes_what_staff_wrote(client, series, default_guide):
    PracticalGuide.objects.create(series=series, stay='<script>alert("x")</script>')

    page = client.get(guide_page("en")).content.decode()

    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_guide_page_of_another_series_shows_its_own_guide(client, series, default_guide):
    PracticalGuide.objects.create(series=series, stay="Series 49 stay.")
    SeriesFactory(session__number=50)

    page = client.get(guide_page("en", 50)).content.decode()

    assert "Series 49 stay." not in page
    assert "three to four nights" in page


def test_guide_page_of_an_unknown_series_is_not_found(client, db):
    assert client.get(guide_page("en", 999)).status_code == 404


def test_series_page_links_the_guide(client, series):
    page = client.get(reverse("series-detail", args=[49])).content.decode()

    assert f'href="{guide_page("en")}"' in page


@pytest.mark.parametrize(
    ("slug", "field", "content", "kind", "name", "content_type"),
    [
        ("guide", "guide_file", PDF_BYTES, "pdf", "presessions-49-guide.pdf", "application/pdf"),
        ("statement-template", "template_file", DOCX_BYTES, "docx",
         "presessions-49-statement-template.docx",
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ],
)  # fmt: skip
def test_document_is_downloaded_under_a_neutral_name(
    client, series, default_guide, slug, field, content, kind, name, content_type
):
    attach(default_guide, field, content, kind)

    response = client.get(reverse("panels:guide-document", args=[49, slug]))

    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == content


def test_guide_page_links_its_documents(client, series, default_guide):
    attach(default_guide, "template_file", DOCX_BYTES, "docx")

    page = client.get(guide_page("fr")).content.decode()

    assert '<a href="/fr/series/49/practical-information/statement-template/" download>' in page
    assert "/practical-information/guide/" not in page


@pytest.mark.parametrize("slug", ["guide", "statement-template", "other"])
def test_missing_document_is_not_found(client, series, default_guide, slug):
    assert client.get(reverse("panels:guide-document", args=[49, slug])).status_code == 404


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_how_it_works_page_tells_the_format(client, db, language):
    with translation.override(language):
        url = reverse("panels:how-it-works")

    page = client.get(url).content.decode()

    assert f'<html lang="{language}">' in page
    assert f'href="{url}"' in page  # the site's navigation links it
    with translation.override(language):
        for words in (
            "Each speaker has 5 to 7 minutes to deliver their presentation.",
            "Languages and interpretation",
        ):
            assert translation.gettext(words) in page


# The series, the guides (its own and the default) in one query.
GUIDE_PAGE = 2


def test_guide_page_queries_do_not_grow(client, series, default_guide):
    attach(default_guide, "guide_file", PDF_BYTES, "pdf")
    first = settled_queries_of(client, guide_page("en"))
    for number in range(50, 60):
        PracticalGuide.objects.create(series=SeriesFactory(session__number=number), stay="x")
    PracticalGuide.objects.create(series=series, stay="Own stay.")

    assert (first, settled_queries_of(client, guide_page("en"))) == (GUIDE_PAGE, GUIDE_PAGE)


def test_how_it_works_page_runs_no_query(client, db):
    assert settled_queries_of(client, reverse("panels:how-it-works")) == 0
