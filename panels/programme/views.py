"""The public programme of a series: a page, a print view and iCalendar feeds. Each reads
the programme through panels.programme.public only; the page and the print view are kept
in the page cache (panels.programme.page_cache)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from panels.programme import calendar, page_cache
from panels.programme import public as public_programme
from presessions import page_cache as pages
from presessions.models import Series

# The series of the programme's pages, as read for an earlier page of the same version
# (the other language, the print view), by number.
_held_series: pages.HeldValues[Series | None] = pages.HeldValues(
    page_cache.VERSION, seconds=page_cache.SECONDS, at_most=64
)


def _programme(number: int) -> public_programme.Programme:
    series = _held_series.get(number, lambda: public_programme.find_series(number))
    if series is None:
        raise Http404
    return public_programme.programme_of(series)


@transaction.non_atomic_requests
def programme(request: HttpRequest, number: int, *, printable: bool = False) -> HttpResponse:
    """Kept whole in the page cache until anything it reads changes (page_cache); its
    days are written by the `programme_days` tag."""

    def build() -> dict[str, Any]:
        published = _programme(number)
        body = render_to_string(
            "panels/_programme_print_body.html" if printable else "panels/_programme_body.html",
            {"programme": published, "series": published.series},
        )
        # Only texts: the page is its template's frame with them put in (page_cache).
        return {"series": str(published.series), "body": mark_safe(body)}  # noqa: S308

    return pages.serve(
        request,
        key=page_cache.page_key(number, printable=printable),
        version_key=page_cache.VERSION,
        build=build,
        template="panels/programme_print.html" if printable else "panels/programme.html",
        seconds=page_cache.SECONDS,
    )


@transaction.non_atomic_requests
def programme_print(request: HttpRequest, number: int) -> HttpResponse:
    return programme(request, number, printable=True)


def programme_ics(request: HttpRequest, number: int) -> HttpResponse:
    published = _programme(number)
    if not published.is_published:
        raise Http404
    return _calendar_response(
        calendar.programme_calendar(published, published.meetings), f"pre-sessions-{number}.ics"
    )


def meeting_ics(request: HttpRequest, number: int, code: str) -> HttpResponse:
    published = _programme(number)
    meeting = published.meeting_of(code)
    if meeting is None:
        raise Http404(_("No published meeting for this country."))
    return _calendar_response(
        calendar.programme_calendar(published, [meeting]),
        f"pre-session-{number}-{meeting.alpha3}.ics",
    )


def _calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
