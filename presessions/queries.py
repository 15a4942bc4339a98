"""Reads of the series side, with what each page needs fetched in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    F,
    Prefetch,
    Q,
    QuerySet,
)
from django.utils import timezone

from presessions.enums import EmailStatus, RegistrationStatus
from presessions.models import Event, Mailing, PreSession, Series, SeriesQuerySet


def series_with_countries() -> SeriesQuerySet:
    return Series.objects.select_related("session").prefetch_related(
        Prefetch("presessions", queryset=PreSession.objects.order_by("review_order"))
    )


@dataclass(frozen=True)
class CurrentSeries:
    """The series of the home page that are not past, read at one moment."""

    open: list[Series]  # the call for applications open, the nearest deadline first
    upcoming: list[Series]  # still to be held, the call not open (not yet, or closed)
    # When these lists, or the past series, next change by themselves: a call opens or
    # closes, a series ends (it is past from the next midnight, Geneva time).
    next_change: dt.datetime | None


def current_series(now: dt.datetime | None = None) -> CurrentSeries:
    """Two queries: the series open or still to be held, and their countries."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    rows = list(
        series_with_countries().filter(
            Q(ends_on__gte=today) | Q(call_opens_at__lte=now, call_closes_at__gt=now)
        )
    )
    moments = [m for s in rows for m in (s.call_opens_at, s.call_closes_at) if m > now]
    moments += [
        timezone.make_aware(dt.datetime.combine(s.ends_on + dt.timedelta(days=1), dt.time()))
        for s in rows
        if s.ends_on >= today
    ]
    return CurrentSeries(
        open=sorted(
            (s for s in rows if s.call_is_open(now)), key=lambda s: (s.call_closes_at, s.pk)
        ),
        upcoming=sorted(
            (s for s in rows if not s.call_is_open(now) and s.ends_on >= today),
            key=lambda s: (s.starts_on, s.pk),
        ),
        next_change=min(moments, default=None),
    )


def past_series(now: dt.datetime | None = None) -> QuerySet[Series]:
    today = timezone.localdate(now or timezone.now())
    return Series.objects.select_related("session").filter(ends_on__lt=today).order_by("-starts_on")


def events_with_seats(queryset: QuerySet | None = None) -> QuerySet:
    """Events with the seats taken (``taken``), whether every seat is taken (``is_full``)
    and the length of their waiting list (``waiting_count``), counted in the same query."""
    queryset = queryset if queryset is not None else Event.objects.all()
    return queryset.annotate(
        taken=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)),
        waiting_count=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)
        ),
    ).annotate(is_full=ExpressionWrapper(Q(taken__gte=F("capacity")), output_field=BooleanField()))


def mailings_with_progress(queryset: QuerySet[Mailing] | None = None) -> QuerySet[Mailing]:
    """Mailings with their recipients counted in the same query: all of them
    (``recipient_total``), those whose email was sent (``sent_count``) or failed
    (``failed_count``)."""
    queryset = queryset if queryset is not None else Mailing.objects.all()
    return queryset.annotate(
        recipient_total=Count("recipients"),
        sent_count=Count("recipients", filter=Q(recipients__email__status=EmailStatus.SENT)),
        failed_count=Count("recipients", filter=Q(recipients__email__status=EmailStatus.FAILED)),
    )
