"""The selection's admin pages run as many queries for three times the data."""

import pytest
from django.urls import reverse

from panels.enums import Response
from panels.models import Decision, Panel, Placement
from panels.selection import services
from tests.factories import ApplicationFactory, PreSessionFactory, SeriesFactory
from tests.query_counts import settled_queries_of

COUNTRIES = ["KE", "EC", "UG", "GH", "PE", "BR", "IN", "JP", "MX", "NG", "CL", "FR"]


def build_panels(count: int, *, by, start: int = 0) -> list[Panel]:
    """Count suggested panels of a new series, each with two speakers, one of whom
    declined, and one application on the waiting list."""
    series = SeriesFactory(panel_size=2)
    panels = []
    for order, country in enumerate(COUNTRIES[start : start + count], start=1):
        presession = PreSessionFactory(series=series, country=country, review_order=order)
        for gender in ("woman", "man", "woman"):
            ApplicationFactory(presession=presession, speaker_gender=gender)
        panel = services.suggest_panel(presession=presession, by=by)
        declining = panel.placements.filter(outcome="selected").first()
        declining.response = Response.DECLINED
        declining.save(update_fields=["response"])
        panels.append(panel)
    return panels


@pytest.fixture
def staff(client, coordinator):
    client.force_login(coordinator)
    return client


def test_panel_list_runs_the_same_queries_for_three_times_the_panels(staff, coordinator):
    url = reverse("admin:panels_panel_changelist")
    build_panels(2, by=coordinator)
    few = settled_queries_of(staff, url)

    build_panels(4, by=coordinator, start=2)

    assert Panel.objects.count() == 6
    assert settled_queries_of(staff, url) == few


def test_panel_page_runs_the_same_queries_for_three_times_the_placements(staff, coordinator):
    small, large = build_panels(1, by=coordinator)[0], build_panels(1, by=coordinator)[0]
    for _n in range(6):
        ApplicationFactory(presession=large.presession)
    large = services.suggest_panel(presession=large.presession, by=coordinator)

    few = settled_queries_of(staff, reverse("admin:panels_panel_change", args=[small.pk]))
    many = settled_queries_of(staff, reverse("admin:panels_panel_change", args=[large.pk]))

    assert (small.placements.count(), large.placements.count()) == (3, 9)
    assert many == few


def test_placement_list_runs_the_same_queries_for_three_times_the_placements(staff, coordinator):
    url = reverse("admin:panels_placement_changelist")
    build_panels(1, by=coordinator)
    few = settled_queries_of(staff, url)

    build_panels(2, by=coordinator, start=1)

    assert Placement.objects.count() == 9
    assert settled_queries_of(staff, url) == few


def test_decision_list_runs_the_same_queries_for_three_times_the_decisions(staff, coordinator):
    url = reverse("admin:panels_decision_changelist")
    build_panels(1, by=coordinator)
    few = settled_queries_of(staff, url)
    count = Decision.objects.count()

    build_panels(2, by=coordinator, start=1)

    assert Decision.objects.count() == 3 * count
    assert settled_queries_of(staff, url) == few
