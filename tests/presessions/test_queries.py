"""Reads of the series side."""

import datetime as dt

import pytest
from django.utils import timezone

from presessions import queries
from presessions.enums import EmailStatus, RegistrationStatus
from presessions.models import (
    Event,
    Mailing,
    MailingRecipient,
    OutboundEmail,
    Registration,
    Subscriber,
)
from tests.factories import PreSessionFactory, SeriesFactory

pytestmark = pytest.mark.django_db

START = timezone.make_aware(dt.datetime(2027, 3, 22, 14, 0))


def event_with(title, capacity, statuses, series):
    event = Event.objects.create(
        series=series, kind="online_training", title=title, starts_at=START,
        ends_at=START + dt.timedelta(hours=2), capacity=capacity,
    )  # fmt: skip
    for n, status in enumerate(statuses):
        Registration.objects.create(
            event=event, name=f"P{n}", email=f"p{n}@example.org", language="en", status=status
        )
    return event


def test_events_with_seats_says_which_events_are_full():
    series = SeriesFactory(session__number=55)
    confirmed, waiting = RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED
    cancelled = RegistrationStatus.CANCELLED
    event_with("Free seats", 2, [confirmed, cancelled], series)
    event_with("Full", 2, [confirmed, confirmed, waiting], series)
    event_with("Over capacity", 1, [confirmed, confirmed], series)

    rows = queries.events_with_seats().order_by("title")

    assert [(e.title, e.taken, e.waiting_count, e.is_full) for e in rows] == [
        ("Free seats", 1, 0, False),
        ("Full", 2, 1, True),
        ("Over capacity", 2, 0, True),
    ]


# The series of the home page -----------------------------------------------------------

NOW = timezone.make_aware(dt.datetime(2027, 1, 10, 12, 0))


def series_at(number, *, opens, closes, starts):
    """A series of session `number` whose call runs between the days `opens` and `closes`
    after NOW, and which is held from the day `starts` after NOW for four days."""
    first = NOW.date() + dt.timedelta(days=starts)
    return SeriesFactory(
        session__number=number,
        session__starts_on=first + dt.timedelta(days=30),
        starts_on=first,
        ends_on=first + dt.timedelta(days=3),
        call_opens_at=NOW + dt.timedelta(days=opens),
        call_closes_at=NOW + dt.timedelta(days=closes),
    )


def test_the_series_of_the_home_page_each_in_one_place():
    open_later = series_at(61, opens=-10, closes=20, starts=60)
    open_sooner = series_at(62, opens=-5, closes=5, starts=90)
    not_open_yet = series_at(63, opens=10, closes=40, starts=120)
    closed_to_come = series_at(64, opens=-60, closes=-1, starts=10)
    being_held = series_at(65, opens=-90, closes=-30, starts=-1)
    past_older = series_at(58, opens=-500, closes=-450, starts=-400)
    past_newer = series_at(59, opens=-300, closes=-250, starts=-200)

    current = queries.current_series(NOW)

    assert current.open == [open_sooner, open_later]
    assert current.upcoming == [being_held, closed_to_come, not_open_yet]
    assert list(queries.past_series(NOW)) == [past_newer, past_older]
    # The soonest of: a closing (5 days), an opening (10), the midnight after an end (2).
    assert current.next_change == timezone.make_aware(
        dt.datetime.combine(being_held.ends_on + dt.timedelta(days=1), dt.time())
    )


def test_a_call_is_open_from_its_opening_to_just_before_its_closing():
    series = series_at(61, opens=0, closes=1, starts=60)

    assert queries.current_series(NOW).open == [series]
    assert queries.current_series(NOW).next_change == series.call_closes_at
    assert queries.current_series(NOW + dt.timedelta(days=1)).open == []
    assert queries.current_series(NOW + dt.timedelta(days=1)).upcoming == [series]


def test_series_with_countries_lists_them_in_review_order(django_assert_num_queries):
    series = SeriesFactory(session__number=55)
    for order, country in [(3, "UG"), (1, "KE"), (2, "EC")]:
        PreSessionFactory(series=series, country=country, review_order=order)

    with django_assert_num_queries(2):
        read = queries.series_with_countries().get(pk=series.pk)
        codes = [p.country.code for p in read.presessions.all()]
        number = read.number

    assert (codes, number) == (["KE", "EC", "UG"], 55)


# The invitations to the mailing list ---------------------------------------------------


def test_mailings_with_progress_counts_each_mailings_recipients():
    statuses = {
        "sent": EmailStatus.SENT,
        "failed": EmailStatus.FAILED,
        "queued": EmailStatus.QUEUED,
    }
    plans = {55: ["sent", "sent", "failed", "queued", None], 56: [None], 57: []}
    for number, plan in plans.items():
        mailing = Mailing.objects.create(series=SeriesFactory(session__number=number))
        for n, status in enumerate(plan):
            subscriber = Subscriber.objects.create(
                email=f"d{number}-{n}@mission.example.org", language="en"
            )
            email = None
            if status:
                email = OutboundEmail.objects.create(
                    to=subscriber.email, kind="mailing_invitation", language="en",
                    subject="Invitation", body_text=".", status=statuses[status],
                )  # fmt: skip
            MailingRecipient.objects.create(mailing=mailing, subscriber=subscriber, email=email)

    rows = queries.mailings_with_progress().order_by("series__session__number")

    assert [(m.recipient_total, m.sent_count, m.failed_count) for m in rows] == [
        (5, 2, 1),
        (1, 0, 0),
        (0, 0, 0),
    ]
