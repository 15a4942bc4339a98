"""Every endpoint runs the same, exact number of SQL queries with 10 published statements
as with 2,000 (and their 6,000 recommendations), and with 10 recommendations in the UPR
record as with 2,000, with the cache empty and then cached, as the pages do
(tests/presessions/site/test_page_queries.py)."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse

from panels.management.commands.load_sample_statements import load_sample_statements
from panels.record import services as record_services
from panels.record.importing import Defaults
from presessions.models import Theme
from tests.panels.record.conftest import csv_bytes
from tests.presessions.site.test_page_queries import first_statement, series_with_programme

SIZES = [10, 2_000]

# A list of statements: the ids of one page with the count of the matching rows (then
# held for every page of these filters), then those rows with their joins and their
# items' sharing. The API reads no filter choices, which the pages' forms do.
LIST = 2
# The recommendations: the ids of the page with the count, then those rows with their
# joins and their statements' items.
RECOMMENDATIONS = 2
# A statement: the statement with its joins, then its items (its recommendations with
# the review's confirmed matches of them, and its materials: one query).
STATEMENT = 2
CACHED = 0

QUERIES: dict[str, tuple[int, int]] = {
    # endpoint: (the cache empty, cached)
    "statements": (LIST, CACHED),
    "statements page 2": (LIST, CACHED),
    "search": (LIST, CACHED),
    "by country and theme": (LIST, CACHED),
    "by organisation": (LIST, CACHED),
    "statement": (STATEMENT, CACHED),
    "recommendations": (RECOMMENDATIONS, CACHED),
    # The themes, once per version of the lists.
    "themes": (1, CACHED),
    # The count of the series, one page of them, their countries.
    "series": (3, CACHED),
    # The series and its countries.
    "one series": (2, CACHED),
    # The series, its published meetings, their confirmed speakers, the observers'
    # documents; cached under the programme pages' version.
    "programme": (4, CACHED),
}


def urls(first, programme) -> dict[str, str]:
    number = first.presession.series.session.number
    statements = reverse("api:statements")
    return {
        "statements": statements,
        "statements page 2": f"{statements}?page=2&page_size=5",
        "search": f"{statements}?q=permanent+missions",
        "by country and theme": f"{statements}?country={first.presession.country.code}"
        f"&theme={first.theme_id}",
        "by organisation": f"{statements}?organisation="
        + first.application.organisation_name.replace(" ", "+"),
        "statement": reverse(
            "api:statement",
            args=[number, first.presession.country.alpha3.lower(), first.position],
        ),
        "recommendations": reverse("api:recommendations") + f"?theme={first.theme_id}",
        "themes": reverse("api:themes"),
        "series": reverse("api:series-list"),
        "one series": reverse("api:series", args=[programme.number]),
        "programme": reverse("api:programme", args=[programme.number]),
    }


@pytest.fixture(scope="module", params=SIZES, ids=lambda size: f"{size}-statements")
def archive(request, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        load_sample_statements(request.param)
        programme = series_with_programme()
        yield urls(first_statement(), programme)
        transaction.set_rollback(True)


def shown(name: str, data: dict) -> object:
    if name == "statement":
        return data["position"] > 0
    if name == "programme":
        return len([m for day in data["days"] for m in day["meetings"]])
    if name == "one series":
        return len(data["countries"])
    if name == "themes":
        return len(data) > 0
    return len(data["items"]) > 0


@pytest.mark.parametrize("name", QUERIES)
def test_endpoint_runs_a_fixed_number_of_queries(
    archive, name, client, db, django_assert_num_queries
):
    cold, cached = QUERIES[name]
    url = archive[name]
    client.get(url)
    cache.clear()

    with django_assert_num_queries(cold):
        built = client.get(url)
    with django_assert_num_queries(cached):
        again = client.get(url)

    assert (built.status_code, again.status_code) == (200, 200)
    assert built.content == again.content
    assert shown(name, built.json()) == {"programme": 3, "one series": 3}.get(name, True)


# The record's recommendations: the count of the matching rows, the ids of one page, those
# rows, their themes.
RECORD_LIST = 4
RECORD_QUERIES: dict[str, tuple[int, int]] = {
    # The States under Review with their counts, the recommending States with theirs.
    "record states": (2, CACHED),
    "record recommendations": (RECORD_LIST, CACHED),
    "record page 2": (RECORD_LIST, CACHED),
    "record search": (RECORD_LIST, CACHED),
    "record filtered": (RECORD_LIST, CACHED),
    # The theme, the recommending States with their counts.
    "who to approach": (2, CACHED),
}
RECOMMENDING = ["Chile", "Norway", "Ghana", "Japan", "Peru", "Fiji", "Togo", "Malta", "France"]
RECORD_THEMES = ["Death penalty", "Rights of the Child", "Right to education", "Women's rights"]


def record_rows(count: int) -> list[list[str]]:
    """Recommendations to three States under Review from nine States, over 30 sessions."""
    return [
        [f"Adopt measure number {n} on the rights of the child.",
         RECOMMENDING[n % len(RECOMMENDING)], ["Kenya", "Uganda", "Ecuador"][n % 3],
         str(20 + n % 30), "", "Supported" if n % 2 else "Noted",
         f"{RECORD_THEMES[n % 4]}; {RECORD_THEMES[(n + 1) % 4]}", str(1 + n % 5)]
        for n in range(count)
    ]  # fmt: skip


def record_urls() -> dict[str, str]:
    """The addresses, each filter matching the first row (Chile to Kenya, session 20,
    noted, on the death penalty) at every size."""
    listing = reverse("api:record-recommendations")
    theme = Theme.objects.get(name="Death penalty").pk
    return {
        "record states": reverse("api:record-states"),
        "record recommendations": listing,
        "record page 2": f"{listing}?page=2&page_size=5",
        "record search": f"{listing}?q=rights+child",
        "record filtered": f"{listing}?state_under_review=KEN&recommending_state=CL"
        f"&theme={theme}&session=20&cycle=2&response=noted",
        "who to approach": reverse("api:record-approach") + f"?state=KEN&theme={theme}",
    }


@pytest.fixture(scope="module", params=SIZES, ids=lambda size: f"{size}-recommendations")
def record(request, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        outcome = record_services.import_file(
            handle=io.BytesIO(csv_bytes(record_rows(request.param))),
            name="export.csv",
            defaults=Defaults(),
            dry_run=False,
        )
        assert outcome.created == request.param
        yield record_urls()
        transaction.set_rollback(True)


def shown_in_record(name: str, data: dict | list) -> bool:
    if name == "record states":
        return len(data) == 12
    if name == "who to approach":
        assert isinstance(data, dict)
        return len(data["states"]) > 0
    assert isinstance(data, dict)
    return len(data["items"]) > 0


@pytest.mark.parametrize("name", RECORD_QUERIES)
def test_record_endpoint_runs_a_fixed_number_of_queries(
    record, name, client, db, django_assert_num_queries
):
    cold, cached = RECORD_QUERIES[name]
    url = record[name]
    client.get(url)
    cache.clear()

    with django_assert_num_queries(cold):
        built = client.get(url)
    with django_assert_num_queries(cached):
        again = client.get(url)

    assert (built.status_code, again.status_code) == (200, 200)
    assert built.content == again.content
    assert shown_in_record(name, built.json())
