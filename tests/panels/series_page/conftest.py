import datetime as dt

import pytest
from django.utils import timezone

from applications.models import Application
from tests.factories import ApplicationFactory, PreSessionFactory, SeriesFactory

COUNTRIES = ["KE", "SN", "BR", "EC", "UG", "GH", "PE", "IN", "JP", "MX", "NG", "CL", "FR", "DE"]


def build_series(countries: int = 2, *, number: int = 55):
    """A series whose call has closed, with three applications per country: a woman of
    national scope who speaks French (rated 3), a man of grassroots scope who speaks
    Spanish, and a woman of international scope who speaks English; two seats a panel."""
    series = SeriesFactory(session__number=number, panel_size=2, closed=True)
    start = timezone.now() - dt.timedelta(days=20)
    for order, country in enumerate(COUNTRIES[:countries], start=1):
        presession = PreSessionFactory(series=series, country=country, review_order=order)
        specs = [
            ("woman", "national", ["fr"], 3),
            ("man", "grassroots", ["es"], None),
            ("woman", "international", ["en"], None),
        ]
        for n, (gender, scope, languages, rating) in enumerate(specs):
            application = ApplicationFactory(
                presession=presession,
                organisation_name=f"{country} organisation {n}",
                speaker_gender=gender,
                scope=scope,
                speaker_languages=languages,
                rating=rating,
            )
            Application.objects.filter(pk=application.pk).update(
                submitted_at=start + dt.timedelta(hours=n)
            )
    return series


@pytest.fixture
def closed_series(db):
    return build_series(2)
