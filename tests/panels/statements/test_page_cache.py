"""The cache of the public statement pages: what a publication renews, and what not."""

import pytest
from django.core.cache import cache
from django.utils import translation
from django.utils.safestring import mark_safe

from panels.statements import page_cache
from presessions import page_cache as pages


def test_renewing_the_lists_changes_the_lists_version_but_no_statement_version(db):
    listing = page_cache.lists_version()
    statement = pages.current_version(page_cache.statement_version_key(55, "ke", 1))

    page_cache.renew_lists()

    assert page_cache.lists_version() != listing
    assert pages.current_version(page_cache.statement_version_key(55, "KE", 1)) == statement


def test_renewing_a_statement_changes_its_version_and_the_lists_but_not_its_neighbours(db):
    listing = page_cache.lists_version()
    this, neighbour = (
        pages.current_version(page_cache.statement_version_key(55, "KE", n)) for n in (1, 2)
    )

    page_cache.renew_statement(55, "ke", 1)

    assert pages.current_version(page_cache.statement_version_key(55, "KE", 1)) != this
    assert pages.current_version(page_cache.statement_version_key(55, "KE", 2)) == neighbour
    assert page_cache.lists_version() != listing


def test_keys_differ_by_language_and_by_variant(db):
    with translation.override("fr"):
        french = page_cache.page_key("listing", "q=santé")

    assert page_cache.page_key("listing", "q=santé") != french
    assert page_cache.page_key("listing", "q=eau") != page_cache.page_key("listing", "q=santé")
    assert page_cache.statement_page_key(55, "KE", 1, "fr") != page_cache.statement_page_key(
        55, "KE", 1, "es"
    )


def test_get_or_build_builds_once_then_reads_the_cache(db):
    built = []

    def build():
        built.append(1)
        return {"html": "<p>page</p>"}

    first = page_cache.get_or_build("some-key", build, 60)
    second = page_cache.get_or_build("some-key", build, 60)

    assert first == second == {"html": "<p>page</p>"}
    assert len(built) == 1


def test_get_or_build_without_a_key_and_a_failed_build_keep_nothing(db):
    calls = []
    page_cache.get_or_build(None, lambda: calls.append(1) or "fresh", 60)
    page_cache.get_or_build(None, lambda: calls.append(1) or "fresh", 60)

    def not_found():
        raise LookupError("404")

    with pytest.raises(LookupError):
        page_cache.get_or_build("missing", not_found, 60)

    assert len(calls) == 2
    assert cache.get("missing") is None


