from decimal import Decimal

import pytest

from applications import queries
from applications.enums import ApplicationStatus
from applications.models import Application
from tests.factories import ApplicationFactory, PreSessionFactory, SeriesFactory

pytestmark = pytest.mark.django_db


def asking(presession, name, amount, granted=None, **fields):
    return ApplicationFactory(
        presession=presession,
        organisation_name=name,
        needs_funding=True,
        funding_amount=Decimal(amount),
        funding_reason="Travel",
        funding_granted=None if granted is None else Decimal(granted),
        **fields,
    )


@pytest.fixture
def two_series():
    first = SeriesFactory(session__number=55, support_budget=Decimal("5000"))
    second = SeriesFactory(session__number=56, support_budget=None)
    kenya = PreSessionFactory(series=first, country="KE", review_order=1)
    peru = PreSessionFactory(series=second, country="PE", review_order=1)
    asking(kenya, "Amani", "1500", granted="1000")
    asking(kenya, "Haki", "2000")
    asking(kenya, "Gone", "900", status=ApplicationStatus.WITHDRAWN)
    ApplicationFactory(presession=kenya, organisation_name="Rich", needs_funding=False)
    asking(peru, "Andes", "700", granted="700")
    return first, second


def names(queryset):
    return sorted(queryset.values_list("organisation_name", flat=True))


def test_funding_requests_are_the_standing_applications_that_ask_for_support(two_series):
    first, second = two_series

    assert names(queries.funding_requests()) == ["Amani", "Andes", "Haki"]
    assert names(queries.funding_requests(series=first)) == ["Amani", "Haki"]
    assert names(queries.funding_requests(series=second)) == ["Andes"]


def test_funding_requests_narrow_what_they_are_given(two_series):
    first, _ = two_series
    among = Application.objects.filter(organisation_name__in=["Haki", "Rich", "Andes"])

    assert names(queries.funding_requests(series=first, among=among)) == ["Haki"]


def test_funding_totals_of_one_series_are_set_against_its_budget(two_series):
    first, _ = two_series

    totals = queries.funding_totals(queries.funding_requests(series=first))

    assert totals == {
        "requested": Decimal("3500"),
        "granted": Decimal("1000"),
        "budget": Decimal("5000"),
        "left": Decimal("4000"),
    }


def test_funding_totals_of_several_series_have_no_budget(two_series):
    totals = queries.funding_totals(queries.funding_requests())

    assert (totals["requested"], totals["granted"]) == (Decimal("4200"), Decimal("1700"))
    assert (totals["budget"], totals["left"]) == (None, None)


def test_funding_totals_of_a_series_without_a_budget_leave_nothing_to_compare(two_series):
    _, second = two_series

    totals = queries.funding_totals(queries.funding_requests(series=second))

    assert totals == {
        "requested": Decimal("700"),
        "granted": Decimal("700"),
        "budget": None,
        "left": None,
    }


def test_funding_totals_of_no_request_are_zero(db):
    totals = queries.funding_totals(Application.objects.none())

    assert (totals["requested"], totals["granted"], totals["budget"]) == (0, 0, None)
