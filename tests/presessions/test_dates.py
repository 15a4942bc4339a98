"""Dates in the reader's language, through Django's formats of that language."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from presessions.dates import date_and_time, long_date
from tests.factories import SeriesFactory

TUESDAY = dt.date(2027, 3, 23)


def test_long_date_in_english():
    assert long_date(TUESDAY) == "Tuesday, March 23, 2027"


@pytest.mark.parametrize(
    ("language", "weekday", "date"),
    [("fr", "mardi", "23 mars 2027"), ("es", "martes", "23 de marzo de 2027")],
)
def test_long_date_uses_the_date_format_of_the_language(language, weekday, date):
    with translation.override(language):
        text = long_date(TUESDAY)

    assert text.startswith(weekday)
    assert text.endswith(date)


def test_nothing_to_date_gives_an_empty_text():
    assert (long_date(None), date_and_time(None)) == ("", "")


def test_date_and_time_filter_reads_the_time_in_geneva():
    deadline = dt.datetime(2027, 3, 23, 16, 0, tzinfo=dt.UTC)  # 17:00 in Geneva (CET)
    template = Template("{% load dates %}{{ deadline|date_and_time }} / {{ day|long_date }}")

    with translation.override("es"):
        text = template.render(Context({"deadline": deadline, "day": TUESDAY}))

    assert text.startswith("23 de marzo de 2027")
    assert "17:00 / martes" in text
    assert text.endswith("23 de marzo de 2027")


def test_the_series_page_in_spanish_dates_the_series_in_spanish(client, db):
    series = SeriesFactory(
        session__number=55, starts_on=TUESDAY, ends_on=TUESDAY + dt.timedelta(days=3)
    )
    with translation.override("es"):
        url = reverse("series-detail", args=[series.number])

    page = client.get(url).content.decode()

    assert "Del 23 de marzo de 2027 al 26 de marzo de 2027, Palais des Nations" in page
