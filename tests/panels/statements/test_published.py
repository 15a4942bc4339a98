"""What the public sees of statements: consent and anonymity in every combination,
enforced where the public pages read, whatever staff did."""

import html
import itertools
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.access import make_token
from panels.enums import Sharing
from panels.models import Statement
from tests.authored_documents import docx_by, names, pdf_by
from tests.documents import upload
from tests.factories import (
    MaterialFactory,
    PreSessionFactory,
    RecommendationFactory,
    SpeakerFactory,
    StatementFactory,
)

ORGANISATION = "Haki Watch"
# As uploaded: names that give the organisation away, and files whose metadata does.
STATEMENT_UPLOAD = "HakiWatch_statement_final.pdf"
MATERIAL_UPLOAD = "HakiWatch_factsheet.docx"
PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def kenya(past_series):
    return PreSessionFactory(series=past_series, country="KE")


def make_statement(presession, statement, recommendation, material, *, published=True):
    application = SpeakerFactory(
        application__presession=presession,
        application__organisation_name=ORGANISATION,
        application__organisation_country="KE",
    ).application
    row = StatementFactory(
        application=application,
        position=1,
        text="Journalists face arbitrary detention in Nairobi.",
        sharing=statement,
        published_at=timezone.now() if published else None,
        file=upload(STATEMENT_UPLOAD, pdf_by(ORGANISATION)),
        file_name=STATEMENT_UPLOAD,
    )
    RecommendationFactory(
        statement=row, position=1, text="Repeal the sedition law by 2028.", sharing=recommendation
    )
    MaterialFactory(
        statement=row,
        position=1,
        title="Detention factsheet",
        sharing=material,
        file=upload(MATERIAL_UPLOAD, docx_by(ORGANISATION)),
        file_name=MATERIAL_UPLOAD,
    )
    return row


def pages(client):
    """Every public page that could show the statement, as one text."""
    urls = [
        reverse("panels:statements"),
        reverse("panels:statements") + "?q=sedition",
        reverse("panels:statements") + "?q=Nairobi",
        reverse("panels:country-statements", args=[48, "ken"]),
        reverse("panels:recommendations"),
        reverse("panels:statement-feed"),
        reverse("panels:statement", args=[48, "ken", 1]),
    ]
    return {url: client.get(url) for url in urls}


def download(client, url):
    """The status, the headers that name and type the file, and the bytes of a download
    (read whole, so that it is closed)."""
    response = client.get(url)
    if not response.streaming:
        return response.status_code, "", "", b""
    content = b"".join(response.streaming_content)
    return response.status_code, response["Content-Disposition"], response["Content-Type"], content


def preview(client, application) -> str:
    """The speaker's preview of the public page, on their private page."""
    page = client.get(reverse("panels:private", args=[make_token(application)]))
    match = re.search(
        r'<div class="statement-preview[^"]*">(.*?)</div>\s*</section>', page.content.decode(), re.S
    )
    return html.unescape(match.group(1)) if match else ""


COMBINATIONS = list(itertools.product(Sharing.values, repeat=3))


