"""What every answer of the API shares: the language, the rate limit, the page cache,
the pages of a list, the codes of a country.

Answers are kept whole in the shared cache (presessions/page_cache.py) under the same
versions as the pages that show the same things, so a publication, a withdrawal or a
change of consent renews them with the pages. A cached answer is keyed by the operation,
its validated parameters and the language: a parameter the API does not know changes
nothing, and so cannot fill the cache. Nothing of the client is kept in an answer."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from typing import Any, Literal

from django.conf import settings
from django.core.paginator import Page
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries
from ninja import Query
from pydantic import BaseModel

from panels.api import schemas
from presessions import page_cache as pages
from presessions import ratelimits

LANGUAGES = [code for code, _name in settings.LANGUAGES]
# The ?lang= parameter of every endpoint: read by `open_read`, declared by each endpoint
# for the schema (and refused there when it is not one of the three).
Language = Literal["en", "fr", "es"] | None
LANGUAGE = Query(None, description="en, fr or es; without it, the Accept-Language header")
MAX_PAGE_SIZE = 100
MAX_PAGE = 100_000
JSON = "application/json; charset=utf-8"
# The rate limit's group: every endpoint of the API counts together.
RATE_GROUP = "api"


def serve(
    request: HttpRequest,
    *,
    name: str,
    params: dict[str, Any],
    version_key: str,
    seconds: int,
    build: Callable[[], BaseModel],
) -> HttpResponse:
    """The answer from the cache, or built, kept under the version and served. A build
    that raises (a 404) keeps nothing."""
    variant = json.dumps([name, sorted(params.items())], default=str)
    digest = hashlib.sha256(variant.encode()).hexdigest()[:32]
    key = f"api:v1:{name}:{translation.get_language()}:{digest}"

    def entry() -> pages.Entry:
        return pages.Entry(0, build().model_dump_json(), JSON, "")

    return pages.serve(request, key=key, version_key=version_key, build=entry, seconds=seconds)


def page_info(page: Page, requested: int) -> dict[str, Any]:
    """The numbers of a page of a list; a page past the last is not found (the first,
    even empty, always is)."""
    if page.number != requested:
        raise Http404(_("There is no such page."))
    return {
        "count": page.paginator.count,
        "page": page.number,
        "page_size": page.paginator.per_page,
        "pages": page.paginator.num_pages,
        "next": page.next_page_number() if page.has_next() else None,
        "previous": page.previous_page_number() if page.has_previous() else None,
    }


def alpha2(code: str) -> str:
    """A country's alpha-2 code from its alpha-2 or alpha-3 code, or a 404."""
    # Only ASCII letters can be a code here: django-countries reads digits as a numeric code.
    found = countries.alpha2(code) if code.isascii() and code.isalpha() else None
    if not found:
        raise Http404(_("There is no such country."))
    return found


def plain(text: str) -> str:
    """A free-text parameter without the characters a database cannot compare (NUL)."""
    return " ".join(text.replace("\x00", " ").split())


def open_read(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Around every view of the API: counted against the client's rate limit, answered
    in the language asked for (?lang=, else Accept-Language), readable from any origin
    (the data is public and no cookie is read or written), outside a transaction (it
    only reads)."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        asked = request.GET.get("lang", "")
        language = asked if asked in LANGUAGES else translation.get_language()
        with translation.override(language):
            wait = ratelimits.over_read_limit(request, RATE_GROUP)
            if wait is not None:
                response: HttpResponse = JsonResponse(
                    schemas.Message(detail=too_many_requests()).model_dump(),
                    status=429,
                    content_type=JSON,
                )
                response["Retry-After"] = str(wait)
            else:
                response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        response["Content-Language"] = language
        return response

    return transaction.non_atomic_requests(wrapped)


def too_many_requests() -> str:
    return _(
        "Too many requests from your connection in a short while. Please wait a little "
        "and try again."
    )
