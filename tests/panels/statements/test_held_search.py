"""A search's page found in the index that each process holds (held_search, PostgreSQL):
the page the database finds, for every page number and with a series or a country;
held for one version of the lists, so that a publication or a withdrawal is seen by the
next search; and what a page shows is read from the database, published and shared."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from panels.enums import Sharing
from panels.models import Statement
from panels.statements import held_search, page_cache, published, services
from tests.factories import PreSessionFactory, RecommendationFactory, StatementFactory

pytestmark = pytest.mark.postgres


@pytest.fixture
def archive(past_series, series):
    """Fourteen statements about detention, in two series and two countries, some more
    about it than others, some published at the same time."""
    now = timezone.now()
    places = [
        PreSessionFactory(series=chosen, country=code)
        for chosen in (past_series, series)
        for code in ("KE", "UG")
    ]
    statements = []
    for position in range(1, 15):
        statement = StatementFactory(
            application__presession=places[position % 4],
            application__organisation_name=f"Organisation {position}",
            position=position,
            text="Detention of journalists. " + "Detention. " * (position % 3),
            sharing=Sharing.NAMED if position % 5 else Sharing.ANONYMOUS,
            published_at=now - dt.timedelta(hours=position // 2),
        )
        RecommendationFactory(
            statement=statement, position=1, text="Release them.", sharing=Sharing.NAMED
        )
        statements.append(statement)
    return statements


def found_by_the_database(filters, number, per_page):
    listed = published._listed_as_filtered("statements", filters)
    page, ids = published._counted_page(listed, f"count:{filters!r}", number, per_page)
    return page.number, page.paginator.count, ids


def found_here(filters, number, per_page):
    searched = published._found_in_index(filters, number, per_page)
    assert searched is not None
    return searched.page.number, searched.page.paginator.count, searched.ids


@pytest.mark.parametrize(
    "filters",
    [
        published.Filters(text="detention"),
        published.Filters(text="detention journ"),
        published.Filters(text="journalists", series=48),
        published.Filters(text="detent", country="UG"),
        published.Filters(text="detention", series=49, country="KE"),
        published.Filters(text="detention", series=7),
        published.Filters(text="nothing"),
    ],
    ids=repr,
)
@pytest.mark.parametrize("number", [None, "1", "2", "4", "5", "99", "last", "-1", "x"])
def test_a_search_finds_the_page_that_the_database_finds(archive, filters, number):
    cache.clear()
    expected = found_by_the_database(filters, number, 3)

    assert found_here(filters, number, 3) == expected


def test_a_stale_index_never_shows_a_withdrawn_statement(client, archive, monkeypatch):
    stale = held_search.read(published._listed_statements(published.Filters()))
    withdrawn = archive[0]
    services.restrict_publication(statement=withdrawn, withdraw_all=True)
    # As if this process still held the index of the lists before the withdrawal.
    monkeypatch.setattr(page_cache, "held_value", lambda name, build: stale)

    page = published.statement_page(published.Filters(text="detention"), None, 20)

    assert withdrawn.pk in stale.ids.tolist()
    assert "Organisation 1" not in {s.named_organisation for s in page.object_list}
    assert len(page.object_list) == 13


def test_the_next_search_sees_a_publication_and_a_withdrawal(client, archive, coordinator):
    url = reverse("panels:statements")
    before = client.get(url, {"q": "detention"}).context["page"].paginator.count
    StatementFactory(
        application__presession=archive[0].application.presession,
        position=99,
        text="Detention, once more.",
        sharing=Sharing.NAMED,
    )
    services.publish_statements(statements=Statement.objects.filter(position=99), by=coordinator)
    added = client.get(url, {"q": "detention"}).context["page"].paginator.count
    services.restrict_publication(statement=archive[1], withdraw_all=True)
    after = client.get(url, {"q": "detention"}).content.decode()

    assert (before, added) == (14, 15)
    assert "14 statements" in after
    assert "Organisation 2" not in after


def test_a_search_with_a_theme_or_an_organisation_is_found_by_the_database(
    client, archive, theme, monkeypatch
):
    asked = []
    original = held_search.page
    monkeypatch.setattr(
        held_search, "page", lambda *args, **kwargs: asked.append(1) or original(*args, **kwargs)
    )

    for extra in ({"theme": theme.pk}, {"organisation": "Organisation 2"}, {}):
        cache.clear()
        client.get(reverse("panels:statements"), {"q": "detention", **extra})

    assert asked == [1]


def test_the_index_is_held_for_a_version_of_the_lists(archive):
    built = []

    def build():
        built.append(1)
        return len(built)

    first = page_cache.held_value("test-index", build)
    again = page_cache.held_value("test-index", build)
    page_cache.renew_lists()
    renewed = page_cache.held_value("test-index", build)

    assert (first, again, renewed) == (1, 1, 2)
