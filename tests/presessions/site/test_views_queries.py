"""The page of a series runs as many queries for three times its countries."""

from django.urls import reverse

from panels.programme import scheduling
from tests.factories import PreSessionFactory, SeriesFactory, SpeakerFactory
from tests.query_counts import settled_queries_of

COUNTRIES = ["KE", "EC", "UG", "GH", "PE", "BR", "IN", "JP", "MX", "NG", "CL", "FR"]


def build_series(countries: int):
    """A series with countries, each with a speaker, and its programme published."""
    series = SeriesFactory()
    for order, country in enumerate(COUNTRIES[:countries], start=1):
        presession = PreSessionFactory(series=series, country=country, review_order=order)
        SpeakerFactory(application__presession=presession)
    scheduling.generate_timetable(series=series)
    scheduling.publish_programme(series=series, by=None)
    return series


def test_series_page_runs_the_same_queries_for_three_times_the_countries(client, db):
    small, large = build_series(2), build_series(6)

    few = settled_queries_of(client, reverse("series-detail", args=[small.number]))
    response = client.get(reverse("series-detail", args=[large.number]))
    many = settled_queries_of(client, reverse("series-detail", args=[large.number]))

    assert response.context["programme_published"] is True
    assert len(response.context["series"].presessions.all()) == 6
    assert many == few
