"""Reads of the series side, with what each page needs fetched in a fixed number of queries."""

from __future__ import annotations

import datetime as dt

from django.db.models import BooleanField, Count, ExpressionWrapper, F, Prefetch, Q, QuerySet
from django.utils import timezone

from presessions.enums import EmailStatus, RegistrationStatus
from presessions.models import Event, Mailing, PreSession, Series, SeriesQuerySet


def series_with_countries() -> SeriesQuerySet:
    return Series.objects.select_related("session").prefetch_related(
        Prefetch("presessions", queryset=PreSession.objects.order_by("review_order"))
    )


def open_series(now: dt.datetime | None = None) -> QuerySet[Series]:
    """Series whose call for applications is open, the nearest deadline first."""
    return series_with_countries().with_open_call(now).order_by("call_closes_at")


def upcoming_series(now: dt.datetime | None = None) -> QuerySet[Series]:
    """Series still to be held whose call is not open (not yet, or already closed)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    return (
        series_with_countries()
        .filter(ends_on__gte=today)
        .exclude(call_opens_at__lte=now, call_closes_at__gt=now)
        .order_by("starts_on")
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
