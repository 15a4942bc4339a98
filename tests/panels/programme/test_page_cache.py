"""The programme's page and print view are kept whole in the page cache: served again in
one cache request, without a query or a transaction, and renewed by every change to what
they read, so that nobody is named a moment longer than they consent to."""

import datetime as dt
import time

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from panels.enums import DocumentStatus, Response
from panels.models import Placement
from panels.programme import documents, page_cache, scheduling
from panels.selection import services
from presessions import page_cache as pages
from presessions.attendance import accreditation as accreditations
from presessions.site import erasure
from tests.authored_documents import pdf_by
from tests.documents import upload
from tests.factories import PreSessionFactory, SeriesFactory
from tests.panels.programme.test_documents import holder_of
from tests.panels.programme.test_public import TUESDAY, speaker
from tests.panels.statements.test_page_cache import CountingCache
from tests.query_counts import queries_of


@pytest.fixture
def series(db, coordinator, django_capture_on_commit_callbacks):
    series = SeriesFactory(
        session__number=55, panel_size=6, starts_on=TUESDAY, ends_on=TUESDAY + dt.timedelta(3)
    )
    kenya = PreSessionFactory(series=series, country="KE", review_order=1)
    speaker(kenya, "Confirmed Named Collective")
    speaker(kenya, "Second Voices Union")
    scheduling.generate_timetable(series=series)
    with django_capture_on_commit_callbacks(execute=True):
        scheduling.publish_programme(series=series, by=coordinator)
    return series


@pytest.fixture
def counting_cache(monkeypatch):
    counting = CountingCache(cache)
    monkeypatch.setattr(pages, "cache", counting)
    return counting


@pytest.fixture
def transactions(monkeypatch):
    entered = []
    real_enter = transaction.Atomic.__enter__
    monkeypatch.setattr(
        transaction.Atomic, "__enter__", lambda self: entered.append(1) or real_enter(self)
    )
    return entered


def programme_url(language="en", printable=False):
    with translation.override(language):
        return reverse("panels:programme-print" if printable else "panels:programme", args=[55])


@pytest.mark.parametrize("printable", [False, True])
@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_a_kept_programme_costs_one_cache_request_no_query_and_no_transaction(
    client, series, counting_cache, transactions, language, printable
):
    url = programme_url(language, printable)
    cold = queries_of(client, url)
    counting_cache.calls.clear()
    transactions.clear()

    cached = queries_of(client, url)

    assert (cold > 0, cached) == (True, 0)
    assert counting_cache.calls == ["get_many"]
    assert transactions == []


def test_languages_are_kept_apart(client, series):
    for language in ("en", "fr", "es"):
        with translation.override(language):
            room = translation.gettext("Room:")
        for _visit in range(2):
            assert room in client.get(programme_url(language)).content.decode()


def test_a_speaker_who_withdraws_leaves_the_kept_programme_at_once(
    client, series, django_capture_on_commit_callbacks
):
    assert "Second Voices Union" in client.get(programme_url()).content.decode()
    placement = Placement.objects.get(application__organisation_name="Second Voices Union")

    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_speaker(application=placement.application)

    assert "Second Voices Union" not in client.get(programme_url()).content.decode()
    assert "Second Voices Union" not in client.get(programme_url(printable=True)).content.decode()


def test_a_speakers_consent_taken_back_renews_the_kept_programme(client, series):
    assert "Second Voices Union" in client.get(programme_url()).content.decode()
    placement = Placement.objects.get(application__organisation_name="Second Voices Union")
    placement.response = Response.DECLINED
    placement.save()

    assert "Second Voices Union" not in client.get(programme_url()).content.decode()


