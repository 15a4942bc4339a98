"""The public statement pages run a fixed number of SQL queries, with 70 statements as
with 10,000 statements and 30,000 recommendations."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from panels import fulltext
from panels.management.commands.load_sample_statements import load_sample_statements
from panels.models import Recommendation, Statement

# The most each page may run with nothing cached: a list reads the filter choices
# (series, countries, themes; cached afterwards), then the ids of one page with the count
# of every match (one query), then those rows with the consent of their items (one
# query); a statement page reads it, then its items; the feed its entries and their items.
# A search reads instead of the ids the index of every listed statement's words (once
# for each version of the lists, one query) and the queries of the words that this
# process has not searched before (one query), then finds its page in that index.
LIMITS = {
    "listing": 5,
    "page 3": 5,
    "search": 7,
    "series": 5,
    "country": 5,
    "theme": 5,
    "organisation": 5,
    "statement": 2,
    "recommendations": 5,
    "feed": 2,
}


def urls() -> dict[str, str]:
    first = Statement.objects.select_related("presession", "application").order_by("pk").first()
    code = first.presession.country.alpha3.lower()
    number = 101
    return {
        "listing": reverse("panels:statements"),
        "page 3": reverse("panels:statements") + "?page=3",
        "search": reverse("panels:statements") + "?q=journalists+detention",
        "series": reverse("panels:series-statements", args=[number]),
        "country": reverse("panels:country-statements", args=[number, code]),
        "theme": reverse("panels:statements") + f"?theme={first.theme_id}",
        "organisation": reverse("panels:statements")
        + f"?organisation={first.application.organisation_name}",
        "statement": reverse("panels:statement", args=[number, code, first.position]),
        "recommendations": reverse("panels:recommendations") + f"?theme={first.theme_id}",
        "feed": reverse("panels:statement-feed"),
    }


def query_counts(client) -> dict[str, int]:
    counts = {}
    for name, url in urls().items():
        cache.clear()
        fulltext._words_held.clear()  # each search's words read again, as the first time
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, name
        counts[name] = len(queries)
    return counts


def test_statement_pages_run_a_fixed_number_of_queries_whatever_the_size(
    client, db, django_assert_max_num_queries
):
    load_sample_statements(70)
    small = query_counts(client)

    load_sample_statements(10_000)

    assert Statement.objects.count() == 10_000
    assert Recommendation.objects.count() == 30_000
    for name, url in urls().items():
        cache.clear()
        fulltext._words_held.clear()
        with django_assert_max_num_queries(LIMITS[name]):
            client.get(url)
    assert query_counts(client) == small