@pytest.mark.parametrize(("statement", "recommendation", "material"), COMBINATIONS)
def test_public_pages_show_only_what_was_shared(client, kenya, statement, recommendation, material):
    row = make_statement(kenya, statement, recommendation, material)
    shared = {
        "statement": statement != Sharing.PRIVATE,
        "recommendation": recommendation != Sharing.PRIVATE,
        "material": material != Sharing.PRIVATE,
    }
    anything = any(shared.values())
    named = anything and Sharing.ANONYMOUS not in (statement, recommendation, material)

    responses = pages(client)
    everything = "".join(r.content.decode() for r in responses.values())
    detail = responses[reverse("panels:statement", args=[48, "ken", 1])]

    assert detail.status_code == (200 if anything else 404)
    assert ("Journalists face arbitrary detention" in everything) == shared["statement"]
    assert ("Repeal the sedition law" in everything) == shared["recommendation"]
    assert ("Detention factsheet" in everything) == shared["material"]
    # The name appears only if every published item allows it.
    assert (ORGANISATION in everything) == named
    assert ("n organisation from Kenya" in everything) == (anything and not named)

    # Files: under neutral names only, and without the author's details unless named.
    for uploaded in (STATEMENT_UPLOAD, MATERIAL_UPLOAD, "HakiWatch"):
        assert uploaded not in everything
    assert ("presession-48-KEN-statement-1.pdf" in detail.content.decode()) == shared["statement"]
    assert ("presession-48-KEN-statement-1-material-1.docx" in detail.content.decode()) == (
        shared["material"]
    )
    status, disposition, kind, content = download(
        client, reverse("panels:statement-file", args=[48, "ken", 1])
    )
    assert status == (200 if shared["statement"] else 404)
    if shared["statement"]:
        assert disposition == 'attachment; filename="presession-48-KEN-statement-1.pdf"'
        assert kind == PDF_TYPE
        assert content.startswith(b"%PDF-")
        assert names(content, ORGANISATION) == named
    status, disposition, kind, content = download(
        client, reverse("panels:statement-material", args=[48, "ken", 1, 1])
    )
    assert status == (200 if shared["material"] else 404)
    if shared["material"]:
        assert disposition == 'attachment; filename="presession-48-KEN-statement-1-material-1.docx"'
        assert kind == DOCX_TYPE
        assert names(content, ORGANISATION) == named

    # The speaker's preview shows exactly what the public sees, the name included.
    seen = preview(client, row.application)
    assert bool(seen) == anything
    if anything:
        assert seen.strip() in html.unescape(detail.content.decode())
        assert (ORGANISATION in seen) == named
        assert ("Repeal the sedition law" in seen) == shared["recommendation"]
        assert "HakiWatch" not in seen

    search_statement = responses[reverse("panels:statements") + "?q=Nairobi"].content.decode()
    search_recommendation = responses[reverse("panels:statements") + "?q=sedition"]
    assert ('href="/en/statements/48/ken/1/"' in search_statement) == shared["statement"]
    assert ('href="/en/statements/48/ken/1/"' in search_recommendation.content.decode()) == (
        shared["recommendation"]
    )


def test_unpublished_statement_shows_nothing_even_when_everything_is_shared(client, kenya):
    make_statement(kenya, Sharing.NAMED, Sharing.NAMED, Sharing.NAMED, published=False)

    responses = pages(client)
    everything = "".join(r.content.decode() for r in responses.values())

    assert responses[reverse("panels:statement", args=[48, "ken", 1])].status_code == 404
    assert "Journalists face" not in everything
    assert "Repeal the sedition law" not in everything
    assert ORGANISATION not in everything
    assert (
        client.get(reverse("panels:statement-material", args=[48, "ken", 1, 1])).status_code == 404
    )


def test_filter_by_organisation_never_finds_anonymous_statements(client, kenya, past_series):
    make_statement(kenya, Sharing.ANONYMOUS, Sharing.NAMED, Sharing.PRIVATE)
    named = PreSessionFactory(series=past_series, country="UG")
    StatementFactory(
        application__presession=named,
        application__organisation_name=ORGANISATION,
        sharing=Sharing.NAMED,
        published_at=timezone.now(),
        position=1,
        text="Uganda statement.",
    )

    page = client.get(reverse("panels:statements"), {"organisation": "haki watch"})

    assert page.context["page"].paginator.count == 1
    assert [s.country.code for s in page.context["page"].object_list] == ["UG"]


def test_feed_parses_as_atom_with_the_newest_statement_first(client, kenya, past_series):
    make_statement(kenya, Sharing.NAMED, Sharing.NAMED, Sharing.PRIVATE)
    newer = PreSessionFactory(series=past_series, country="UG")
    StatementFactory(
        application__presession=newer,
        application__organisation_name="Uganda Voices",
        application__organisation_country="UG",
        sharing=Sharing.ANONYMOUS,
        published_at=timezone.now() + timezone.timedelta(minutes=1),
        position=1,
        text="Uganda statement.",
    )

    response = client.get(reverse("panels:statement-feed"))

    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 - our own response
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == [
        "Uganda: statement by an organisation from Uganda",
        "Kenya: statement by Haki Watch",
    ]
    assert entries[1].find(f"{ATOM}link").get("href") == "http://testserver/en/statements/48/ken/1/"
    assert entries[1].find(f"{ATOM}summary").text == (
        "Journalists face arbitrary detention in Nairobi."
    )
    assert "Uganda Voices" not in response.content.decode()


