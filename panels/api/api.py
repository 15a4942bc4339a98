"""The open read API, /api/v1/: its endpoints, its errors and its schema
(/api/v1/openapi.json, read in a browser at /api/v1/docs).

Read-only and open: GET only, no account, no session, no cookie, any origin. Every
endpoint reads through a public door, as the pages do (STYLE.md, "The public has doors
too"), and each module of this folder is one resource."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, re_path
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import ValidationError

from panels.api import problems, reading, record, series, statements

api = NinjaAPI(
    title="Pre-sessions open data",
    version="1",
    description=(
        "Everything the Pre-sessions publish, as JSON: the series and their countries, "
        "the published programmes, the published statements with their recommendations "
        "and materials, and the UPR record of who recommended what to whom at earlier "
        "reviews. Only what speakers agreed to publish appears, as on the pages. "
        "Lists are paginated (page, page_size); `lang` (en, fr, es) or Accept-Language "
        "chooses the language of names; each client address may send a limited number "
        "of requests a minute (429 beyond)."
    ),
    urls_namespace="api",
)

api.add_router("", series.router)
api.add_router("", statements.router)
# The UPR record (panels/record/), read through the record's own public door.
api.add_router("", record.router)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    message = str(exc) if exc.args else _("Not found.")
    return api.create_response(request, {"detail": message}, status=404)


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """A parameter that does not fit: which, and why, in the language of the answer."""
    return api.create_response(request, {"detail": problems.message(exc.errors)}, status=422)


def no_such_endpoint(request: HttpRequest, path: str = "") -> HttpResponse:
    """Any other address under the API: a 404 in JSON like the others."""
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


def urls() -> tuple[list[URLPattern | URLResolver], str, str]:
    """The API's addresses, for path(): every view counted, translated and opened by
    `reading.open_read`, and a JSON 404 for any other address."""
    patterns, app_name, namespace = api.urls
    patterns = [*patterns, re_path(r"^(?P<path>.*)$", no_such_endpoint, name="no-such-endpoint")]
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            # The root has no endpoint: kept by its name, for the schema's links.
            view = no_such_endpoint if pattern.name == "api-root" else pattern.callback
            pattern.callback = reading.open_read(view)
    return patterns, app_name, namespace
