"""The public programme of a series: a page, a print view and iCalendar feeds."""

from __future__ import annotations

import itertools

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from presessions.models import Series

from . import calendar, queries


def _series(number: int) -> Series:
    return get_object_or_404(Series.objects.select_related("session"), session__number=number)


def _days(programme: list[queries.ProgrammeMeeting]):
    def local_date(item: queries.ProgrammeMeeting):
        return timezone.localtime(item.meeting.published_start).date()

    return [(day, list(items)) for day, items in itertools.groupby(programme, key=local_date)]


def programme(request: HttpRequest, number: int, *, printable: bool = False) -> HttpResponse:
    series = _series(number)
    meetings = queries.published_programme(series)
    return render(
        request,
        "panels/programme_print.html" if printable else "panels/programme.html",
        {"series": series, "days": _days(meetings), "published": bool(meetings)},
    )


def programme_print(request: HttpRequest, number: int) -> HttpResponse:
    return programme(request, number, printable=True)


def programme_ics(request: HttpRequest, number: int) -> HttpResponse:
    series = _series(number)
    meetings = queries.published_programme(series)
    if not meetings:
        raise Http404
    return _calendar_response(
        calendar.programme_calendar(series, meetings, request), f"pre-sessions-{number}.ics"
    )


def meeting_ics(request: HttpRequest, number: int, code: str) -> HttpResponse:
    series = _series(number)
    meetings = [
        m for m in queries.published_programme(series)
        if m.meeting.presession.country.alpha3 == code.upper()
    ]  # fmt: skip
    if not meetings:
        raise Http404(_("No published meeting for this country."))
    return _calendar_response(
        calendar.programme_calendar(series, meetings, request),
        f"pre-session-{number}-{code.upper()}.ics",
    )


def _calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
