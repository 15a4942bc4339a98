"""The empty application form kept whole: the country of the address chosen in the kept
HTML exactly as the form would render it, and the page renewed by every change to what
it shows."""

import datetime as dt
import re
import time

import pytest
from crispy_forms.utils import render_crispy_form
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from applications import form_page
from applications.forms import ApplicationForm
from presessions.dates import date_and_time
from presessions.models import Theme
from tests.applications.test_apply import apply_url
from tests.factories import PreSessionFactory

pytestmark = pytest.mark.django_db


def chosen_in(response) -> list[str]:
    """The options selected in the form's first field, the State under Review."""
    html = response.content.decode()
    select = re.search(r'<select name="presession".*?</select>', html, re.S)
    assert select is not None
    return re.findall(r'<option value="([^"]*)" selected>', select[0])


@pytest.fixture
def countries(series):
    return [
        PreSessionFactory(series=series, country=code, review_order=order)
        for order, code in enumerate(["KE", "UG", "NZ"], start=1)
    ]


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_country_chosen_in_the_kept_form_as_the_form_renders_it(series, countries, language):
    with translation.override(language):
        kept = form_page.empty_form_html(series)
        for presession in countries:
            chosen = form_page.with_country_chosen(kept, presession)
            rendered = render_crispy_form(
                ApplicationForm(series=series, initial={"presession": presession.pk})
            )

            assert chosen == rendered
        assert form_page.with_country_chosen(kept, None) == render_crispy_form(
            ApplicationForm(series=series)
        )


def test_form_page_chooses_the_country_of_each_address(client, series, countries):
    kenya, uganda, _ = countries
    client.get(apply_url(series))

    for presession in (kenya, uganda):
        response = client.get(apply_url(series) + f"?country={presession.country.code}")

        assert chosen_in(response) == [str(presession.pk)]


def test_form_page_shows_a_changed_deadline_at_once(client, series, countries):
    client.get(apply_url(series))
    series.call_closes_at = timezone.now() + dt.timedelta(days=3)
    series.save()

    html = client.get(apply_url(series)).content.decode()

    assert str(timezone.localtime(series.call_closes_at).day) in html
    assert "Deadline:" in html


def test_form_page_offers_a_theme_added_by_staff_at_once(client, series, countries):
    client.get(apply_url(series))

    Theme.objects.create(name="Access to water")

    assert "Access to water" in client.get(apply_url(series)).content.decode()


def test_form_page_is_not_kept_past_the_call_closing(series, countries):
    now = timezone.now()
    series.call_closes_at = now + dt.timedelta(seconds=42)

    assert form_page._next_change(series, now) == series.call_closes_at
    series.call_opens_at = now + dt.timedelta(seconds=7)
    assert form_page._next_change(series, now) == series.call_opens_at
    series.call_opens_at = series.call_closes_at = now - dt.timedelta(seconds=1)
    assert form_page._next_change(series, now) is None


def test_form_page_closed_call_shows_no_form(client, series, countries):
    series.call_opens_at = timezone.now() - dt.timedelta(days=9)
    series.call_closes_at = timezone.now() - dt.timedelta(days=1)
    series.save()

    html = client.get(apply_url(series) + "?country=KE").content.decode()

    assert "The call for applications is closed." in html
    assert 'name="presession"' not in html


@pytest.mark.parametrize(
    ("query", "kenya_chosen"),
    [("?country=ZZ", False), ("?country=kenya", False), ("?country=ke&x=1", True),
     ("?x=<b>", False)],
)  # fmt: skip
def test_form_page_answers_any_address(client, series, countries, query, kenya_chosen):
    response = client.get(apply_url(series) + query)

    assert response.status_code == 200
    assert chosen_in(response) == [str(countries[0].pk) if kenya_chosen else ""]
    assert "<b>" not in response.content.decode()


def test_form_page_of_an_unknown_series_is_not_found(client, db):
    assert client.get("/en/series/999/apply/").status_code == 404


def test_form_pages_of_one_series_read_it_once_per_version(
    client, series, countries, django_assert_num_queries
):
    kenya, uganda, _ = countries
    client.get(apply_url(series))

    # Another country: the page is built from the series already read.
    with django_assert_num_queries(0):
        response = client.get(apply_url(series) + "?country=UG")
    # Another language: only the themes, sorted once per language and process.
    with CaptureQueriesContext(connection) as french_queries:
        french = client.get(apply_url(series, "fr") + "?country=KE")

    assert [query["sql"] for query in french_queries if "presessions_series" in query["sql"]] == []

    assert chosen_in(response) == [str(uganda.pk)]
    assert chosen_in(french) == [str(kenya.pk)]
    assert "Date limite" in french.content.decode()
    PreSessionFactory(series=series, country="FJ", review_order=4)  # renews the version
    assert "Fiji" in client.get(apply_url(series) + "?country=FJ").content.decode()


def test_a_series_held_for_the_form_pages_is_read_again_after_a_few_minutes(
    client, series, countries, monkeypatch
):
    client.get(apply_url(series))
    before = f"Deadline: {date_and_time(timezone.localtime(series.call_closes_at))}"
    # A change that no signal sees (an update), then the time a page may be kept.
    type(series).objects.filter(pk=series.pk).update(
        call_closes_at=series.call_closes_at + dt.timedelta(days=9, hours=1)
    )
    series.refresh_from_db()
    after = f"Deadline: {date_and_time(timezone.localtime(series.call_closes_at))}"
    assert before in client.get(apply_url(series) + "?country=KE").content.decode()
    later = time.monotonic() + form_page.EMPTY_FORM_SECONDS
    monkeypatch.setattr(time, "monotonic", lambda: later)

    html = client.get(apply_url(series) + "?country=UG").content.decode()

    assert after in html and before not in html
