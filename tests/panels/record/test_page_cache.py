"""The record's public pages are kept whole in the page cache under the record's version:
served again in one cache request, without a query or a transaction, renewed by an
import or a deletion, never mixing languages or visitors."""

import re

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation

from panels.models import UPRRecommendation
from panels.record import page_cache, services, views
from presessions import page_cache as pages
from presessions.models import Theme
from tests.panels.statements.test_page_cache import CountingCache
from tests.query_counts import queries_of

from .test_views import load, url

MORATORIUM = "Establish a moratorium on the death penalty."


@pytest.fixture
def record(db, good_rows):
    load(good_rows)


@pytest.fixture
def counting_cache(monkeypatch):
    counting = CountingCache(cache)
    monkeypatch.setattr(pages, "cache", counting)
    return counting


@pytest.fixture
def transactions(monkeypatch):
    """Every transaction (or savepoint) opened."""
    entered = []
    real_enter = transaction.Atomic.__enter__
    monkeypatch.setattr(
        transaction.Atomic, "__enter__", lambda self: entered.append(1) or real_enter(self)
    )
    return entered


def death_penalty() -> int:
    return Theme.objects.get(name="Death penalty").pk


def without_token(text: str) -> str:
    """A page without the CSRF token, which is new in each response."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", text)


# (name, arguments, query) of each page of the record
PAGES = [
    ("panels:record", (), {}),
    ("panels:record-received", ("KEN",), {}),
    ("panels:record-received", ("KEN",), {"cycle": "4", "q": "death", "theme": "DEATH"}),
    ("panels:record-made", ("URY",), {}),
    ("panels:record-approach", (), {}),
    ("panels:record-approach", (), {"state": "KEN", "theme": "DEATH"}),
    ("panels:record-search", (), {"q": "death penalty"}),
]


def address(name, args, query, language="en") -> str:
    query = {k: (death_penalty() if v == "DEATH" else v) for k, v in query.items()}
    return url(name, language, *args, **query)


@pytest.mark.parametrize(("name", "args", "query"), PAGES)
@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_a_cached_record_page_costs_one_cache_request_no_query_and_no_transaction(
    client, record, counting_cache, transactions, name, args, query, language
):
    page = address(name, args, query, language)
    cold = queries_of(client, page)
    first = client.get(page).content.decode()
    counting_cache.calls.clear()
    transactions.clear()

    cached = queries_of(client, page)
    again = client.get(page)

    assert (cold > 0, cached) == (True, 0)
    assert counting_cache.calls == ["get_many", "get_many"]
    assert transactions == []
    assert again.status_code == 200
    assert without_token(again.content.decode()) == without_token(first)


def test_the_record_pages_show_what_they_showed_before_the_cache(client, record):
    received = address("panels:record-received", ("KEN",), {"q": "death"})

    for _visit in range(2):
        page = client.get(received).content.decode()
        assert "Abolish the" in page  # "death" is marked as the words searched
        assert "Ratify the Optional Protocol" not in page
        # The link that clears the filters is the page's own address, not the visitor's.
        assert '<a class="btn btn-link" href="/en/record/received/KEN/">' in page


def shows_chile(text: str) -> bool:
    """Whether a page shows Chile's new recommendation, or Chile as a recommending State."""
    # The words searched are marked in the text: its first words are enough.
    return "Establish a moratorium" in text or "/record/made/CHL/" in text or "state=CHL" in text


def test_an_import_renews_every_record_page(client, record):
    before = [shows_chile(client.get(address(*page)).content.decode()) for page in PAGES]
    new = [[MORATORIUM, "Chile", "Kenya", "49", "4", "Supported", "Death penalty", "5"]]

    load(new)
    after = [shows_chile(client.get(address(*page)).content.decode()) for page in PAGES]

    assert before == [False] * len(PAGES)
    # All but what Uruguay recommended, and the form of who to approach, which does not
    # read the record.
    assert after == [True, True, True, False, False, True, True]


def test_an_import_that_writes_nothing_keeps_the_pages(client, record, good_rows):
    page = address("panels:record-received", ("KEN",), {})
    client.get(page)

    load(good_rows)

    assert queries_of(client, page) == 0


