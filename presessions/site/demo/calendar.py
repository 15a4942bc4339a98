"""The demo's series: which Working Group session each precedes, its States in the
Working Group's order (public UPR records, see the README's data sources) and its dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from presessions.models import PreSession, Series, WorkingGroupSession

PAST_SESSIONS = {
    49: (
        dt.date(2025, 4, 28),
        dt.date(2025, 5, 9),
        ["AM", "GD", "GN", "GW", "GY", "KE", "KI", "KW", "KG", "LS", "LA", "ES", "SE", "TR"],
    ),
    50: (
        dt.date(2025, 11, 3),
        dt.date(2025, 11, 14),
        ["MV", "AD", "BY", "BG", "HR", "HN", "JM", "LY", "LR", "MW", "MN", "MH", "PA"],
    ),
}
# The 5th cycle reviews the States of the 4th in the same order, fourteen sessions later.
PROGRAMME_SESSION = 58  # after selection, programme published (the States of session 44)
PROGRAMME_STATES = [
    "TM", "BF", "CV", "CO", "UZ", "TV", "DE", "DJ", "CA", "BD", "RU", "AZ", "CM", "CU",
]  # fmt: skip
SELECTION_SESSION = 59  # call closed, no panel yet (the States of session 45)
SELECTION_STATES = [
    "SA", "SN", "MY", "CF", "MC", "BZ", "TD", "CG", "CN", "NG", "MU", "MX", "JO", "MT",
]  # fmt: skip
OPEN_SESSION = 60  # call open (the States of session 46)
OPEN_SESSION_STATES = [
    "NZ", "AF", "CL", "CY", "UY", "YE", "VU", "MK", "KM", "SK", "ER", "VN", "DO", "KH",
]  # fmt: skip


def tuesday_on_or_after(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=(1 - day.weekday()) % 7)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


@dataclass(frozen=True)
class Dates:
    series_starts: dt.date
    call_opens: dt.datetime
    call_closes: dt.datetime


def dates_from_today(session: int, today: dt.date) -> Dates:
    """Dates that keep each stage true: 58 meets in two to three weeks, 59 in about six
    (its call closed a few days ago), 60 in about four months (its call open)."""
    if session == PROGRAMME_SESSION:
        return Dates(
            tuesday_on_or_after(today + dt.timedelta(days=14)),
            at(today - dt.timedelta(days=140), 9),
            at(today - dt.timedelta(days=60), 23, 59),
        )
    if session == SELECTION_SESSION:
        return Dates(
            tuesday_on_or_after(today + dt.timedelta(days=42)),
            at(today - dt.timedelta(days=100), 9),
            at(today - dt.timedelta(days=3), 23, 59),
        )
    return Dates(
        tuesday_on_or_after(today + dt.timedelta(days=110)),
        at(today - dt.timedelta(days=14), 9),
        at(today + dt.timedelta(days=60), 23, 59),
    )


def ensure_series(
    number: int,
    states: list[str],
    *,
    wg_starts: dt.date,
    series_starts: dt.date,
    call_opens: dt.datetime,
    call_closes: dt.datetime,
) -> Series:
    """The series before session `number`, with its States; left as it is if it exists."""
    session, _ = WorkingGroupSession.objects.get_or_create(
        number=number,
        defaults={"starts_on": wg_starts, "ends_on": wg_starts + dt.timedelta(days=11)},
    )
    series, _ = Series.objects.get_or_create(
        session=session,
        defaults={
            "starts_on": series_starts,
            "ends_on": series_starts + dt.timedelta(days=3),
            "call_opens_at": call_opens,
            "call_closes_at": call_closes,
            # The venue in each language of the site (English is the field's default).
            "venue_fr": "Palais des Nations, Genève",
            "venue_es": "Palais des Nations, Ginebra",
        },
    )
    for order, code in enumerate(states, start=1):
        PreSession.objects.get_or_create(
            series=series, country=code, defaults={"review_order": order}
        )
    return series


def past_series(number: int) -> Series:
    wg_starts, _wg_ends, states = PAST_SESSIONS[number]
    series_starts = tuesday_on_or_after(wg_starts - dt.timedelta(days=31))
    return ensure_series(
        number,
        states,
        wg_starts=wg_starts,
        series_starts=series_starts,
        call_opens=at(series_starts - dt.timedelta(days=120), 9),
        call_closes=at(series_starts - dt.timedelta(days=50), 23, 59),
    )


def series_from_today(number: int, states: list[str], today: dt.date) -> Series:
    dates = dates_from_today(number, today)
    return ensure_series(
        number,
        states,
        wg_starts=dates.series_starts + dt.timedelta(days=34),
        series_starts=dates.series_starts,
        call_opens=dates.call_opens,
        call_closes=dates.call_closes,
    )
