"""The cache of the public statement pages, and its renewal.

Lists (the listing, searches, the recommendations, the feed, the filter choices) are
cached under one version of everything published, renewed by any publication or
withdrawal. A statement's own page is cached under a version of that statement alone,
so that a publication does not throw away 10,000 other pages, and is rendered in advance
by a task after each publication. Every renewal happens at once and again when the
transaction commits: a page read in between must not be kept. With several web processes
the cache must be shared (CACHE_URL, Redis in production).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import get_language

_PREFIX = "published-statements"
_VERSION_KEY = f"{_PREFIX}:version"
LIST_SECONDS = 60 * 60
# A statement's page changes only through the services, which renew it; this bounds how
# long a page rendered in advance waits for its first visitor.
STATEMENT_SECONDS = 60 * 60 * 24 * 7


def _bump(key: str) -> None:
    cache.set(key, time.time_ns(), None)


def _renew(key: str) -> None:
    _bump(key)
    transaction.on_commit(lambda: _bump(key))


def _current(key: str) -> int:
    version = cache.get(key)
    if version is None:
        cache.add(key, time.time_ns(), None)
        version = cache.get(key)
    return version


def renew_lists() -> None:
    """Something was published or withdrawn: every list is out of date."""
    _renew(_VERSION_KEY)


def renew_statement(number: int, alpha2: str, position: int) -> None:
    """One statement changed: its own page is out of date, and so is every list."""
    _renew(_statement_version_key(number, alpha2, position))
    renew_lists()


def lists_version() -> int:
    return _current(_VERSION_KEY)


def _statement_version_key(number: int, alpha2: str, position: int) -> str:
    return f"{_PREFIX}:statement-version:{number}:{alpha2.upper()}:{position}"


def list_key(name: str, variant: str) -> str:
    """Where a list page is cached: by language, by the version of what is published."""
    digest = hashlib.sha256(variant.encode()).hexdigest()[:32]
    return f"{_PREFIX}:list:{name}:{get_language()}:{lists_version()}:{digest}"


def statement_key(number: int, alpha2: str, position: int, language: str | None = None) -> str:
    version = _current(_statement_version_key(number, alpha2, position))
    language = language or get_language()
    return f"{_PREFIX}:statement:{language}:{number}:{alpha2.upper()}:{position}:{version}"


def get_or_build(key: str | None, build: Callable[[], Any], seconds: int) -> Any:
    """The rendered parts of a page from the cache, or built and kept (key None: never
    kept). A build that raises (a 404) keeps nothing."""
    if key is None:
        return build()
    parts = cache.get(key)
    if parts is None:
        parts = build()
        cache.set(key, parts, seconds)
    return parts


def cached_value(name: str, build: Callable[[], Any]) -> Any:
    """A value derived from what is published (the filter choices), per language."""
    return get_or_build(
        f"{_PREFIX}:value:{name}:{get_language()}:{lists_version()}",
        build,
        LIST_SECONDS,
    )