def test_a_renewal_inside_a_transaction_happens_again_when_it_commits(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page_cache.renew_lists()
    during = page_cache.lists_version()

    for callback in callbacks:
        callback()

    assert len(callbacks) == 1
    assert page_cache.lists_version() != during


def test_cached_value_is_renewed_with_the_lists(db):
    values = iter(["first", "second"])

    before = page_cache.cached_value("choices", lambda: next(values))
    again = page_cache.cached_value("choices", lambda: next(values))
    page_cache.renew_lists()
    after = page_cache.cached_value("choices", lambda: next(values))

    assert (before, again, after) == ("first", "first", "second")


def test_held_values_let_go_the_least_recently_used_first(db, monkeypatch):
    # The count of each search and filter is held beside the ids and choices that every
    # page reads: a few thousand searches let go of the oldest counts, not of those.
    monkeypatch.setattr(page_cache._held, "at_most", 5)
    page_cache._held.clear()
    page_cache.cached_value("every-id", lambda: "ids")
    for number in range(20):
        page_cache.cached_value(f"count:{number}", lambda number=number: number)
        assert page_cache.cached_value("every-id", lambda: "built again") == "ids"

    held = [name for name, _language in page_cache._held.in_order()]
    assert held == ["count:16", "count:17", "count:18", "count:19", "every-id"]


# Serving whole pages -----------------------------------------------------------------------


class CountingCache:
    """The cache, counting the requests made to it."""

    def __init__(self, real):
        self.real = real
        self.calls = []

    def __getattr__(self, name):
        method = getattr(self.real, name)

        def counted(*args, **kwargs):
            self.calls.append(name)
            return method(*args, **kwargs)

        return counted


@pytest.fixture
def counting_cache(monkeypatch):
    counting = CountingCache(cache)
    monkeypatch.setattr(pages, "cache", counting)
    return counting


def serve(request, build, key="the-page"):
    return pages.serve(
        request,
        key=key,
        version_key=page_cache.LISTS,
        build=build,
        template="panels/statement_list.html",
        seconds=60,
    )


def test_a_cached_page_costs_one_cache_request_no_query_and_no_transaction(
    rf, db, counting_cache, django_assert_num_queries, monkeypatch
):
    from django.db import transaction

    serve(rf.get("/en/statements/"), lambda: {"title": "T", "body": mark_safe("<p>B</p>")})
    counting_cache.calls.clear()
    entered = []
    real_enter = transaction.Atomic.__enter__
    monkeypatch.setattr(
        transaction.Atomic, "__enter__", lambda self: entered.append(1) or real_enter(self)
    )

    with django_assert_num_queries(0):
        response = serve(rf.get("/en/statements/"), lambda: pytest.fail("built again"))

    assert counting_cache.calls == ["get_many"]
    assert entered == []
    assert "<p>B</p>" in response.content.decode()


def test_a_cached_page_is_built_again_once_the_lists_are_renewed(rf, db):
    bodies = iter(["<p>first</p>", "<p>second</p>"])

    def build():
        return {"title": "T", "body": mark_safe(next(bodies))}  # noqa: S308

    first = serve(rf.get("/en/statements/"), build).content.decode()
    again = serve(rf.get("/en/statements/"), build).content.decode()
    page_cache.renew_lists()
    after = serve(rf.get("/en/statements/"), build).content.decode()

    assert "<p>first</p>" in first and "<p>first</p>" in again
    assert "<p>second</p>" in after


def test_a_version_not_kept_yet_is_kept_with_the_page(rf, db):
    cache.delete(page_cache.LISTS)

    serve(rf.get("/en/statements/"), lambda: {"title": "T", "body": mark_safe("<p>B</p>")})
    again = serve(rf.get("/en/statements/"), lambda: pytest.fail("built again"))

    assert cache.get(page_cache.LISTS) is not None
    assert "<p>B</p>" in again.content.decode()


def test_a_page_built_while_its_new_version_is_renewed_is_never_served(rf, db):
    cache.delete(page_cache.LISTS)
    bodies = iter(["<p>before the withdrawal</p>", "<p>after</p>"])

    def build():
        body = next(bodies)
        if "before" in body:
            page_cache.renew_lists()  # a withdrawal, while the first page is read
        return {"title": "T", "body": mark_safe(body)}  # noqa: S308

    serve(rf.get("/en/statements/"), build)
    after = serve(rf.get("/en/statements/"), build).content.decode()

    assert "<p>after</p>" in after


def test_each_visitor_gets_their_own_token_and_address_in_a_cached_page(client, db):
    from django.urls import reverse

    first_visitor, second_visitor = client, type(client)()
    url = reverse("panels:statements")

    first = first_visitor.get(url + "?page=1&q=a%22b").content.decode()
    second = second_visitor.get(url + "?q=a%22b&page=1").content.decode()

    token = first_visitor.cookies["csrftoken"].value
    assert token != second_visitor.cookies["csrftoken"].value
    assert 'name="next" type="hidden" value="/en/statements/?page=1&amp;q=a%22b"' in first
    assert 'name="next" type="hidden" value="/en/statements/?q=a%22b&amp;page=1"' in second
    for content in (first, second):
        assert "-csrf" not in content and "-path" not in content
        assert content.count('name="csrfmiddlewaretoken"') == 1
    # The token filled in is one the language form accepts.
    strict = type(client)(enforce_csrf_checks=True)
    strict.get(url)
    page_text = strict.get(url).content.decode()
    value = page_text.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    answer = strict.post(
        reverse("set_language"), {"language": "fr", "next": url, "csrfmiddlewaretoken": value}
    )
    assert answer.status_code == 302


def test_a_visitor_with_messages_waiting_sees_them_and_the_cache_keeps_none(rf, db):
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.cache import SessionStore

    build = lambda: {"title": "T", "body": mark_safe("<p>B</p>")}  # noqa: E731
    request = rf.get("/en/statements/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    request._messages.add(25, "Your statement is saved.")

    with_message = serve(request, build).content.decode()
    without = serve(rf.get("/en/statements/"), build).content.decode()

    assert "Your statement is saved." in with_message
    assert "Your statement is saved." not in without


def test_a_page_is_kept_without_anything_of_the_visitor_who_asked_first(client, db):
    from django.urls import reverse

    served = client.get(reverse("panels:statements")).content.decode()
    served_token = served.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]

    with translation.override("en"):
        entry = cache.get(page_cache.page_key("/en/statements/", ""))
    assert isinstance(entry, pages.Entry)
    assert served_token not in entry.content
    assert client.cookies["csrftoken"].value not in entry.content
    assert f'name="csrfmiddlewaretoken" value="{entry.marker}-csrf"' in entry.content


def test_a_value_read_for_a_page_is_kept_with_the_page_in_the_same_write(rf, db):
    from django.http import Http404

    def build():
        assert page_cache.cached_value("the-count", lambda: 42) == 42
        # Not written yet: it goes with the page, in one round trip on Redis.
        assert [value for _key, value, _timeout in pages._kept_with_page.get()] == [42]
        return {"title": "T", "body": mark_safe("<p>B</p>")}

    def missing():
        page_cache.cached_value("the-missing-count", lambda: 7)
        raise Http404

    serve(rf.get("/en/statements/"), build)
    with pytest.raises(Http404):
        serve(rf.get("/en/statements/?page=9"), missing, key="the-missing-page")
    page_cache._held.clear()  # as another process: only the shared cache

    assert page_cache.cached_value("the-count", lambda: pytest.fail("counted again")) == 42
    assert page_cache.cached_value("the-missing-count", lambda: 8) == 8  # a 404 keeps nothing
    assert pages._kept_with_page.get() is None
