"""Whole public pages kept in the shared cache, each under a version that the changes to
what it shows renew.

A cached page is kept with the version it was built from: serving it takes one cache
request (the current version and the page together), no database, no transaction and no
template. It is rendered without the visitor's request, so nothing of any visitor is
kept; the CSRF token and the address of the language form (base.html) are filled in for
each response. A renewal happens at once and again when the transaction commits: a page
read in between must not be kept. With several web processes the cache must be shared
(CACHE_URL, Redis in production).
"""

from __future__ import annotations

import re
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from contextvars import ContextVar
from functools import lru_cache
from typing import Any, Generic, NamedTuple, TypeVar
from urllib.parse import urlencode

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.html import conditional_escape, escape
from django.utils.translation import get_language

from presessions.redis_cache import add_then_set


def current_version(key: str) -> int:
    version = cache.get(key)
    return _first_version(key) if version is None else version


def _first_version(key: str) -> int:
    # Another process may set it meanwhile: theirs wins (add), read back only then.
    version = time.time_ns()
    return version if cache.add(key, version, None) else cache.get(key)


def renew(key: str) -> None:
    """What the pages under this version show has changed: they are out of date now, and
    again once the transaction commits."""
    _bump(key)
    transaction.on_commit(lambda: _bump(key))


def _bump(key: str) -> None:
    cache.set(key, time.time_ns(), None)


class Entry(NamedTuple):
    """A whole page as the cache keeps it: the version it was built from, its content,
    and the random marker standing for the visitor's CSRF token and address."""

    version: int
    content: str
    content_type: str
    marker: str


def render_entry(template: str, context: dict[str, Any], version: int) -> Entry:
    """The page rendered without any request: the language form's token and `next` are
    markers that each response replaces (a marker is random, so no text of a page can
    contain it). A page whose context is only text (a title, a body rendered before) is
    its template's frame, rendered once per language, with the text put in."""
    marker = secrets.token_hex(16)
    extra = {"csrf_token": f"{marker}-csrf", "language_next": f"{marker}-path"}
    if context and all(isinstance(value, str) for value in context.values()):
        frame = _frame(template, tuple(sorted(context)), get_language())

        def own(text: str) -> str:  # the frame's text, with this page's markers
            for name, value in extra.items():
                text = text.replace(f"{_FRAME_MARK}:{name}:", value)
            return text

        pieces = [own(frame[0])]
        for name, text in frame[1:]:
            pieces += [conditional_escape(context[name]), own(text)]
        content = "".join(pieces)
    else:
        content = render_to_string(template, {**context, **extra})
    return Entry(version, content, "text/html; charset=utf-8", marker)


# What stands for the context's texts in a frame; random, so no text can contain it.
_FRAME_MARK = secrets.token_hex(16)


@lru_cache(maxsize=64)
def _frame(template: str, names: tuple[str, ...], language: str | None) -> tuple[Any, ...]:
    """A template rendered with markers for its texts: the text before the first, then
    (name, the text after it) for each place a text goes. Each text must appear as it is
    (`{{ title }}`, escaped as any value), which tests/presessions/test_page_cache.py
    checks for each page kept this way."""
    marks = {name: f"{_FRAME_MARK}:{name}:" for name in (*names, "csrf_token", "language_next")}
    rendered = render_to_string(template, marks)
    found = re.split(f"{_FRAME_MARK}:({'|'.join(map(re.escape, names))}):", rendered)
    if set(found[1::2]) != set(names):
        raise ValueError(f"{template} does not show every one of {names}")
    return (found[0], *zip(found[1::2], found[2::2], strict=True))


# The longest query string of an address whose page is kept.
LONGEST_KEPT = 400


def address_variant(request: HttpRequest, parameters: Iterable[str]) -> str | None:
    """What tells a page apart from the others at its path: its address's parameters, in
    order, so that a page's key comes from its address alone and a cached page costs no
    form and no query. None (not kept) for parameters the page does not read, or an
    overlong query, so that nobody can fill the cache with junk."""
    if set(request.GET) - set(parameters):
        return None
    if len(request.META.get("QUERY_STRING", "")) > LONGEST_KEPT:
        return None
    pairs = sorted((key, value) for key, values in request.GET.lists() for value in values)
    return urlencode(pairs)