def test_feed_summaries_are_text_for_feed_readers(client, kenya):
    statement = make_statement(kenya, Sharing.NAMED, Sharing.NAMED, Sharing.PRIVATE)
    statement.text = "<script>alert(1)</script> & more"
    statement.save()

    feed = ET.fromstring(client.get(reverse("panels:statement-feed")).content)  # noqa: S314

    summary = feed.find(f"{ATOM}entry/{ATOM}summary")
    assert summary.get("type") == "html"
    # Decoded once by the XML parser, it is still escaped HTML: a reader shows text.
    assert summary.text == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"


@pytest.mark.parametrize(("statement", "recommendation", "material"), COMBINATIONS)
@pytest.mark.parametrize("language", ["en", "fr"])
def test_lists_read_as_plain_values_show_exactly_what_the_model_rows_show(
    kenya, theme, statement, recommendation, material, language
):
    from django.utils import translation

    from panels.statements import published, search

    row = make_statement(kenya, statement, recommendation, material)
    row.theme = theme
    row.save()
    rows = published.statements()
    searched = search.with_passages(search.search(rows, "journalists detent"), "detent")

    with translation.override(language):
        for queryset, words in [(rows, ""), (searched, "detent")]:
            light = published.public_page(published.light_rows(queryset), words=words)
            full = published.public_page(list(queryset), words=words)
            assert light == full


@pytest.mark.parametrize(("statement", "recommendation", "material"), COMBINATIONS)
@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_page_read_in_one_query_shows_exactly_what_the_model_rows_show(
    kenya, theme, statement, recommendation, material, language
):
    from django.utils import translation

    from panels.statements import published, search

    # Another statement, and one never published: ids that show nothing are left out.
    other = make_statement(kenya, Sharing.NAMED, Sharing.PRIVATE, Sharing.PRIVATE)
    Statement.objects.filter(pk=other.pk).update(position=2)
    unpublished = make_statement(
        kenya, Sharing.NAMED, Sharing.NAMED, Sharing.NAMED, published=False
    )
    Statement.objects.filter(pk=unpublished.pk).update(position=3)
    row = make_statement(kenya, statement, recommendation, material)
    row.theme = theme
    row.save()
    rows = published.statements()
    searched = search.with_passages(search.search(rows, "journalists detent"), "detent")
    ids = [other.pk, unpublished.pk, row.pk]

    with translation.override(language):
        for queryset, words in [(rows, ""), (searched, "detent")]:
            by_pk = {model.pk: model for model in queryset}
            # A search's ids are those it found; a list's may be any.
            asked = [pk for pk in ids if pk in by_pk] if words else ids
            full = published.public_page([by_pk[pk] for pk in ids if pk in by_pk], words=words)
            assert published.public_statements(asked, words=words) == full


def test_a_page_read_in_one_query_keeps_the_publication_time(kenya):
    from panels.statements import published

    row = make_statement(kenya, Sharing.NAMED, Sharing.NAMED, Sharing.NAMED)

    (shown,) = published.public_statements([row.pk])

    assert shown.published_at == Statement.objects.get(pk=row.pk).published_at
    assert shown.published_at.tzinfo is not None


@pytest.mark.parametrize(("statement", "recommendation", "material"), COMBINATIONS)
@pytest.mark.parametrize("language", ["en", "es"])
def test_recommendations_read_as_plain_values_show_exactly_what_the_model_rows_show(
    kenya, theme, statement, recommendation, material, language
):
    from django.utils import translation

    from panels.models import Recommendation
    from panels.statements import published

    row = make_statement(kenya, statement, recommendation, material)
    Recommendation.objects.filter(statement=row).update(theme=theme)
    rows = published.recommendations()

    with translation.override(language):
        light = published.public_recommendations(published.light_recommendation_rows(rows))
        full = published.public_recommendations(list(rows))
    assert light == full
    assert len(full) == (1 if recommendation in published.SHARED else 0)


