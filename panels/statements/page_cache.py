"""The versions and keys of the public statement pages in the page cache
(presessions/page_cache.py), and the values their lists share.

Lists (the listing, searches, the recommendations, the feed, the filter choices) are
kept under one version of everything published, renewed by any publication or
withdrawal. A statement's own page is kept under a version of that statement alone, so
that a publication does not throw away 10,000 other pages, and is rendered in advance by
a task after each publication.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.utils.translation import get_language

from presessions import page_cache as pages

_PREFIX = "published-statements"
_VERSION_KEY = f"{_PREFIX}:version"
LIST_SECONDS = 60 * 60
# A statement's page changes only through the services, which renew it; this bounds how
# long a page rendered in advance waits for its first visitor.
STATEMENT_SECONDS = 60 * 60 * 24 * 7


def renew_lists() -> None:
    """Something was published or withdrawn: every list is out of date."""
    pages.renew(_VERSION_KEY)


def renew_statement(number: int, alpha2: str, position: int) -> None:
    """One statement changed: its own page is out of date, and so is every list."""
    pages.renew(statement_version_key(number, alpha2, position))
    renew_lists()


def lists_version() -> int:
    return pages.current_version(_VERSION_KEY)


# What list pages are cached under.
LISTS = _VERSION_KEY


def statement_version_key(number: int, alpha2: str, position: int) -> str:
    """The version that one statement's own page is cached under."""
    return f"{_PREFIX}:statement-version:{number}:{alpha2.upper()}:{position}"


def page_key(name: str, variant: str) -> str:
    """Where a list page is cached, by language (the version is kept with the page)."""
    digest = hashlib.sha256(variant.encode()).hexdigest()[:32]
    return f"{_PREFIX}:page:{name}:{get_language()}:{digest}"


def statement_page_key(number: int, alpha2: str, position: int, language: str) -> str:
    return f"{_PREFIX}:page:statement:{language}:{number}:{alpha2.upper()}:{position}"


def get_or_build(key: str | None, build: Callable[[], Any], seconds: int) -> Any:
    """The rendered parts of a page from the cache, or built and kept (key None: never
    kept). A build that raises (a 404) keeps nothing."""
    if key is None:
        return build()
    parts = cache.get(key)
    if parts is None:
        parts = build()
        pages.keep(key, parts, seconds)  # with the page being built, if any
    return parts


# Values derived from what is published, held by this process too, by name and language
# (the count of each search and filter is one: the ids and choices every page reads stay).
_held: pages.HeldValues[Any] = pages.HeldValues(LISTS, seconds=LIST_SECONDS, at_most=2000)


def cached_value(name: str, build: Callable[[], Any], *, per_language: bool = True) -> Any:
    """A value derived from what is published (the filter choices), per language unless
    it holds no words: built once for each version of the lists (and at least every
    LIST_SECONDS, for what the version does not follow, such as a theme's name), shared
    through the cache and held by each process."""
    version = _lists_version()
    language = get_language() if per_language else ""
    digest = hashlib.sha256(name.encode()).hexdigest()[:32]
    key = f"{_PREFIX}:value:{digest}:{language}:{version}"
    return _held.get(
        (name, language), lambda: get_or_build(key, build, LIST_SECONDS), version=version
    )


def held_value(name: str, build: Callable[[], Any]) -> Any:
    """A value derived from what is published held by this process alone, not shared
    through the cache (the search index: megabytes, which each process reads from the
    database faster than from the cache), built again for each version of the lists
    and at least every LIST_SECONDS."""
    return _held.get((name, None), build, version=_lists_version())


def _lists_version() -> int:
    """The version of the lists that the page being built is built under, or else the
    current one."""
    version = _held.version()
    return lists_version() if version is None else version
