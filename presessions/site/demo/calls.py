"""The series whose call has just closed, its applications rated by the reviewers and
no panel yet (where a coordinator starts the README's walk), and the series whose call
is open, with its first applications."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from applications import services as application_services
from applications.models import Application
from presessions.models import Series
from presessions.site.demo import applicants
from presessions.site.demo.after_selection import set_mission_addresses

# Applications per State, in the Working Group's order: 60 in all, Monaco none.
CLOSED_CALL_APPLICATIONS = [4, 7, 6, 5, 0, 2, 6, 4, 3, 8, 3, 7, 4, 1]
# One found ineligible by the reviewers, one withdrawn by its organisation.
INELIGIBLE_IN = "NG"
INELIGIBLE_REASON = "The organisation works on another State than the one under review."
WITHDRAWN_IN = "MX"
OPEN_CALL_APPLICATIONS = [2, 3, 2, 0, 1, 2, 0, 1, 1, 0, 1, 1, 2, 2]


def run_closed_call(series: Series) -> bool:
    """Unless the series already has applications; whether it ran."""
    if Application.objects.filter(presession__series=series).exists():
        return False
    rng = random.Random(series.number)
    series.support_budget = Decimal(30000)
    series.save(update_fields=["support_budget"])
    set_mission_addresses(series, unknown=("BZ",))
    applications = applicants.apply_to_series(
        rng,
        list(series.presessions.order_by("review_order")),
        CLOSED_CALL_APPLICATIONS,
        first=series.call_opens_at + dt.timedelta(days=2),
        last=series.call_closes_at - dt.timedelta(hours=2),
        rated=1.0,
    )
    ineligible = next(a for a in applications if a.presession.country.code == INELIGIBLE_IN)
    ineligible.is_ineligible, ineligible.ineligible_reason = True, INELIGIBLE_REASON
    ineligible.rating, ineligible.review_notes = None, ""
    ineligible.save(update_fields=["is_ineligible", "ineligible_reason", "rating", "review_notes"])
    withdrawn = next(a for a in applications if a.presession.country.code == WITHDRAWN_IN)
    application_services.withdraw_application(
        application=withdrawn, now=series.call_closes_at - dt.timedelta(days=9)
    )
    return True


def run_open_call(series: Series) -> bool:
    """Unless the series already has applications; whether it ran."""
    if Application.objects.filter(presession__series=series).exists():
        return False
    rng = random.Random(series.number)
    applicants.apply_to_series(
        rng,
        list(series.presessions.order_by("review_order")),
        OPEN_CALL_APPLICATIONS,
        first=series.call_opens_at + dt.timedelta(hours=3),
        last=timezone.now() - dt.timedelta(hours=1),
        rated=0.3,
    )
    return True
