"""Reads of the call alerts: which series are due, and which subscriptions a series' call
concerns."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from applications.call_alerts.models import CallAlert, CallAlertDelivery
from presessions.models import Series


def series_with_alerts_due() -> list[int]:
    """Ids of the series whose call is open and whose countries are announced: their
    alerts go to every matching subscription not alerted yet."""
    return list(
        Series.objects.with_open_call()
        .filter(presessions__isnull=False)
        .order_by("pk")
        .values_list("pk", flat=True)
        .distinct()
    )


def matching_alerts(countries: list[str]) -> QuerySet[CallAlert]:
    """Confirmed subscriptions for any country or for one of these (two-letter codes).

    The countries of a subscription are stored as "KE,UG": a code is found by `contains`,
    and two letters can only match one code, never the end of one and the start of
    the next, because a comma stands between them."""
    match = Q(any_country=True)
    for code in countries:
        match |= Q(countries__contains=code)
    return CallAlert.objects.filter(match, confirmed_at__isnull=False)


def deliveries_with_details() -> QuerySet[CallAlertDelivery]:
    """The alerts sent, with what their list in the admin shows."""
    return CallAlertDelivery.objects.select_related("alert", "series__session", "email")
