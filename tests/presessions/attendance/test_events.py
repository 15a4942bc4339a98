"""Trainings and the networking event: capacity, waiting list, promotion, reminders."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone

from presessions.attendance import events
from presessions.enums import RegistrationStatus
from presessions.models import Event, Registration
from tests.factories import SeriesFactory

pytestmark = pytest.mark.django_db

START = timezone.make_aware(dt.datetime(2027, 3, 22, 14, 0))


@pytest.fixture
def training():
    series = SeriesFactory(session__number=55)
    return Event.objects.create(
        series=series, kind="online_training", title="UPR advocacy", starts_at=START,
        ends_at=START + dt.timedelta(hours=2), capacity=2,
        online_link="https://meet.example.org/secret-room",
    )  # fmt: skip


def register(client, event, email, capture, language="en"):
    with capture(execute=True):
        return client.post(
            f"/{language}/series/55/events/{event.pk}/register/",
            {"name": email.split("@")[0], "email": email},
        )


def test_seats_then_the_waiting_list(client, training, django_capture_on_commit_callbacks):
    for who in ["a", "b", "c"]:
        register(client, training, f"{who}@example.org", django_capture_on_commit_callbacks)

    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {"a@example.org": "confirmed", "b@example.org": "confirmed",
                        "c@example.org": "waitlisted"}  # fmt: skip
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects["a@example.org"] == "Registered: UPR advocacy"
    assert subjects["c@example.org"] == "Waiting list: UPR advocacy"


def test_the_online_link_is_only_in_the_emails_of_people_with_a_seat(
    client, training, django_capture_on_commit_callbacks
):
    for who in ["a", "b", "c"]:
        register(client, training, f"{who}@example.org", django_capture_on_commit_callbacks)

    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert "https://meet.example.org/secret-room" in bodies["a@example.org"]
    assert "https://meet.example.org/secret-room" not in bodies["c@example.org"]
    for page in [client.get("/en/series/55/events/"),
                 client.get(f"/en/series/55/events/{training.pk}/register/")]:  # fmt: skip
        assert "secret-room" not in page.content.decode()
    assert (
        "Full: you can join the waiting list."
        in client.get("/en/series/55/events/").content.decode()
    )


def test_registering_twice_keeps_one_place(client, training, django_capture_on_commit_callbacks):
    register(client, training, "a@example.org", django_capture_on_commit_callbacks)
    register(client, training, "A@example.org", django_capture_on_commit_callbacks)

    assert Registration.objects.count() == 1


def test_cancelling_promotes_the_first_on_the_waiting_list(
    client, training, django_capture_on_commit_callbacks
):
    for who in ["a", "b", "c", "d"]:
        register(client, training, f"{who}@example.org", django_capture_on_commit_callbacks)
    first = next(m for m in mail.outbox if m.to == ["a@example.org"])
    cancel_path = re.search(r"http://testserver(/en/events/cancel/\S+/)", first.body)[1]
    mail.outbox.clear()

    assert "Yes, cancel my registration" in client.get(cancel_path).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(cancel_path)
        client.post(cancel_path)

    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses["a@example.org"] == RegistrationStatus.CANCELLED
    assert statuses["c@example.org"] == RegistrationStatus.CONFIRMED
    assert statuses["d@example.org"] == RegistrationStatus.WAITLISTED
    assert [(m.to[0], m.subject) for m in mail.outbox] == [
        ("c@example.org", "A seat is yours: UPR advocacy")
    ]
    assert "https://meet.example.org/secret-room" in mail.outbox[0].body


def test_a_forged_cancellation_link_changes_nothing(client, training):
    response = client.post("/en/events/cancel/forged:token/")

    assert response.status_code == 404


def test_reminders_go_the_day_before_once(training, django_capture_on_commit_callbacks):
    seat = Registration.objects.create(event=training, name="A", email="a@example.org",
                                       language="fr", status="confirmed")  # fmt: skip
    Registration.objects.create(event=training, name="C", email="c@example.org",
                                language="en", status="waitlisted")  # fmt: skip
    two_days_before = START - dt.timedelta(days=2)
    day_before = START - dt.timedelta(hours=20)

    with django_capture_on_commit_callbacks(execute=True):
        assert events.send_reminders(now=two_days_before) == 0
        assert events.send_reminders(now=day_before) == 1
        assert events.send_reminders(now=day_before + dt.timedelta(hours=1)) == 0

    assert [(m.to[0], m.subject) for m in mail.outbox] == [
        ("a@example.org", "Demain : UPR advocacy")
    ]
    seat.refresh_from_db()
    assert seat.reminded_at == day_before
