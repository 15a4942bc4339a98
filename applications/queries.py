"""Reads of the call for applications (the services write). The admin and the views ask
these what a funding request is and what the requests add up to."""

from __future__ import annotations

from decimal import Decimal
from typing import TypedDict

from django.db.models import Q, QuerySet, Sum

from applications.enums import ApplicationStatus
from applications.models import Application
from presessions.models import Series


def funding_requests(
    *, series: Series | None = None, among: QuerySet[Application] | None = None
) -> QuerySet[Application]:
    """The applications that ask for financial support and still stand (a withdrawn one
    asks for nothing), of one series or of all, among `among` (every application by
    default)."""
    queryset = Application.objects.all() if among is None else among
    queryset = queryset.filter(needs_funding=True, status=ApplicationStatus.SUBMITTED)
    if series is not None:
        queryset = queryset.filter(presession__series=series)
    return queryset


class FundingTotals(TypedDict):
    requested: Decimal
    granted: Decimal
    # The budget of the series and what is left of it, when the requests are all of one
    # series (None otherwise, or when the series has no budget).
    budget: Decimal | None
    left: Decimal | None


def funding_totals(requests: QuerySet[Application]) -> FundingTotals:
    """What these funding requests ask for and were granted, against the budget of
    their series when they are all of one."""
    totals = requests.aggregate(requested=Sum("funding_amount"), granted=Sum("funding_granted"))
    series_ids = set(requests.values_list("presession__series", flat=True))
    budget = None
    if len(series_ids) == 1:
        budget = Series.objects.get(pk=series_ids.pop()).support_budget
    granted = totals["granted"] or Decimal(0)
    return {
        "requested": totals["requested"] or Decimal(0),
        "granted": granted,
        "budget": budget,
        "left": None if budget is None else budget - granted,
    }


def next_to_review(application: Application) -> Application | None:
    """The application a reviewer opens after this one, among the submitted applications
    of its Pre-session in the order of their references: the next that still needs a
    rating (not rated, not ineligible), going round to the first ones if need be; when
    every one is rated, simply the next one. None after the last of the country."""
    others = Application.objects.filter(
        presession_id=application.presession_id, status=ApplicationStatus.SUBMITTED
    ).exclude(pk=application.pk)
    unrated = others.filter(rating__isnull=True, is_ineligible=False)
    after = Q(reference__gt=application.reference)
    return (
        unrated.filter(after).order_by("reference").first()
        or unrated.order_by("reference").first()
        or others.filter(after).order_by("reference").first()
    )
