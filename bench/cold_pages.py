"""What bench/settings.py adds so that bench/pages.py can measure a page never asked
before at every request, even on a page with only a few addresses (the programme, the
home page, the application form), which wrk asks again within a second.

A request with the header `X-Bench-Build: 1` finds no whole page in the cache: the page
is built and written to the cache as for its first visitor. Everything else the site
keeps there (the versions, the counts of the lists, the filters' choices) is read as
usual, as it is for a page that nobody asked before. Without the header, nothing
changes: the trivial view and the cached pages are served as by the site's own settings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest, HttpResponse

from presessions import redis_cache
from presessions.page_cache import Entry

_building = ContextVar("bench_building", default=False)


class BuildEveryPage:
    """The middleware that reads the header, for the cache below."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _building.set(request.headers.get("X-Bench-Build") == "1")
        try:
            return self.get_response(request)
        finally:
            _building.reset(token)


class RedisCache(redis_cache.RedisCache):
    """The site's Redis cache, which hides its whole pages from a request marked so."""

    def get_many(self, keys: Iterable[Any], version: int | None = None) -> dict[Any, Any]:
        found = super().get_many(keys, version=version)
        if _building.get():
            return {key: value for key, value in found.items() if not isinstance(value, Entry)}
        return found
