"""The public programme of a series: a page, a print view and iCalendar feeds. Each reads
the programme through panels.programme.public only."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from panels.programme import calendar
from panels.programme import public as public_programme


def _programme(number: int) -> public_programme.Programme:
    series = public_programme.find_series(number)
    if series is None:
        raise Http404
    return public_programme.programme_of(series)


def programme(request: HttpRequest, number: int, *, printable: bool = False) -> HttpResponse:
    published = _programme(number)
    return render(
        request,
        "panels/programme_print.html" if printable else "panels/programme.html",
        {"programme": published, "series": published.series},
    )


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
