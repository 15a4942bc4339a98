"""The home page runs as many queries for three times the series and countries."""

import datetime as dt
import itertools

from django.urls import reverse
from django.utils import timezone

from presessions.models import Series
from tests.factories import PreSessionFactory, SeriesFactory
from tests.query_counts import settled_queries_of

COUNTRIES = ["KE", "EC", "UG", "GH", "PE", "BR", "IN", "JP", "MX", "NG", "CL", "FR"]
_days = itertools.count(1)


def with_countries(series: Series, count: int) -> Series:
    for order, country in enumerate(COUNTRIES[:count], start=1):
        PreSessionFactory(series=series, country=country, review_order=order)
    return series


def build_home(count: int) -> None:
    """Count series of each kind, each with two countries: open for applications, still
    to come (their call not open yet), and past."""
    now = timezone.now()
    today = timezone.localdate()
    for _n in range(count):
        with_countries(SeriesFactory(), 2)
        with_countries(
            SeriesFactory(
                call_opens_at=now + dt.timedelta(days=next(_days)),
                call_closes_at=now + dt.timedelta(days=60),
            ),
            2,
        )
        past_start = today - dt.timedelta(days=400 + next(_days))
        with_countries(
            SeriesFactory(
                session__starts_on=past_start + dt.timedelta(days=30),
                starts_on=past_start,
                ends_on=past_start + dt.timedelta(days=3),
                closed=True,
            ),
            2,
        )


def test_home_runs_the_same_queries_for_three_times_the_series(client, db):
    url = reverse("home")
    build_home(1)
    few = settled_queries_of(client, url)

    build_home(2)
    response = client.get(url)

    assert (
        len(response.context["open_series"]),
        len(response.context["upcoming_series"]),
        len(response.context["past_page"]),
    ) == (3, 3, 3)
    assert settled_queries_of(client, url) == few
