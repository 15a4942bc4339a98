"""The programme's admin pages run as many queries for three times the data."""

import datetime as dt

import pytest
from django.urls import reverse

from panels.models import Meeting, Timetable
from panels.programme import scheduling
from tests.factories import PreSessionFactory, SeriesFactory, SpeakerFactory
from tests.query_counts import settled_queries_of

COUNTRIES = ["KE", "EC", "UG", "GH", "PE", "BR", "IN", "JP", "MX", "NG", "CL", "FR"]


def build_timetable(countries: int, *, start: dt.date = dt.date(2027, 3, 23)) -> Timetable:
    """A generated timetable of a new series: one meeting per country, each with a
    speaker of French and one of Spanish."""
    series = SeriesFactory(starts_on=start)
    for order, country in enumerate(COUNTRIES[:countries], start=1):
        presession = PreSessionFactory(series=series, country=country, review_order=order)
        for languages in (["fr"], ["es", "de"]):
            SpeakerFactory(
                application__presession=presession, application__speaker_languages=languages
            )
    scheduling.prepare_timetable(series=series)
    return scheduling.generate_timetable(series=series)


@pytest.fixture
def staff(client, coordinator):
    client.force_login(coordinator)
    return client


def test_timetable_list_runs_the_same_queries_for_three_times_the_timetables(staff):
    url = reverse("admin:panels_timetable_changelist")
    build_timetable(1)
    few = settled_queries_of(staff, url)

    build_timetable(1, start=dt.date(2027, 9, 1))
    build_timetable(1, start=dt.date(2028, 3, 1))

    assert Timetable.objects.count() == 3
    assert settled_queries_of(staff, url) == few


def test_timetable_page_runs_the_same_queries_for_three_times_the_meetings(staff):
    small = build_timetable(2)
    large = build_timetable(6, start=dt.date(2027, 9, 1))

    few = settled_queries_of(staff, reverse("admin:panels_timetable_change", args=[small.pk]))
    many = settled_queries_of(staff, reverse("admin:panels_timetable_change", args=[large.pk]))

    assert (small.meetings.count(), large.meetings.count()) == (2, 6)
    assert many == few


def test_timetable_page_shows_each_meetings_interpretation_as_before(staff):
    table = build_timetable(2)

    page = staff.get(reverse("admin:panels_timetable_change", args=[table.pk])).content.decode()

    assert page.count("French into English, Spanish into English") == 2


def test_meeting_list_runs_the_same_queries_for_three_times_the_meetings(staff):
    url = reverse("admin:panels_meeting_changelist")
    build_timetable(2)
    few = settled_queries_of(staff, url)

    build_timetable(4, start=dt.date(2027, 9, 1))

    assert Meeting.objects.count() == 6
    assert settled_queries_of(staff, url) == few


def test_meeting_page_runs_the_same_queries_whatever_the_timetable_size(staff):
    small = build_timetable(2)
    large = build_timetable(6, start=dt.date(2027, 9, 1))
    url = "admin:panels_meeting_change"

    few = settled_queries_of(staff, reverse(url, args=[small.meetings.first().pk]))
    many = settled_queries_of(staff, reverse(url, args=[large.meetings.first().pk]))

    assert many == few
