"""The cache of the public statement pages: what a publication renews, and what not."""

import pytest
from django.core.cache import cache
from django.utils import translation

from panels.statements import page_cache


def test_renewing_the_lists_changes_every_list_key_but_no_statement_key(db):
    listing = page_cache.list_key("listing", "page=1")
    statement = page_cache.statement_key(55, "ke", 1, "en")

    page_cache.renew_lists()

    assert page_cache.list_key("listing", "page=1") != listing
    assert page_cache.statement_key(55, "KE", 1, "en") == statement


def test_renewing_a_statement_changes_its_key_and_the_lists_but_not_its_neighbours(db):
    listing = page_cache.list_key("listing", "")
    this, neighbour = (page_cache.statement_key(55, "KE", n, "en") for n in (1, 2))

    page_cache.renew_statement(55, "ke", 1)

    assert page_cache.statement_key(55, "KE", 1, "en") != this
    assert page_cache.statement_key(55, "KE", 2, "en") == neighbour
    assert page_cache.list_key("listing", "") != listing


def test_keys_differ_by_language_and_by_variant(db):
    with translation.override("fr"):
        french = page_cache.list_key("listing", "q=santé")

    assert page_cache.list_key("listing", "q=santé") != french
    assert page_cache.list_key("listing", "q=eau") != page_cache.list_key("listing", "q=santé")
    assert page_cache.statement_key(55, "KE", 1, "fr") != page_cache.statement_key(
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
