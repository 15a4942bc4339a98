"""The events page of a series runs as many queries for three times the events."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from presessions.enums import EventKind, RegistrationStatus
from presessions.models import Event, Registration, Series
from tests.factories import SeriesFactory
from tests.query_counts import settled_queries_of


def build_events(series: Series, count: int) -> None:
    """Count events, every other one full, with one person on its waiting list."""
    start = timezone.now() + dt.timedelta(days=20)
    offset = series.events.count()
    for n in range(offset, offset + count):
        event = Event.objects.create(
            series=series,
            kind=EventKind.GENEVA_TRAINING,
            title=f"Training {n}",
            starts_at=start + dt.timedelta(days=n),
            ends_at=start + dt.timedelta(days=n, hours=3),
            place="Palais des Nations",
            capacity=1 if n % 2 else 5,
        )
        for m, status in enumerate([RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED]):
            Registration.objects.create(
                event=event, name=f"Guest {n}-{m}", email=f"guest{n}-{m}@example.org",
                language="en", status=status,
            )  # fmt: skip


def test_events_page_runs_the_same_queries_for_three_times_the_events(client, db):
    series = SeriesFactory()
    url = reverse("event-list", args=[series.number])
    build_events(series, 2)
    few = settled_queries_of(client, url)

    build_events(series, 4)
    page = client.get(url).content.decode()

    assert page.count("Register for Training") == 6
    assert page.count("Full: you can join the waiting list.") == 3
    assert settled_queries_of(client, url) == few
