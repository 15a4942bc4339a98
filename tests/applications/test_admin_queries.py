"""The applications' admin pages run as many queries for three times the data."""

from decimal import Decimal

import pytest
from django.urls import reverse

from applications.models import Application
from presessions.models import Theme
from tests.factories import ApplicationFactory, PreSessionFactory, SeriesFactory
from tests.query_counts import settled_queries_of

COUNTRIES = ["KE", "EC", "UG", "GH", "PE", "BR", "IN", "JP", "MX", "NG", "CL", "FR"]


def build_applications(count: int, **fields) -> list[Application]:
    """Count applications, each in another country of a new series, with two related
    themes besides the main one, a funding request and a grant."""
    series = SeriesFactory(support_budget=Decimal("5000"))
    themes = list(Theme.objects.order_by("pk")[1:3])
    applications = []
    for order, country in enumerate(COUNTRIES[:count], start=1):
        presession = PreSessionFactory(series=series, country=country, review_order=order)
        application = ApplicationFactory(
            presession=presession,
            speaker_languages=["en", "fr"],
            needs_funding=True,
            funding_amount=Decimal("800"),
            funding_reason="Travel to Geneva.",
            funding_granted=Decimal("500"),
            **fields,
        )
        application.related_themes.set(themes)
        applications.append(application)
    return applications


@pytest.fixture
def staff(admin_client):
    return admin_client


@pytest.mark.parametrize(
    "url",
    ["admin:applications_application_changelist", "admin:applications_fundingrequest_changelist"],
)
def test_list_runs_the_same_queries_for_three_times_the_applications(staff, url):
    # Two series at least on both counts: with one, the funding list also reads its budget.
    url = reverse(url)
    build_applications(1)
    build_applications(1)
    few = settled_queries_of(staff, url)

    build_applications(4)

    assert staff.get(url).context["cl"].result_count == 6
    assert settled_queries_of(staff, url) == few


def test_funding_totals_of_one_series_are_shown_with_its_budget(staff):
    application = build_applications(3)[0]
    url = reverse("admin:applications_fundingrequest_changelist")

    response = staff.get(url, {"presession__series__id__exact": application.presession.series_id})

    assert response.context["funding_totals"] == {
        "requested": Decimal("2400"),
        "granted": Decimal("1500"),
        "budget": Decimal("5000"),
        "left": Decimal("3500"),
    }


@pytest.mark.parametrize("model", ["application", "fundingrequest"])
def test_change_page_runs_the_same_queries_whatever_the_data(staff, model):
    url = f"admin:applications_{model}_change"
    first = build_applications(1)[0]
    few = settled_queries_of(staff, reverse(url, args=[first.pk]))

    last = build_applications(6)[-1]
    last.related_themes.set(Theme.objects.order_by("pk")[1:7])

    assert settled_queries_of(staff, reverse(url, args=[last.pk])) == few