@pytest.mark.parametrize(("statement", "recommendation", "material"), COMBINATIONS)
@pytest.mark.parametrize("language", ["en", "fr"])
def test_recommendations_read_in_one_query_show_exactly_what_the_model_rows_show(
    kenya, theme, statement, recommendation, material, language
):
    from django.utils import translation

    from panels.models import Recommendation
    from panels.statements import published

    # A recommendation of a statement never published, and a private one: left out.
    hidden = make_statement(kenya, Sharing.NAMED, Sharing.NAMED, Sharing.NAMED, published=False)
    Statement.objects.filter(pk=hidden.pk).update(position=2)
    row = make_statement(kenya, statement, recommendation, material)
    private = RecommendationFactory(statement=row, position=2, sharing=Sharing.PRIVATE)
    Recommendation.objects.filter(statement=row).update(theme=theme)
    shown = list(published.recommendations())
    ids = [
        *Recommendation.objects.filter(statement=hidden).values_list("pk", flat=True),
        private.pk,
        *Recommendation.objects.filter(statement=row, position=1).values_list("pk", flat=True),
    ]

    with translation.override(language):
        full = published.public_recommendations(shown)
        assert published.public_recommendation_rows(ids) == full
    assert len(full) == (1 if recommendation in published.SHARED else 0)


@pytest.mark.parametrize(("statement", "recommendation", "material"), COMBINATIONS)
@pytest.mark.parametrize("language", ["en", "es"])
def test_a_statement_read_in_two_queries_shows_exactly_what_the_model_rows_show(
    kenya, theme, statement, recommendation, material, language
):
    from django.utils import translation

    from panels.enums import MatchStatus
    from panels.models import Recommendation
    from panels.statements import published
    from tests.factories import RecommendationMatchFactory, UPRRecommendationFactory

    row = make_statement(kenya, statement, recommendation, material)
    first = Recommendation.objects.get(statement=row)
    first.theme = theme
    first.save()
    second = RecommendationFactory(statement=row, position=2, sharing=Sharing.NAMED)
    # Matches: confirmed from two States (one response each), one only proposed.
    for state, response, status in [
        ("DE", "supported", MatchStatus.CONFIRMED),
        ("FR", "noted", MatchStatus.CONFIRMED),
        ("BR", "noted", MatchStatus.PROPOSED),
    ]:
        for item in (first, second):
            RecommendationMatchFactory(
                recommendation=item,
                upr_recommendation=UPRRecommendationFactory(
                    recommending_state=state, response=response
                ),
                status=status,
            )
    MaterialFactory(statement=row, position=2, title="", sharing=Sharing.ANONYMOUS)
    number = kenya.series.session.number
    model_row = published._with_items(published._one(number, "KE", 1)).first()

    with translation.override(language):
        full = published._detail(model_row, links=True)
        assert published.statement_detail(number, "KE", 1) == full
    assert published.statement_detail(number, "KE", 9) is None


@pytest.mark.parametrize("number", [None, "", "1", "2", "3", "4", "99", "0", "-1", "2.0", "two"])
def test_a_counted_page_is_the_page_django_gives(kenya, number, django_assert_num_queries):
    from django.core.paginator import Paginator

    from panels.statements import published

    for position in range(1, 6):
        make_statement(kenya, Sharing.NAMED, Sharing.NAMED, Sharing.NAMED)
        Statement.objects.filter(position=1).update(position=position + 1)
    ordered = Statement.objects.order_by("-pk")
    expected = Paginator(ordered.values_list("pk", flat=True), 2).get_page(number)

    # Not counted yet: the page's ids come with the count, in one query, unless the page
    # asked for is past the last (then counted, and the last page read: three), or below
    # the first, which Django also takes for the last (counted, then read: two).
    queries = {"4": 3, "99": 3, "0": 2, "-1": 2}.get(number, 1)
    with django_assert_num_queries(queries):
        page, ids = published._counted_page(
            published._listed(ordered), f"test-count:{number}", number, 2
        )
    # Counted: the page's ids alone.
    with django_assert_num_queries(1):
        again, again_ids = published._counted_page(
            published._listed(ordered), f"test-count:{number}", number, 2
        )

    for found, found_ids in [(page, ids), (again, again_ids)]:
        assert found.paginator.count == expected.paginator.count == 5
        assert found.number == expected.number
        assert found_ids == list(expected.object_list)


@pytest.mark.parametrize(("number", "queries"), [(None, 1), ("3", 2)])
def test_a_counted_page_of_nothing_is_an_empty_first_page(
    db, number, queries, django_assert_num_queries
):
    from panels.statements import published

    rows = Statement.objects.order_by("pk")
    with django_assert_num_queries(queries):
        page, ids = published._counted_page(published._listed(rows), f"none:{number}", number, 20)

    assert (page.number, page.paginator.count, ids) == (1, 0, [])


