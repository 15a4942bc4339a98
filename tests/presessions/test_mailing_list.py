"""The missions' mailing list: double opt-in, unsubscribe, bulk sending without duplicates."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from presessions import mailing
from presessions.enums import EmailStatus, SubscriberStatus
from presessions.models import Mailing, OutboundEmail, Subscriber
from tests.factories import SeriesFactory

pytestmark = pytest.mark.django_db


def link_in(message, kind):
    return re.search(rf"http://testserver(/\w\w/mailing-list/{kind}/\S+/)", message.body)[1]


def subscribe(client, capture, email="attache@mission.example.org", language="en"):
    with capture(execute=True):
        return client.post(f"/{language}/mailing-list/", {"email": email, "mission": "Mission"})


def test_subscription_needs_the_confirmation_link(client, django_capture_on_commit_callbacks):
    response = subscribe(client, django_capture_on_commit_callbacks)

    assert "Please check your inbox" in response.content.decode()
    subscriber = Subscriber.objects.get()
    assert subscriber.status == SubscriberStatus.PENDING
    assert mail.outbox[0].subject == "Confirm your subscription to the Pre-sessions mailing list"

    response = client.get(link_in(mail.outbox[0], "confirm"))

    assert "You are subscribed" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED


def test_subscribing_twice_makes_one_subscriber(client, django_capture_on_commit_callbacks):
    subscribe(client, django_capture_on_commit_callbacks)
    subscribe(client, django_capture_on_commit_callbacks, email="ATTACHE@mission.example.org")

    assert Subscriber.objects.count() == 1


def test_a_forged_confirmation_link_confirms_nothing(client, django_capture_on_commit_callbacks):
    subscribe(client, django_capture_on_commit_callbacks)
    token = link_in(mail.outbox[0], "confirm").rstrip("/").rsplit("/", 1)[1]

    response = client.get(f"/en/mailing-list/confirm/{token[:-2]}xx/")

    assert response.status_code == 404
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING


@pytest.fixture
def subscribers():
    people = [
        Subscriber.objects.create(email=f"d{n}@mission.example.org", language=lang,
                                  status=SubscriberStatus.CONFIRMED)
        for n, lang in enumerate(["en", "fr", "es"])
    ]  # fmt: skip
    Subscriber.objects.create(email="pending@mission.example.org", language="en")
    return people


def test_invitation_reaches_every_confirmed_subscriber_once(
    subscribers, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(mailing, "BATCH_SIZE", 2)  # several batches
    series = SeriesFactory(session__number=55)

    with django_capture_on_commit_callbacks(execute=True):
        mailing.start_invitation(series=series)
        mailing.start_invitation(series=series)

    assert sorted(m.to[0] for m in mail.outbox) == [
        "d0@mission.example.org", "d1@mission.example.org", "d2@mission.example.org"
    ]  # fmt: skip
    french = next(m for m in mail.outbox if m.to == ["d1@mission.example.org"])
    assert french.subject == "Invitation : les Pré-sessions 55"
    assert "/fr/mailing-list/unsubscribe/" in french.body
    assert french.extra_headers["List-Unsubscribe"].startswith("<http://testserver/fr/")
    assert french.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert OutboundEmail.objects.filter(status=EmailStatus.SENT).count() == 3


def test_a_new_subscriber_gets_the_invitation_when_it_is_sent_again(
    subscribers, django_capture_on_commit_callbacks
):
    series = SeriesFactory(session__number=55)
    with django_capture_on_commit_callbacks(execute=True):
        mailing.start_invitation(series=series)
    Subscriber.objects.create(email="new@mission.example.org", language="en",
                              status=SubscriberStatus.CONFIRMED)  # fmt: skip
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        mailing.start_invitation(series=series)

    assert [m.to[0] for m in mail.outbox] == ["new@mission.example.org"]


def test_one_click_unsubscribe(client, subscribers, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mailing.start_invitation(series=SeriesFactory(session__number=55))
    message = next(m for m in mail.outbox if m.to == ["d0@mission.example.org"])

    response = client.get(link_in(message, "unsubscribe"))

    assert "You are unsubscribed" in response.content.decode()
    assert Subscriber.objects.get(email="d0@mission.example.org").status == (
        SubscriberStatus.UNSUBSCRIBED
    )


def test_mail_clients_unsubscribe_with_a_bare_post(client, subscribers):
    url = mailing.link(subscribers[0], "unsubscribe").replace("http://testserver", "")

    client.post(url, {"List-Unsubscribe": "One-Click"})

    subscribers[0].refresh_from_db()
    assert subscribers[0].status == SubscriberStatus.UNSUBSCRIBED


def test_coordinators_send_and_follow_the_invitation_in_the_admin(
    client, django_user_model, subscribers, django_capture_on_commit_callbacks
):
    user = django_user_model.objects.create_user("coordinator", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Coordinators"))
    series = SeriesFactory(session__number=55)
    client.force_login(user)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:presessions_series_changelist"),
            {"action": "invite_mailing_list", "_selected_action": [series.pk]},
        )

    page = client.get(
        reverse("admin:presessions_mailing_change", args=[Mailing.objects.get().pk])
    ).content.decode()
    assert "3 sent, 0 failed, 0 waiting, of 3" in page
    assert "d1@mission.example.org" in page