# (version key, version) of the page being built, for the values it reads (set by `serve`).
building_under: ContextVar[tuple[str, int] | None] = ContextVar("building_under", default=None)
# What the page being built keeps in the cache besides itself (a count of its rows), to
# write with the page in one round trip: (key, value, timeout).
_kept_with_page: ContextVar[list[tuple[str, Any, int]] | None] = ContextVar(
    "kept_with_page", default=None
)


_Value = TypeVar("_Value")


class HeldValues(Generic[_Value]):
    """What this process holds of the values that pages built under one version read (a
    series, the filters' choices), so that the next page of the same version does not
    read them again: each is held with the version it was read under, and read again
    under another version, after `seconds` (for the changes that no renewal sees), or
    when `fresh(value)` says it no longer holds. Past `at_most` values, the least
    recently used are let go first. Only read, never changed, by the pages built from it.

    The version is the one of the page being built (`building_under`), or the one given;
    with neither (a page not kept, a feed, a task), the value is read each time."""

    def __init__(self, version_key: str, *, seconds: float, at_most: int) -> None:
        self.version_key = version_key
        self.seconds = seconds
        self.at_most = at_most
        self._values: OrderedDict[Hashable, tuple[int, float, _Value]] = OrderedDict()
        self._lock = threading.Lock()  # the threads of one process share the values

    def version(self) -> int | None:
        """The version of the page being built, if it is built under this version key."""
        under = building_under.get()
        return under[1] if under is not None and under[0] == self.version_key else None

    def get(
        self,
        key: Hashable,
        read: Callable[[], _Value],
        *,
        version: int | None = None,
        fresh: Callable[[_Value], bool] | None = None,
    ) -> _Value:
        version = self.version() if version is None else version
        if version is None:
            return read()
        now = time.monotonic()
        with self._lock:
            held = self._values.get(key)
            if (
                held is not None
                and held[0] == version
                and now - held[1] < self.seconds
                and (fresh is None or fresh(held[2]))
            ):
                self._values.move_to_end(key)
                return held[2]
        value = read()
        with self._lock:
            self._values[key] = (version, now, value)
            self._values.move_to_end(key)
            while len(self._values) > self.at_most:
                self._values.popitem(last=False)
        return value

    def in_order(self) -> list[Hashable]:
        """The keys held, the least recently used first."""
        with self._lock:
            return list(self._values)

    def clear(self) -> None:
        with self._lock:
            self._values.clear()


def keep(key: str, value: Any, timeout: int) -> None:
    """`cache.set`, or, while a page is built, with that page (if it is built)."""
    kept = _kept_with_page.get()
    if kept is None:
        cache.set(key, value, timeout)
    else:
        kept.append((key, value, timeout))


def serve(
    request: HttpRequest,
    *,
    key: str | None,
    version_key: str,
    build: Callable[[], Entry | dict[str, Any]],
    template: str = "",
    seconds: int | Callable[[], int],
) -> HttpResponse:
    """A page from the cache in one read, or built, kept and served. `build` returns the
    template's context, or a whole Entry (a feed); `seconds`, how long the page may be
    kept (or a function that says so once it is built). Not kept (key None: an address
    nobody should fill the cache with; or a visitor with messages waiting, which the page
    must show): rendered as any page."""
    if key is None or _has_messages(request):
        built = build()
        if isinstance(built, Entry):
            return HttpResponse(built.content, content_type=built.content_type)
        return render(request, template, built)
    found = cache.get_many([version_key, key])
    # A version not kept yet (nobody asked for these pages since the cache was emptied)
    # is kept with the page, in the same round trip, unless another process kept one
    # meanwhile: the page is then kept under a version nobody reads.
    version = found.get(version_key)
    new_version = version is None
    if version is None:
        version = time.time_ns()
    entry = found.get(key)
    if not isinstance(entry, Entry) or entry.version != version:
        kept: list[tuple[str, Any, int]] = []
        building = building_under.set((version_key, version))
        keeping = _kept_with_page.set(kept)
        try:
            built = build()
        finally:
            _kept_with_page.reset(keeping)
            building_under.reset(building)
        entry = built if isinstance(built, Entry) else render_entry(template, built, version)
        entry = entry._replace(version=version)
        timeout = seconds() if callable(seconds) else seconds
        first = (version_key, version) if new_version else None
        add_then_set(cache, first, [(key, entry, timeout), *kept])
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
