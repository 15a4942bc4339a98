"""The statements' admin pages run as many queries for three times the data."""

import pytest
from django.urls import reverse

from panels.enums import Sharing
from panels.models import Statement
from presessions.models import Theme
from tests.factories import (
    MaterialFactory,
    PreSessionFactory,
    RecommendationFactory,
    SeriesFactory,
    StatementFactory,
)
from tests.query_counts import settled_queries_of

COUNTRIES = ["KE", "EC", "UG", "GH", "PE", "BR", "IN", "JP", "MX", "NG", "CL", "FR"]


def build_statements(count: int, *, series=None) -> list[Statement]:
    """Count statements, each of another country, with two recommendations on two
    themes and a material."""
    series = series or SeriesFactory()
    themes = list(Theme.objects.order_by("pk")[:2])
    statements = []
    for order, country in enumerate(COUNTRIES[:count], start=1):
        presession = PreSessionFactory(series=series, country=country, review_order=order)
        statement = StatementFactory(application__presession=presession, sharing=Sharing.NAMED)
        add_items(statement, 1, themes)
        statements.append(statement)
    return statements


def add_items(statement: Statement, count: int, themes: list[Theme]) -> None:
    for _n in range(count):
        for theme in themes:
            RecommendationFactory(statement=statement, theme=theme, sharing=Sharing.NAMED)
        MaterialFactory(statement=statement)


@pytest.fixture
def staff(client, coordinator):
    client.force_login(coordinator)
    return client


def test_statement_list_runs_the_same_queries_for_three_times_the_statements(staff):
    url = reverse("admin:panels_statement_changelist")
    build_statements(2)
    few = settled_queries_of(staff, url)

    build_statements(4)

    assert Statement.objects.count() == 6
    assert settled_queries_of(staff, url) == few


def test_statement_page_runs_the_same_queries_for_three_times_the_items(staff):
    small, large = build_statements(2)
    add_items(large, 2, list(Theme.objects.order_by("-pk")[:2]))

    few = settled_queries_of(staff, reverse("admin:panels_statement_change", args=[small.pk]))
    many = settled_queries_of(staff, reverse("admin:panels_statement_change", args=[large.pk]))

    assert (small.recommendations.count(), large.recommendations.count()) == (2, 6)
    assert (small.materials.count(), large.materials.count()) == (1, 3)
    assert many == few
