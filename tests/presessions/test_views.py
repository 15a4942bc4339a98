import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests.factories import PreSessionFactory, SeriesFactory, WorkingGroupSessionFactory

pytestmark = pytest.mark.django_db


def home(language="en"):
    with translation.override(language):
        return reverse("home")


def past_series(number):
    session = WorkingGroupSessionFactory(
        number=number, starts_on=dt.date(2020, 1, 1) + dt.timedelta(days=number)
    )
    return SeriesFactory(
        session=session,
        starts_on=session.starts_on - dt.timedelta(days=30),
        ends_on=session.starts_on - dt.timedelta(days=27),
        call_opens_at=timezone.now() - dt.timedelta(days=900),
        call_closes_at=timezone.now() - dt.timedelta(days=800),
    )


def test_root_redirects_to_a_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="es")

    assert response.status_code == 302
    assert response.url == "/es/"


def test_home_lists_open_calls_with_deadline_and_countries(client, presession):
    PreSessionFactory(series=presession.series, country="UG", review_order=2)

    response = client.get(home())

    page = response.content.decode()
    assert response.status_code == 200
    assert list(response.context["open_series"]) == [presession.series]
    assert "Pre-sessions 49" in page
    assert "Apply by" in page
    assert "?country=KE" in page and "Kenya" in page
    assert "?country=UG" in page and "Uganda" in page


def test_home_separates_upcoming_and_past_series(client, series):
    upcoming = SeriesFactory(
        session__number=56,
        call_opens_at=timezone.now() + dt.timedelta(days=30),
        call_closes_at=timezone.now() + dt.timedelta(days=90),
    )
    past = past_series(40)

    response = client.get(home())

    assert list(response.context["open_series"]) == [series]
    assert list(response.context["upcoming_series"]) == [upcoming]
    assert list(response.context["past_page"]) == [past]


def test_home_with_no_series_says_so(client, db):
    page = client.get(home()).content.decode()

    assert "No call for applications is open at the moment." in page
    assert "No past series yet." in page


def test_home_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries, series):
    for n in range(12):
        past_series(20 + n)
    for order, code in enumerate(["KE", "UG", "TZ", "RW", "BI"], start=1):
        PreSessionFactory(series=series, country=code, review_order=order)

    with django_assert_max_num_queries(8):
        response = client.get(home())

    assert len(response.context["past_page"]) == 10


def test_home_in_french_and_spanish(client, series):
    assert "Appels à candidatures ouverts" in client.get(home("fr")).content.decode()
    assert "Convocatorias abiertas" in client.get(home("es")).content.decode()


def test_series_page_lists_the_states_in_review_order(client, series):
    PreSessionFactory(series=series, country="UG", review_order=2)
    PreSessionFactory(series=series, country="KE", review_order=1)

    response = client.get(series.get_absolute_url())

    page = response.content.decode()
    assert page.index("Kenya") < page.index("Uganda")
    assert "Apply to speak on Kenya" in page


def test_series_page_in_french_names_countries_in_french(client, series):
    PreSessionFactory(series=series, country="DE", review_order=1)

    with translation.override("fr"):
        url = series.get_absolute_url()

    assert "Allemagne" in client.get(url).content.decode()


def test_series_page_in_french_gives_the_venue_in_french(client, series):
    series.venue_fr = "Palais des Nations, Genève"
    series.save(update_fields=["venue_fr"])

    with translation.override("fr"):
        french = client.get(series.get_absolute_url()).content.decode()
    with translation.override("en"):
        english = client.get(series.get_absolute_url()).content.decode()

    assert "Palais des Nations, Genève" in french
    assert ("Palais des Nations, Geneva" in english, "Genève" in english) == (True, False)


def test_unknown_series_is_a_clear_404(client, db):
    response = client.get(reverse("series-detail", args=[999]))

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_language_switcher_keeps_the_page(client, series):
    with translation.override("fr"):
        switcher, page = reverse("set_language"), series.get_absolute_url()

    response = client.post(switcher, {"language": "es", "next": page})

    assert response.status_code == 302
    assert response.url == f"/es/series/{series.number}/"
