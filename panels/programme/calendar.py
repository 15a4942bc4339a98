"""The programme as iCalendar (RFC 5545), for the missions' and speakers' calendars.

Events are in Geneva time with the VTIMEZONE that RFC 5545 requires for a TZID, and each
has a UID that stays the same when the programme is published again (so calendars update
the event instead of adding a second one), under the site's own host name."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from panels.programme.public import GENEVA, Programme, ProgrammeMeeting

# Control characters (a tab or line break typed into a room's name) have no place in a
# one-line property; icalendar escapes the rest.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def _line(text: str) -> str:
    return " ".join(_CONTROL.sub(" ", text).split())


def site_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def event_uid(number: int, alpha3: str) -> str:
    return f"presession-{number}-{alpha3}@{site_host()}"


def _description(meeting: ProgrammeMeeting) -> str:
    if meeting.speakers_to_be_confirmed:
        speakers = _("Speakers to be confirmed.")
    else:
        speakers = _("Speakers: %(organisations)s") % {
            "organisations": "; ".join(_line(name) for name in meeting.organisations)
        }
    return "\n".join(
        [speakers, _("Recording and photography are not permitted during the Pre-sessions.")]
    )


def programme_calendar(programme: Programme, meetings: Sequence[ProgrammeMeeting]) -> bytes:
    series = programme.series
    cal = Calendar()
    cal.add("prodid", "-//Pre-sessions//Programme//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", _line(str(series)))
    cal.add("x-wr-timezone", GENEVA.key)
    page = settings.SITE_URL + reverse("panels:programme", args=[series.number])
    stamp = timezone.now().astimezone(dt.UTC)
    for meeting in meetings:
        event = Event()
        event.add("uid", event_uid(series.number, meeting.alpha3))
        event.add("dtstamp", stamp)
        event.add("dtstart", meeting.start.astimezone(GENEVA))
        event.add("dtend", meeting.end.astimezone(GENEVA))
        summary = _("Pre-session: %(country)s") % {"country": meeting.country.name}
        event.add("summary", _line(summary))
        event.add("location", _line(f"{meeting.room}, {series.venue}"))
        event.add("url", page)
        event.add("description", _description(meeting))
        cal.add_component(event)
    # The time zone's rules for the years of the meetings only, not half a century of them.
    years = [m.start.year for m in meetings] or [series.starts_on.year]
    cal.add_missing_timezones(
        first_date=dt.date(min(years), 1, 1), last_date=dt.date(max(years) + 1, 1, 1)
    )
    for zone in cal.walk("VTIMEZONE"):
        zone.pop("COMMENT", None)  # icalendar's note on that range, not for calendar users
    return cal.to_ical()
