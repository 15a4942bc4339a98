"""The home page kept whole in the cache: what renews it, and how long it is kept."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from presessions import home_page
from tests.factories import PreSessionFactory, SeriesFactory

pytestmark = pytest.mark.django_db


def test_a_cached_home_page_runs_no_query(client, presession, django_assert_num_queries):
    client.get(reverse("home"))

    with django_assert_num_queries(0):
        page = client.get(reverse("home")).content.decode()

    assert "Kenya" in page


def test_a_change_to_a_series_or_its_countries_shows_at_once(client, presession):
    client.get(reverse("home"))

    PreSessionFactory(series=presession.series, country="UG", review_order=2)
    with_uganda = client.get(reverse("home")).content.decode()
    presession.series.venue = "Salle XXI, Palais des Nations"
    presession.series.save()
    renamed = client.get(reverse("home")).content.decode()
    presession.series.delete()
    gone = client.get(reverse("home")).content.decode()

    assert "Uganda" in with_uganda
    assert "Salle XXI" in renamed
    assert "Kenya" not in gone and "No call for applications is open" in gone


def test_the_page_is_kept_until_a_call_closes_and_never_long(series):
    now = timezone.now()

    assert home_page.kept_for(now, now + dt.timedelta(seconds=90.2)) == 91
    assert home_page.kept_for(now, now + dt.timedelta(days=3)) == home_page.KEPT_AT_MOST
    assert home_page.kept_for(now, None) == home_page.KEPT_AT_MOST
    assert home_page.kept_for(now, now - dt.timedelta(seconds=5)) == 1


def test_a_call_closing_soon_keeps_the_page_only_until_it_closes(client, presession, monkeypatch):
    from django.core.cache import cache

    series = presession.series
    series.call_closes_at = timezone.now() + dt.timedelta(seconds=120)
    series.save()
    kept = {}
    real_set = cache.set

    def noting(key, value, timeout=None):
        kept[key] = timeout
        return real_set(key, value, timeout)

    monkeypatch.setattr("presessions.page_cache.cache.set", noting)

    client.get(reverse("home"))
    client.get(reverse("home") + "?utm_source=x")
    client.get(reverse("home") + "?page=abc")

    homes = {key: timeout for key, timeout in kept.items() if key.startswith("site:home:")}
    assert list(homes) == ["site:home:en:"]  # other addresses are not kept
    assert 115 <= homes["site:home:en:"] <= 121


def _past_series(count):
    today = timezone.localdate()
    for index in range(count):
        starts = today - dt.timedelta(days=400 + 30 * index)
        SeriesFactory(
            session__number=20 + index, starts_on=starts, ends_on=starts + dt.timedelta(days=3),
            closed=True,
        )  # fmt: skip


def test_every_page_of_past_series_shows_the_open_calls_rendered_once(
    client, presession, django_assert_num_queries
):
    _past_series(home_page.PAST_SERIES_PER_PAGE + 2)
    first = client.get(reverse("home")).content.decode()

    # The past series counted and their page read: the open calls are those rendered above.
    with django_assert_num_queries(2):
        second = client.get(reverse("home") + "?page=2").content.decode()

    assert "Kenya" in first and "Kenya" in second
    assert "Pre-sessions 20" in first and "Pre-sessions 20" not in second
    assert "Pre-sessions 31" in second and "Pre-sessions 31" not in first


def test_the_open_calls_are_read_again_once_a_call_has_closed(client, presession, monkeypatch):
    series = presession.series
    series.call_closes_at = timezone.now() + dt.timedelta(seconds=60)
    series.save()
    later = timezone.now() + dt.timedelta(seconds=90)
    assert "Kenya" in client.get(reverse("home")).content.decode()

    monkeypatch.setattr("presessions.home_page.timezone.now", lambda: later)
    page = client.get(reverse("home") + "?page=1").content.decode()

    assert "No call for applications is open" in page


def test_a_page_showing_the_open_calls_rendered_before_is_kept_no_longer_than_they_hold(
    client, presession, monkeypatch
):
    from django.core.cache import cache

    series = presession.series
    series.call_closes_at = timezone.now() + dt.timedelta(seconds=120)
    series.save()
    client.get(reverse("home"))
    kept = {}
    real_set = cache.set

    def noting(key, value, timeout=None):
        kept[key] = timeout
        return real_set(key, value, timeout)

    later = timezone.now() + dt.timedelta(seconds=30)
    monkeypatch.setattr("presessions.page_cache.cache.set", noting)
    monkeypatch.setattr("presessions.home_page.timezone.now", lambda: later)
    client.get(reverse("home") + "?page=1")

    assert 85 <= kept["site:home:en:1"] <= 91