def test_deleting_recommendations_in_the_admin_renews_the_record_pages(
    client, admin_client, record
):
    received = address("panels:record-received", ("KEN",), {})
    search = address("panels:record-search", (), {"q": "death penalty"})
    before = [client.get(page).content.decode() for page in (received, search)]
    uruguay = UPRRecommendation.objects.get(recommending_state="UY")

    admin_client.post(
        reverse("admin:panels_uprrecommendation_delete", args=[uruguay.pk]), {"post": "yes"}
    )
    after = [client.get(page).content.decode() for page in (received, search)]

    # (The words searched are marked in the text: its first words are enough.)
    assert ["Abolish the" in text for text in before] == [True, True]
    assert ["Abolish the" in text for text in after] == [False, False]


def test_the_service_that_deletes_renews_the_record_only_when_something_went(record):
    version = pages.current_version(page_cache.RECORD)

    services.delete_recommendations(recommendations=UPRRecommendation.objects.none())
    unchanged = pages.current_version(page_cache.RECORD)
    services.delete_recommendations(recommendations=UPRRecommendation.objects.all())

    assert unchanged == version
    assert pages.current_version(page_cache.RECORD) != version


def test_each_visitor_gets_their_own_token_and_address_in_a_cached_record_page(record):
    first_visitor, second_visitor = Client(), Client()
    base = reverse("panels:record-received", args=["KEN"])

    first = first_visitor.get(base + "?cycle=4&q=a%22b").content.decode()
    second = second_visitor.get(base + "?q=a%22b&cycle=4")
    second_text = second.content.decode()

    assert second.context is None  # served from the cache that the first visitor filled
    assert first_visitor.cookies["csrftoken"].value != second_visitor.cookies["csrftoken"].value
    assert f'name="next" type="hidden" value="{base}?cycle=4&amp;q=a%22b"' in first
    assert f'name="next" type="hidden" value="{base}?q=a%22b&amp;cycle=4"' in second_text
    for text in (first, second_text):
        assert "-csrf" not in text and "-path" not in text
        assert text.count('name="csrfmiddlewaretoken"') == 1
    # The token filled in is one the language form accepts.
    strict = Client(enforce_csrf_checks=True)
    strict.get(base)
    text = strict.get(base).content.decode()
    token = text.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    answer = strict.post(
        reverse("set_language"), {"language": "fr", "next": base, "csrfmiddlewaretoken": token}
    )
    assert answer.status_code == 302


def test_a_record_page_is_kept_without_anything_of_the_visitor_who_asked_first(client, record):
    served = client.get(url("panels:record", "en")).content.decode()
    token = served.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]

    with translation.override("en"):
        entry = cache.get(page_cache.page_key("/en/record/", ""))

    assert isinstance(entry, pages.Entry)
    assert token not in entry.content
    assert client.cookies["csrftoken"].value not in entry.content
    assert f'name="csrfmiddlewaretoken" value="{entry.marker}-csrf"' in entry.content


def test_a_record_page_is_kept_per_language(client, record):
    french = client.get(url("panels:record", "fr")).content.decode()
    english = client.get(url("panels:record", "en")).content.decode()
    spanish = client.get(url("panels:record", "es")).content.decode()
    french_again = client.get(url("panels:record", "fr")).content.decode()

    titles = [
        re.search(r"<h1>(.*)</h1>", text).group(1)
        for text in (french, english, spanish, french_again)
    ]
    assert titles == [
        "Les recommandations de l’EPU",
        "The UPR record",
        "Las recomendaciones del EPU",
        "Les recommandations de l’EPU",
    ]
    with translation.override("fr"):
        in_french = page_cache.page_key("/record/", "")
    with translation.override("en"):
        assert in_french != page_cache.page_key("/record/", "")


def test_a_visitor_with_messages_waiting_sees_them_and_the_cache_keeps_none(rf, record):
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.cache import SessionStore

    request = rf.get("/en/record/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    request._messages.add(25, "Your subscription is confirmed.")

    with translation.override("en"):
        with_message = views.record_index(request).content.decode()
        kept = cache.get(page_cache.page_key("/en/record/", ""))
        without = views.record_index(rf.get("/en/record/")).content.decode()

    assert "Your subscription is confirmed." in with_message
    assert kept is None
    assert "Your subscription is confirmed." not in without


@pytest.mark.parametrize(
    "query", ["?utm_source=mail", "?q=" + "a" * 401, "?state=KEN&theme=999999"]
)
def test_addresses_with_unknown_or_overlong_parameters_or_a_bad_request_are_not_kept(
    client, record, query
):
    name = "panels:record-approach" if "theme" in query else "panels:record-search"
    page = url(name, "en") + query

    first = client.get(page)
    second = client.get(page)

    assert second.context is not None  # rendered again
    assert first.status_code == second.status_code == (400 if "theme" in query else 200)
