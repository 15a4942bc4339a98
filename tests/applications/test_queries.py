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


# The next application a reviewer opens ------------------------------------------------


def kenya(presession, *specs) -> list:
    """Applications of Kenya numbered 1, 2, ... with these fields each."""
    return [
        ApplicationFactory(presession=presession, sequence=n, **fields)
        for n, fields in enumerate(specs, start=1)
    ]


def test_next_to_review_is_the_next_one_that_needs_a_rating(presession):
    first, _rated, _ineligible, _withdrawn, fifth = kenya(
        presession,
        {},
        {"rating": 2},
        {"is_ineligible": True, "ineligible_reason": "Not a CSO."},
        {"status": ApplicationStatus.WITHDRAWN},
        {},
    )
    # Another country's, unrated, numbered between them: not this reviewer's next.
    ApplicationFactory(presession=PreSessionFactory(series=presession.series, country="UG"),
                       sequence=2)  # fmt: skip

    assert queries.next_to_review(first) == fifth


def test_next_to_review_goes_round_to_an_earlier_one_that_needs_a_rating(presession):
    first, _second, third = kenya(presession, {}, {"rating": 1}, {"rating": 3})

    assert queries.next_to_review(third) == first


def test_next_to_review_is_simply_the_next_once_every_one_is_rated(presession):
    first, second, _third = kenya(presession, {"rating": 0}, {"rating": 1}, {"rating": 3})

    assert queries.next_to_review(first) == second


def test_next_to_review_is_none_after_the_last_when_the_others_are_rated(presession):
    _first, second = kenya(presession, {"rating": 0}, {})

    assert queries.next_to_review(second) is None
