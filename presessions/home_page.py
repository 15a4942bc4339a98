"""The home page, kept whole in the page cache (presessions/page_cache.py).

It shows the series: open for applications, to come, past. It is kept under a version
that any change to a series, a Pre-session or a Working Group session renews (the
signals below, in whichever process makes it), and never past the moment it would change
by itself: a call opening or closing, a series ending.

Every page of it (the past series come ten to a page) begins with the same open calls
and series to come: each process renders them once per version of the series and
language, for as long as a page built then may be kept, and the page itself is its
template's frame with the two parts put in (presessions/page_cache.py)."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from django.core.paginator import Paginator
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from presessions import page_cache as pages
from presessions import queries
from presessions.models import PreSession, Series, WorkingGroupSession

PAST_SERIES_PER_PAGE = 10
# What the series are cached under: the home page, and the open read API's series.
SERIES_VERSION = "site:series-version"
# At most, for a change the signals do not see (an update in bulk, the database by hand).
KEPT_AT_MOST = 10 * 60


def serve_home(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    number = request.GET.get("page", "")
    cacheable = set(request.GET) <= {"page"} and (number == "" or number.isdigit())
    key = f"site:home:{get_language()}:{number[:6]}" if cacheable else None

    until: list[dt.datetime] = []

    def build() -> dict[str, Any]:
        current, current_until = _current_part(now)
        until.append(current_until)
        past = Paginator(queries.past_series(now), PAST_SERIES_PER_PAGE).get_page(number or None)
        # Only texts: the page is its template's frame with them put in (page_cache).
        return {
            "current": current,
            "past": mark_safe(  # noqa: S308 - rendered by its template
                render_to_string("presessions/_home_past.html", {"past_page": past})
            ),
        }

    return pages.serve(
        request,
        key=key,
        version_key=SERIES_VERSION,
        build=build,
        template="presessions/home.html",
        seconds=lambda: kept_for(now, until[0]),
    )


# For each language: the open calls and series to come, rendered for an earlier page of
# this version of the series, and until when a page may show them (`_current_part`).
_current_parts: pages.HeldValues[tuple[SafeString, dt.datetime]] = pages.HeldValues(
    SERIES_VERSION, seconds=KEPT_AT_MOST, at_most=16
)


def _current_part(now: dt.datetime) -> tuple[SafeString, dt.datetime]:
    """The open calls and the series to come, and until when a page may show them: as
    rendered for an earlier page of this version of the series, while that holds."""

    def render() -> tuple[SafeString, dt.datetime]:
        current = queries.current_series(now)
        part = mark_safe(  # noqa: S308 - rendered by its template
            render_to_string(
                "presessions/_home_current.html",
                {"open_series": current.open, "upcoming_series": current.upcoming},
            )
        )
        return part, now + dt.timedelta(seconds=kept_for(now, current.next_change))

    return _current_parts.get(get_language(), render, fresh=lambda held: now < held[1])


def kept_for(now: dt.datetime, change: dt.datetime | None) -> int:
    """How many seconds a page built at `now` may be kept, if it changes by itself at
    `change`."""
    if change is None:
        return KEPT_AT_MOST
    return max(1, min(KEPT_AT_MOST, math.ceil((change - now).total_seconds())))


@receiver([post_save, post_delete], sender=Series, dispatch_uid="home.series")
@receiver([post_save, post_delete], sender=PreSession, dispatch_uid="home.presession")
@receiver([post_save, post_delete], sender=WorkingGroupSession, dispatch_uid="home.session")
def _series_changed(**kwargs: Any) -> None:
    pages.renew(SERIES_VERSION)
