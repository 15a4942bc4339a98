"""Every hot public page runs the same, exact number of SQL queries with 10 published
statements as with 10,000 (and their 30,000 recommendations), on SQLite as on
PostgreSQL: with the page cache empty (never asked before), then cached.

The pages of every floor are measured here, in the shell that gathers them, so that the
archive of 10,000 statements is built once for them all. The application form's other
reads (another country chosen, a submission) are counted in
tests/applications/test_views_queries.py.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from panels import fulltext
from panels.management.commands.load_sample_statements import load_sample_statements
from panels.models import Recommendation, Statement
from panels.programme import scheduling
from panels.statements.feeds import FEED_LENGTH
from presessions.models import Series
from tests.factories import PreSessionFactory, SeriesFactory, SpeakerFactory

SIZES = [10, 10_000]

# The statement pages run outside the request's transaction (they only read), so their
# counts are their own queries. A page of statements, of recommendations or the feed, once
# cached, runs none.
CACHED = 0
# A list with nothing cached: the choices of its filters (the series, the countries and
# the themes; afterwards each process holds them until something is published), the ids
# of one page with the count of the matching rows (the count then held likewise, for
# every page of these filters), then those rows with their joins and their items'
# sharing. A search, a filter, the address of a series or of a country run the same; the
# whole listing reads the ids of every statement in order instead (held likewise), and a
# search on PostgreSQL the index of every listed statement's words (held likewise), where
# it finds its page and its count (the queries of its words, once read, are held too).
LIST = 5
# The recommendations: the choices of the filters, the ids of one page with the count,
# then those rows with their joins and their statements' items.
RECOMMENDATIONS = 5
# A page past the last (with 10 statements, "page 2"), not counted yet: the ids of the
# page asked for find nothing, so the rows are counted, then the last page is read (the
# whole listing, and a search on PostgreSQL, page through the ids they hold: nothing
# more).
PAST_THE_LAST = 2
# A statement: the statement with its joins, then its items (its recommendations with
# their confirmed matches to the review, and its materials: one query).
STATEMENT = 2

QUERIES: dict[str, tuple[int, int]] = {
    # page: (the page cache empty, cached). With 10 statements "page 2" is answered with
    # the last page, the first.
    "listing": (LIST, CACHED),
    "listing page 2": (LIST, CACHED),
    "statement": (STATEMENT, CACHED),
    "search": (LIST, CACHED),
    "search page 2": (LIST, CACHED),
    "recommendations by theme": (RECOMMENDATIONS, CACHED),
    "listing by country and theme": (LIST, CACHED),
    "listing by organisation": (LIST, CACHED),
    "a series' statements": (LIST, CACHED),
    "a country's statements": (LIST, CACHED),
    # The latest statements with their joins, the sharing of their items.
    "feed": (2, CACHED),
    # The series, its published meetings with their countries and rooms, the confirmed
    # speakers of those meetings, the observers' documents approved for them; no
    # transaction, and nothing once kept.
    "programme": (4, CACHED),
    # The count of the past series and one page of them; the series open for
    # applications or still to come, and their countries. Kept whole once built.
    "home": (4, 0),
    # The series and its countries, and the active themes for the form; kept whole once
    # built, and read without a transaction.
    "application form": (3, CACHED),
}

# A search that finds most of the sample statements, and so has a second page at 10,000.
SEARCH = "permanent missions"


@dataclass(frozen=True)
class Archive:
    size: int
    statement: tuple[int, str, int]  # the series, the country's alpha-3, the position
    urls: dict[str, str]


def series_with_programme() -> Series:
    """A series whose call is open, with three countries, each with a confirmed speaker,
    its programme published; and a series to come, whose call is not open yet."""
    series = SeriesFactory(session__number=90)
    for order, country in enumerate(["KE", "EC", "UG"], start=1):
        presession = PreSessionFactory(series=series, country=country, review_order=order)
        SpeakerFactory(application__presession=presession)
    scheduling.generate_timetable(series=series)
    scheduling.publish_programme(series=series, by=None)
    to_come = SeriesFactory(
        session__number=91,
        call_opens_at=timezone.now() + dt.timedelta(days=20),
        call_closes_at=timezone.now() + dt.timedelta(days=80),
    )
    PreSessionFactory(series=to_come, country="GH", review_order=1)
    return series


def first_statement() -> Statement:
    return Statement.objects.select_related("presession__series__session", "application").order_by(
        "pk"
    )[0]


def page_urls(first: Statement, programme: Series) -> dict[str, str]:
    number = first.presession.series.session.number
    listing = reverse("panels:statements")
    search = f"{listing}?q={SEARCH.replace(' ', '+')}"
    return {
        "listing": listing,
        "listing page 2": f"{listing}?page=2",
        "statement": reverse(
            "panels:statement",
            args=[number, first.presession.country.alpha3.lower(), first.position],
        ),
        "search": search,
        "search page 2": f"{search}&page=2",
        "recommendations by theme": reverse("panels:recommendations") + f"?theme={first.theme_id}",
        "listing by country and theme": listing
        + f"?country={first.presession.country.code}&theme={first.theme_id}",
        "listing by organisation": f"{listing}?organisation="
        + first.application.organisation_name.replace(" ", "+"),
        "a series' statements": reverse("panels:series-statements", args=[number]),
        "a country's statements": reverse(
            "panels:country-statements", args=[number, first.presession.country.alpha3.lower()]
        ),
        "feed": reverse("panels:statement-feed"),
        "programme": reverse("panels:programme", args=[programme.number]),
        "home": reverse("home"),
        "application form": reverse("applications:apply", args=[programme.number]),
    }


@pytest.fixture(scope="module", params=SIZES, ids=lambda size: f"{size}-statements")
def archive(request, django_db_setup, django_db_blocker):
    """The published statements and the series, built once per size for the whole
    module, inside a transaction rolled back after it (each test runs in a savepoint)."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_sample_statements(request.param)
        programme = series_with_programme()
        first = first_statement()
        where = (first.presession.series.session.number, first.presession.country.alpha3)
        yield Archive(request.param, (*where, first.position), page_urls(first, programme))
        transaction.set_rollback(True)