@pytest.mark.parametrize("name", ["statements", "recommendations"])
@pytest.mark.parametrize(
    "filtering",
    [
        (),
        ("series",),
        ("country",),
        ("theme",),
        ("series", "theme"),
        ("series", "country", "theme"),
    ],
)
def test_a_list_compiled_once_per_filtering_is_the_list_compiled_each_time(db, name, filtering):
    from panels.statements import published

    values = {"series": 101, "country": "KE", "theme": 7}
    filters = published.Filters(**{field: values[field] for field in filtering})
    compiled = published._listed(published._LISTS[name](filters))

    assert published._shaped(name, filtering) is not None  # compiled once, then reused
    listed = published._listed_as_filtered(name, filters)
    for query, expected in [(listed.ids, compiled.ids), (listed.counted, compiled.counted)]:
        assert query is not None and expected is not None
        assert query[0] == expected[0]
        assert published._typed(query[1]) == published._typed(expected[1])


def test_a_search_or_an_organisation_is_compiled_each_time(db):
    from panels.statements import published

    for filters in [published.Filters(text="detention"), published.Filters(organisation="x")]:
        expected = published._listed(published._LISTS["statements"](filters))
        assert published._listed_as_filtered("statements", filters).ids == expected.ids


def test_a_list_django_knows_to_be_empty_is_an_empty_first_page(db, django_assert_num_queries):
    from panels.statements import published

    listed = published._listed(Statement.objects.none())
    with django_assert_num_queries(0):
        page, ids = published._counted_page(listed, "nothing", "2", 20)

    assert (listed.ids, page.number, page.paginator.count, ids) == (None, 1, 0, [])


@pytest.mark.parametrize("series", [2**15, 10**30])
def test_a_series_beyond_its_column_is_compiled_each_time_and_finds_nothing(db, series):
    from panels.statements import published

    filters = published.Filters(series=series)
    assert not published._in_range(filters)
    for page in [
        published.statement_page(filters, None, 20),
        published.recommendation_page(filters, None, 20),
    ]:
        assert (page.paginator.count, page.object_list) == (0, [])


@pytest.mark.parametrize("number", [None, "2", "3", "4", "-1", "x"])
def test_every_recommendation_is_paged_from_their_ids_held_in_order(
    kenya, number, django_assert_num_queries
):
    from django.core.paginator import Paginator

    from panels.statements import published

    for position in range(1, 4):
        row = make_statement(kenya, Sharing.NAMED, Sharing.NAMED, Sharing.NAMED)
        Statement.objects.filter(pk=row.pk).update(position=position + 1)
        RecommendationFactory(statement=row, position=2, text="Also", sharing=Sharing.ANONYMOUS)
        RecommendationFactory(statement=row, position=3, text="No", sharing=Sharing.PRIVATE)
    rows = published.recommendations()
    expected = Paginator(rows, 2).get_page(number)

    # The ids of every recommendation in order once per version, then the page's rows.
    with django_assert_num_queries(2):
        page = published.recommendation_page(published.Filters(), number, 2)
    with django_assert_num_queries(1):
        again = published.recommendation_page(published.Filters(), number, 2)

    shown = published.public_recommendations(list(expected.object_list))
    for found in [page, again]:
        assert (found.number, found.paginator.count) == (expected.number, 6)
        assert found.object_list == shown


