"""The cache of the public statement pages, and its renewal.

Lists (the listing, searches, the recommendations, the feed, the filter choices) are
cached under one version of everything published, renewed by any publication or
withdrawal. A statement's own page is cached under a version of that statement alone,
so that a publication does not throw away 10,000 other pages, and is rendered in advance
by a task after each publication. Every renewal happens at once and again when the
transaction commits: a page read in between must not be kept. With several web processes
the cache must be shared (CACHE_URL, Redis in production).

A cached page is the whole page, kept with the version it was built from: serving it
takes one cache request (the current version and the page together), no database and
no template. The page is rendered without the visitor's request; the CSRF token and the
address of the language form are filled in for each response.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, NamedTuple

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.html import escape
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


def current_version(key: str) -> int:
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
    _renew(statement_version_key(number, alpha2, position))
    renew_lists()


def lists_version() -> int:
    return current_version(_VERSION_KEY)


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


class Entry(NamedTuple):
    """A whole page as the cache keeps it: what it was built from (the version), its
    content, and the random marker standing for the visitor's CSRF token and address
    (nothing of any visitor is ever kept)."""

    version: int
    content: str
    content_type: str
    marker: str


def render_entry(template: str, context: dict[str, Any], version: int) -> Entry:
    """The page rendered without any request: the language form's token and `next` are
    markers that each response replaces (a marker is random, so no text of a page can
    contain it)."""
    marker = secrets.token_hex(16)
    content = render_to_string(
        template,
        {**context, "csrf_token": f"{marker}-csrf", "language_next": f"{marker}-path"},
    )
    return Entry(version, content, "text/html; charset=utf-8", marker)


def serve(
    request: HttpRequest,
    *,
    key: str | None,
    version_key: str,
    build: Callable[[], Entry | dict[str, Any]],
    template: str = "",
    seconds: int,
) -> HttpResponse:
    """A page from the cache in one read (its version and itself together), or built,
    kept and served. `build` returns the template's context, or a whole Entry (a feed).
    Not kept (key None: an address nobody should fill the cache with; or a visitor with
    messages waiting, which the page must show): rendered as any page."""
    if key is None or _has_messages(request):
        built = build()
        if isinstance(built, Entry):
            return HttpResponse(built.content, content_type=built.content_type)
        return render(request, template, built)
    found = cache.get_many([version_key, key])
    version = found.get(version_key) or current_version(version_key)
    entry = found.get(key)
    if not isinstance(entry, Entry) or entry.version != version:
        building = _building_under.set(version if version_key == LISTS else None)
        try:
            built = build()
        finally:
            _building_under.reset(building)
        entry = built if isinstance(built, Entry) else render_entry(template, built, version)
        entry = entry._replace(version=version)
        cache.set(key, entry, seconds)
    return respond(request, entry)


def respond(request: HttpRequest, entry: Entry) -> HttpResponse:
    content = entry.content
    if entry.marker:
        content = content.replace(f"{entry.marker}-csrf", get_token(request)).replace(
            f"{entry.marker}-path", escape(request.get_full_path())
        )
    return HttpResponse(content, content_type=entry.content_type)


def _has_messages(request: HttpRequest) -> bool:
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0


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


# The version of the lists that the page being built was read under (set by `serve`).
_building_under: ContextVar[int | None] = ContextVar("building_under", default=None)
# Values derived from what is published, held by this process too: (version, since, value)
# by name and language, one version at a time.
_held: dict[tuple[str, str], tuple[int, float, Any]] = {}
_HELD_AT_MOST = 2000


def cached_value(name: str, build: Callable[[], Any]) -> Any:
    """A value derived from what is published (the filter choices), per language: built
    once for each version of the lists (and at least every LIST_SECONDS, for what the
    version does not follow, such as a theme's name), shared through the cache and held
    by each process."""
    version = _building_under.get() or lists_version()
    language = get_language()
    now = time.monotonic()
    held = _held.get((name, language))
    if held is not None and held[0] == version and now - held[1] < LIST_SECONDS:
        return held[2]
    digest = hashlib.sha256(name.encode()).hexdigest()[:32]
    value = get_or_build(f"{_PREFIX}:value:{digest}:{language}:{version}", build, LIST_SECONDS)
    if len(_held) >= _HELD_AT_MOST:
        _held.clear()
    _held[(name, language)] = (version, now, value)
    return value
