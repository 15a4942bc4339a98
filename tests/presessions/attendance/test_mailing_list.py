"""The missions' mailing list: double opt-in, unsubscribe, bulk sending without duplicates."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse

from presessions.attendance import mailing_list
from presessions.enums import EmailStatus, SubscriberStatus
from presessions.models import Mailing, OutboundEmail, Subscriber
from tests.factories import SeriesFactory

pytestmark = pytest.mark.django_db


def link_in(message, kind):
    return re.search(rf"http://testserver(/\w\w/mailing-list/{kind}/\S+/)", message.body)[1]


def subscribe(client, capture, email="attache@mission.example.org", language="en"):
    with capture(execute=True):
        return client.post(f"/{language}/mailing-list/", {"email": email, "mission": "Mission"})


def main_of(response) -> str:
    return response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]


def press_the_button(client, url):
    """What a person does on the page of a link: open it, then press its one button."""
    page = main_of(client.get(url))
    assert page.count("<form") == 1 and page.count("<button") == 1
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    return client.post(url, {"csrfmiddlewaretoken": token})


def test_subscription_needs_the_confirmation_link(client, django_capture_on_commit_callbacks):
    response = subscribe(client, django_capture_on_commit_callbacks)

    assert "Please check your inbox" in response.content.decode()
    subscriber = Subscriber.objects.get()
    assert subscriber.status == SubscriberStatus.PENDING
    assert mail.outbox[0].subject == "Confirm your subscription to the Pre-sessions mailing list"

    response = press_the_button(
        Client(enforce_csrf_checks=True), link_in(mail.outbox[0], "confirm")
    )

    assert "You are subscribed" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED
    assert subscriber.confirmed_at is not None


def test_opening_the_confirmation_link_only_shows_the_button(
    client, django_capture_on_commit_callbacks
):
    subscribe(client, django_capture_on_commit_callbacks)
    url = link_in(mail.outbox[0], "confirm")

    # What a mail server's link scanner does: fetch the link, and again.
    first, second = client.get(url), client.get(url)

    for response in (first, second):
        page = main_of(response)
        assert response.status_code == 200
        assert response.content.decode().count("<h1") == 1
        assert "<h1>Confirm your subscription</h1>" in page
        assert "attache@mission.example.org" in page
        assert ">Confirm my subscription</button>" in page
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING


def test_the_confirmation_button_needs_the_pages_csrf_token(
    client, django_capture_on_commit_callbacks
):
    subscribe(client, django_capture_on_commit_callbacks)

    response = Client(enforce_csrf_checks=True).post(link_in(mail.outbox[0], "confirm"))

    assert response.status_code == 403
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING


def test_a_confirmed_subscriber_opening_the_link_again_is_told_so(subscribers):
    url = mailing_list.link(subscribers[0], "confirm").replace("http://testserver", "")

    page = main_of(Client().get(url))

    assert "You are subscribed" in page
    assert "<form" not in page


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
    monkeypatch.setattr(mailing_list, "BATCH_SIZE", 2)  # several batches
    series = SeriesFactory(session__number=55)

    with django_capture_on_commit_callbacks(execute=True):
        mailing_list.start_invitation(series=series)
        mailing_list.start_invitation(series=series)

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
        mailing_list.start_invitation(series=series)
    Subscriber.objects.create(email="new@mission.example.org", language="en",
                              status=SubscriberStatus.CONFIRMED)  # fmt: skip
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        mailing_list.start_invitation(series=series)

    assert [m.to[0] for m in mail.outbox] == ["new@mission.example.org"]


def test_opening_the_unsubscribe_link_unsubscribes_no_one(
    client, subscribers, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        mailing_list.start_invitation(series=SeriesFactory(session__number=55))
    message = next(m for m in mail.outbox if m.to == ["d0@mission.example.org"])
    url = link_in(message, "unsubscribe")

    # What a mail server's link scanner does: fetch the link, and again.
    first, second = client.get(url), client.get(url)

    for response in (first, second):
        page = main_of(response)
        assert response.status_code == 200
        assert response.content.decode().count("<h1") == 1
        assert "<h1>Unsubscribe from the missions' mailing list</h1>" in page
        assert "d0@mission.example.org" in page
        assert ">Unsubscribe</button>" in page
    assert Subscriber.objects.get(email="d0@mission.example.org").status == (
        SubscriberStatus.CONFIRMED
    )


def test_the_unsubscribe_button_unsubscribes(subscribers):
    url = mailing_list.link(subscribers[1], "unsubscribe").replace("http://testserver", "")

    response = press_the_button(Client(enforce_csrf_checks=True), url)

    assert "Vous êtes désabonné" in response.content.decode()
    subscribers[1].refresh_from_db()
    assert subscribers[1].status == SubscriberStatus.UNSUBSCRIBED
    assert subscribers[1].unsubscribed_at is not None
    # Only the owner of the link.
    assert sorted(Subscriber.objects.values_list("email", "status")) == [
        ("d0@mission.example.org", SubscriberStatus.CONFIRMED),
        ("d1@mission.example.org", SubscriberStatus.UNSUBSCRIBED),
        ("d2@mission.example.org", SubscriberStatus.CONFIRMED),
        ("pending@mission.example.org", SubscriberStatus.PENDING),
    ]


def test_a_post_without_the_pages_csrf_token_unsubscribes_no_one(subscribers):
    url = mailing_list.link(subscribers[0], "unsubscribe").replace("http://testserver", "")

    response = Client(enforce_csrf_checks=True).post(url, {"unsubscribe": "yes"})

    assert response.status_code == 403
    subscribers[0].refresh_from_db()
    assert subscribers[0].status == SubscriberStatus.CONFIRMED


def test_mail_clients_unsubscribe_with_a_bare_one_click_post(subscribers):
    url = mailing_list.link(subscribers[0], "unsubscribe").replace("http://testserver", "")
    mail_client = Client(enforce_csrf_checks=True)  # no cookie, no token: RFC 8058

    response = mail_client.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    subscribers[0].refresh_from_db()
    assert subscribers[0].status == SubscriberStatus.UNSUBSCRIBED
    assert subscribers[1].status == SubscriberStatus.CONFIRMED


def test_a_forged_one_click_post_unsubscribes_no_one(subscribers):
    token = mailing_list.link(subscribers[0], "unsubscribe").rstrip("/").rsplit("/", 1)[1]

    response = Client(enforce_csrf_checks=True).post(
        f"/en/mailing-list/unsubscribe/{token[:-2]}xx/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 404
    assert set(Subscriber.objects.values_list("status", flat=True)) == {
        SubscriberStatus.CONFIRMED, SubscriberStatus.PENDING
    }  # fmt: skip


def test_an_unsubscribed_person_opening_the_link_again_is_told_so(subscribers):
    mailing_list.unsubscribe(subscribers[0])
    url = mailing_list.link(subscribers[0], "unsubscribe").replace("http://testserver", "")

    page = main_of(Client().get(url))

    assert "You are unsubscribed" in page
    assert "<form" not in page


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
            {"action": "invite_mailing_list", "_selected_action": [series.pk], "post": "yes"},
        )

    page = client.get(
        reverse("admin:presessions_mailing_change", args=[Mailing.objects.get().pk])
    ).content.decode()
    assert "3 sent, 0 failed, 0 waiting, of 3" in page
    assert "d1@mission.example.org" in page