def test_the_recommendations_of_one_series_country_or_theme_are_paged_from_ids_held(
    kenya, past_series, django_assert_num_queries
):
    from django.core.paginator import Paginator

    from panels.statements import published
    from presessions.models import Theme

    health, education = Theme.objects.order_by("pk")[:2]
    uganda = PreSessionFactory(series=past_series, country="UG")
    for position, (presession, theme) in enumerate(
        [(kenya, health), (uganda, education), (kenya, education), (uganda, None)], start=2
    ):
        row = make_statement(presession, Sharing.NAMED, Sharing.NAMED, Sharing.NAMED)
        Statement.objects.filter(pk=row.pk).update(position=position)
        RecommendationFactory(
            statement=row, position=2, text="Also", theme=theme, sharing=Sharing.ANONYMOUS
        )
        RecommendationFactory(statement=row, position=3, theme=theme, sharing=Sharing.PRIVATE)
    published.recommendation_page(published.Filters(), None, 2)  # the ids held
    cases = [
        published.Filters(series=48),
        published.Filters(series=47),
        published.Filters(country="KE"),
        published.Filters(country="UG"),
        published.Filters(country="FR"),
        published.Filters(theme=health.pk),
        published.Filters(theme=education.pk),
        published.Filters(theme=2**40),
    ]
    for filters in cases:
        rows = published.filter_recommendations(published.recommendations(), filters)
        for number in [None, "2", "3", "9", "x"]:
            expected = Paginator(rows, 2).get_page(number)

            # Only the page's rows: the ids and their count are those held.
            with django_assert_num_queries(1 if expected.object_list else 0):
                page = published.recommendation_page(filters, number, 2)

            assert (page.number, page.paginator.count) == (
                expected.number,
                expected.paginator.count,
            ), filters
            assert page.object_list == published.public_recommendations(list(expected.object_list))
    counts = [published.recommendation_page(filters, None, 20).paginator.count for filters in cases]
    assert counts == [8, 0, 4, 4, 0, 1, 2, 0]


def test_the_ids_held_by_the_release_before_are_not_read(kenya):
    from array import array

    from panels.statements import page_cache, published

    make_statement(kenya, Sharing.NAMED, Sharing.NAMED, Sharing.NAMED)
    # What the release before kept: every recommendation's id, alone.
    page_cache.cached_value("recommendation-ids", lambda: array("q", [1]), per_language=False)

    page = published.recommendation_page(published.Filters(), None, 20)

    assert page.paginator.count == 1
    assert page.object_list[0].text == "Repeal the sedition law by 2028."


def test_the_recommendations_of_two_filters_are_found_by_the_database(kenya):
    from panels.statements import published

    make_statement(kenya, Sharing.NAMED, Sharing.NAMED, Sharing.NAMED)

    assert published._held_recommendation_ids(published.Filters(series=48, country="KE")) is None
    assert len(published._held_recommendation_ids(published.Filters(series=48))) == 1
    page = published.recommendation_page(published.Filters(series=48, country="KE"), None, 20)
    assert page.paginator.count == 1


@pytest.mark.parametrize("number", [None, "2", "3", "4", "-1", "x", "002"])
def test_every_statement_is_paged_from_their_ids_held_in_order(
    kenya, number, django_assert_num_queries
):
    from django.core.paginator import Paginator

    from panels.statements import published

    for position in range(1, 6):
        row = make_statement(kenya, Sharing.NAMED, Sharing.NAMED, Sharing.NAMED)
        Statement.objects.filter(pk=row.pk).update(position=position + 1)
    hidden = make_statement(kenya, Sharing.PRIVATE, Sharing.PRIVATE, Sharing.PRIVATE)
    Statement.objects.filter(pk=hidden.pk).update(position=9)
    rows = published._listed_statements(published.Filters())
    expected = Paginator(list(rows.values_list("pk", flat=True)), 2).get_page(number)

    # The ids of every statement in order once per version, then the page's rows.
    with django_assert_num_queries(2):
        page = published.statement_page(published.Filters(), number, 2)
    with django_assert_num_queries(1):
        again = published.statement_page(published.Filters(), number, 2)

    shown = published.public_statements(list(expected.object_list))
    for found in [page, again]:
        assert (found.number, found.paginator.count) == (expected.number, 5)
        assert found.object_list == shown
        assert 9 not in [statement.position for statement in found.object_list]


@pytest.mark.parametrize(("number", "position"), [(2**63, 1), (1, 2**63), (2**15, 1), (-1, 1)])
def test_a_statement_beyond_its_columns_is_not_found(client, kenya, number, position):
    from panels.statements import published

    make_statement(kenya, Sharing.NAMED, Sharing.NAMED, Sharing.NAMED)

    assert published.statement_detail(number, "KE", position) is None
    if number >= 0:
        assert client.get(f"/en/statements/{number}/ken/{position}/").status_code == 404


def test_the_three_letters_of_every_country_are_django_countries():
    from django_countries import countries
    from django_countries.fields import Country

    from panels.statements.published import alpha3_of

    assert [alpha3_of(code) for code, _name in countries] == [
        Country(code).alpha3 for code, _name in countries
    ]