def test_the_archive_holds_what_it_says(archive, db):
    assert Statement.objects.filter(published_at__isnull=False).count() == archive.size
    assert Recommendation.objects.count() == 3 * archive.size


def shown(page: str, response) -> object:
    """What the page, freshly built, shows of what it is measured for."""
    context = response.context
    if page == "statement":
        statement = context["statement"]
        return (statement.series_number, statement.country.alpha3, statement.position)
    if page == "programme":
        return len(context["programme"].meetings)
    if page == "home":
        return tuple(len(context[name]) for name in ("open_series", "upcoming_series", "past_page"))
    if page == "feed":
        return response.content.count(b"<entry>")
    if page == "application form":
        html = response.content.decode()
        select = re.search(r'<select name="presession".*?</select>', html, re.S)
        return len(re.findall("<option ", select[0])) if select else 0
    rows = context["page"]
    return (rows.number, len(rows.object_list) > 0)


def expected(page: str, archive: Archive) -> object:
    """The statement asked for; the three meetings; the series open, to come and a page
    of past ones (the sample series are past); the newest entries of the feed; the three
    countries of the form and its empty choice; rows on every list, the second page
    where there is one."""
    large = archive.size > 1_000
    return {
        "statement": archive.statement,
        "programme": 3,
        "home": (1, 1, 10 if large else 1),
        "feed": min(archive.size, FEED_LENGTH),
        "application form": 4,
    }.get(page, (2 if page.endswith("page 2") and large else 1, True))


@pytest.mark.parametrize("page", QUERIES)
def test_public_page_runs_a_fixed_number_of_queries(
    archive, page, client, db, django_assert_num_queries
):
    cold, cached = QUERIES[page]
    held = page == "listing page 2" or (page == "search page 2" and fulltext.uses_full_text())
    if page.endswith("page 2") and archive.size <= 20 and not held:
        cold += PAST_THE_LAST
    url = archive.urls[page]
    # Asked once, then forgotten by the cache: what a process keeps for good (content
    # types) is there, and the page is as never asked before.
    client.get(url)
    cache.clear()

    with django_assert_num_queries(cold):
        built = client.get(url)
    with django_assert_num_queries(cached):
        again = client.get(url)

    assert shown(page, built) == expected(page, archive)
    assert (built.status_code, again.status_code) == (200, 200)
