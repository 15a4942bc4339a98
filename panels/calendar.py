"""The programme as iCalendar (RFC 5545), for the missions' and speakers' calendars."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from presessions.models import Series

from .queries import ProgrammeMeeting


def programme_calendar(
    series: Series, meetings: list[ProgrammeMeeting], request: HttpRequest
) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Pre-sessions//Programme//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", str(series))
    page = request.build_absolute_uri(reverse("panels:programme", args=[series.number]))
    for item in meetings:
        meeting = item.meeting
        country = meeting.presession.country
        event = Event()
        event.add("uid", f"presession-{series.number}-{country.alpha3}@presessions")
        event.add("summary", _("Pre-session: %(country)s") % {"country": country.name})
        event.add("dtstart", timezone.localtime(meeting.published_start))
        event.add("dtend", timezone.localtime(meeting.published_end))
        event.add("dtstamp", timezone.now())
        event.add("location", f"{meeting.published_room}, {series.venue}")
        event.add("url", page)
        lines = [_("Speakers: %(organisations)s") % {"organisations": "; ".join(
            item.organisations
        )}, _("Recording and photography are not permitted during the Pre-sessions.")]  # fmt: skip
        event.add("description", "\n".join(lines))
        cal.add_component(event)
    return cal.to_ical()