def test_an_observers_document_appears_and_leaves_with_its_decision_and_its_pass(
    client, series, coordinator
):
    holder = holder_of(series, "Tunis League", email="cso@example.org")
    document = documents.upload_document(
        holder=holder, presession=series.presessions.get(country="KE"), title="Advocacy note",
        upload=upload("a.pdf", pdf_by("x")), named=True, remove_details=True,
    )  # fmt: skip
    assert "Advocacy note" not in client.get(programme_url()).content.decode()

    documents.decide_documents([document], status=DocumentStatus.APPROVED, by=coordinator)
    assert "Advocacy note" in client.get(programme_url()).content.decode()

    accreditations.revoke_accreditation(accreditation=holder, by=coordinator)
    assert "Advocacy note" not in client.get(programme_url()).content.decode()


def test_a_withdrawn_document_leaves_the_kept_programme(client, series, coordinator):
    holder = holder_of(series, "Tunis League", email="cso@example.org")
    document = documents.upload_document(
        holder=holder, presession=series.presessions.get(country="KE"), title="Advocacy note",
        upload=upload("a.pdf", pdf_by("x")), named=True, remove_details=True,
    )  # fmt: skip
    documents.decide_documents([document], status=DocumentStatus.APPROVED, by=coordinator)
    assert "Advocacy note" in client.get(programme_url()).content.decode()

    documents.withdraw_document(document)

    assert "Advocacy note" not in client.get(programme_url()).content.decode()


def test_an_erasure_renews_the_kept_programme(client, series, monkeypatch):
    client.get(programme_url())
    before = pages.current_version("programme:version")
    # Only what erasure writes without a save of its own renews here.
    monkeypatch.setattr("presessions.site.erasure._erase_observer_documents", lambda series: 0)

    erasure.erase_series(series=series)

    assert pages.current_version("programme:version") != before


def test_a_meeting_moved_and_published_again_shows_its_new_time(client, series, coordinator):
    assert "10:00" in client.get(programme_url()).content.decode()
    meeting = series.timetable.meetings.get()
    meeting.starts_at = dt.time(12, 0)
    meeting.ends_at = dt.time(12, 30)
    meeting.save()
    scheduling.publish_programme(series=series, by=coordinator)

    assert "12:00" in client.get(programme_url()).content.decode()


def test_the_apis_kept_programme_is_renewed_with_the_pages(
    client, series, django_capture_on_commit_callbacks
):
    url = reverse("api:programme", args=[55])
    assert "Second Voices Union" in client.get(url).content.decode()
    assert queries_of(client, url) == 0
    placement = Placement.objects.get(application__organisation_name="Second Voices Union")

    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_speaker(application=placement.application)

    assert "Second Voices Union" not in client.get(url).content.decode()


def test_the_pages_of_one_version_read_the_series_once(client, series):
    client.get(programme_url())

    with CaptureQueriesContext(connection) as read:
        for language in ("fr", "es"):
            assert client.get(programme_url(language)).status_code == 200
        assert client.get(programme_url(printable=True)).status_code == 200

    assert [query["sql"] for query in read if 'FROM "presessions_series"' in query["sql"]] == []


def test_a_series_changed_shows_on_its_programme_at_once(client, series):
    assert "Palais des Nations" in client.get(programme_url()).content.decode()
    series.venue = "Maison de la Paix, Geneva"
    series.save()

    for language in ("en", "fr"):
        html = client.get(programme_url(language)).content.decode()
        assert "Maison de la Paix" in html and "Palais des Nations" not in html


def test_a_series_changed_without_a_signal_shows_after_a_few_minutes(client, series, monkeypatch):
    client.get(programme_url())
    # A change that no signal sees (an update), then the time a page may be kept.
    type(series).objects.filter(pk=series.pk).update(venue="Maison de la Paix, Geneva")
    cache.delete(page_cache.page_key(55, printable=False))  # as if the page had gone
    assert "Palais des Nations" in client.get(programme_url()).content.decode()
    later = time.monotonic() + page_cache.SECONDS
    monkeypatch.setattr(time, "monotonic", lambda: later)
    cache.delete(page_cache.page_key(55, printable=False))  # gone after as long

    html = client.get(programme_url()).content.decode()

    assert "Maison de la Paix" in html and "Palais des Nations" not in html
