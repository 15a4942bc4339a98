"""The alerts of a series' call: one email per concerned, confirmed subscription, in its
language, with the deadline in Geneva time and the application form; never twice."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from applications.call_alerts import services
from applications.models import CallAlert, CallAlertDelivery
from applications.tasks import task_send_call_alerts
from presessions.enums import EmailStatus
from presessions.models import OutboundEmail
from presessions.outbox import build_message
from tests.factories import CallAlertFactory, PreSessionFactory, SeriesFactory

pytestmark = pytest.mark.django_db

# 16:00 UTC on 23 March is 17:00 in Geneva (winter time until the last Sunday of March).
CLOSES = dt.datetime(2099, 3, 23, 16, 0, tzinfo=dt.UTC)


@pytest.fixture
def open_series():
    """Series 55, its call open, for Kenya and Uganda."""
    series = SeriesFactory(session__number=55, call_closes_at=CLOSES)
    PreSessionFactory(series=series, country="KE", review_order=1)
    PreSessionFactory(series=series, country="UG", review_order=2)
    return series


@pytest.fixture
def subscriptions():
    """The concerned ones, and those that must hear nothing."""
    CallAlertFactory(email="pending@example.org", countries=["KE"], confirmed_at=None)
    CallAlertFactory(email="egypt@example.org", countries=["EG"])
    return {
        "kenya": CallAlertFactory(email="kenya@example.org", countries=["KE"]),
        "both": CallAlertFactory(email="both@example.org", countries=["KE", "UG"], language="fr"),
        "any": CallAlertFactory(email="any@example.org", countries=[], any_country=True,
                                language="es"),
    }  # fmt: skip


def run_alerts(capture):
    with capture(execute=True):
        return task_send_call_alerts.apply().get()


def message_to(address):
    (message,) = [m for m in mail.outbox if m.to == [address]]
    return message


def test_an_open_call_alerts_each_concerned_confirmed_subscription_once(
    open_series, subscriptions, django_capture_on_commit_callbacks
):
    recorded = run_alerts(django_capture_on_commit_callbacks)

    assert recorded == 3
    # One email for both@, whom both countries concern.
    assert sorted(m.to[0] for m in mail.outbox) == [
        "any@example.org", "both@example.org", "kenya@example.org"
    ]  # fmt: skip
    assert OutboundEmail.objects.filter(kind="call_alert", status=EmailStatus.SENT).count() == 3


def test_an_alert_gives_the_deadline_in_geneva_time_and_the_form(
    open_series, subscriptions, django_capture_on_commit_callbacks
):
    run_alerts(django_capture_on_commit_callbacks)

    english = message_to("kenya@example.org")
    assert english.subject == "The call for applications is open: Pre-sessions 55"
    assert "Apply by March 23, 2099, 17:00 (Geneva time), with the application form:" in (
        english.body
    )
    assert "http://testserver/en/series/55/apply/?country=KE\n" in english.body
    assert "States under Review you asked about: Kenya\n" in english.body
    assert 'href="http://testserver/en/series/55/apply/?country=KE"' in english.alternatives[0][0]


def test_an_alert_is_written_in_the_language_of_its_subscription(
    open_series, subscriptions, django_capture_on_commit_callbacks
):
    run_alerts(django_capture_on_commit_callbacks)

    french, spanish = message_to("both@example.org"), message_to("any@example.org")
    # The dates and the countries' names are in the language (Django and django-countries
    # translate them), the links too.
    assert "23 mars 2099" in french.body and "17:00" in french.body
    assert ": Kenya, Ouganda\n" in french.body
    assert "http://testserver/fr/series/55/apply/\n" in french.body  # two countries
    assert "/fr/call-alerts/unsubscribe/" in french.body
    assert "23 de marzo de 2099" in spanish.body
    assert ": Kenia, Uganda\n" in spanish.body  # any country: all those of the series
    assert list(
        OutboundEmail.objects.filter(kind="call_alert").order_by("to").values_list("to", "language")
    ) == [("any@example.org", "es"), ("both@example.org", "fr"), ("kenya@example.org", "en")]


def test_running_again_sends_nothing_twice(
    open_series, subscriptions, django_capture_on_commit_callbacks
):
    run_alerts(django_capture_on_commit_callbacks)

    again = run_alerts(django_capture_on_commit_callbacks)
    services.send_call_alert_batch(open_series.pk)

    assert again == 0
    assert len(mail.outbox) == 3
    assert CallAlertDelivery.objects.filter(series=open_series).count() == 3


def test_an_alert_whose_email_record_was_erased_is_not_sent_again(
    open_series, subscriptions, django_capture_on_commit_callbacks
):
    run_alerts(django_capture_on_commit_callbacks)
    OutboundEmail.objects.filter(kind="call_alert").delete()

    run_alerts(django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 3
    assert CallAlertDelivery.objects.filter(email=None, queued_at__isnull=False).count() == 3


def test_a_subscription_confirmed_later_is_alerted_at_the_next_run(
    open_series, subscriptions, django_capture_on_commit_callbacks
):
    run_alerts(django_capture_on_commit_callbacks)
    mail.outbox.clear()
    services.confirm_alert(alert=CallAlert.objects.get(email="pending@example.org"))

    run_alerts(django_capture_on_commit_callbacks)

    assert [m.to for m in mail.outbox] == [["pending@example.org"]]


def test_nothing_is_sent_before_the_confirmation(open_series, django_capture_on_commit_callbacks):
    CallAlertFactory(email="pending@example.org", countries=["KE"], confirmed_at=None)

    run_alerts(django_capture_on_commit_callbacks)

    assert mail.outbox == []
    assert CallAlertDelivery.objects.count() == 0


def test_nothing_is_sent_after_unsubscribing(
    open_series, subscriptions, django_capture_on_commit_callbacks
):
    url = services.link(subscriptions["kenya"], "unsubscribe")
    Client().post(url, {"List-Unsubscribe": "One-Click"})

    run_alerts(django_capture_on_commit_callbacks)

    assert sorted(m.to[0] for m in mail.outbox) == ["any@example.org", "both@example.org"]


def test_a_call_not_open_yet_or_closed_sends_nothing(
    subscriptions, django_capture_on_commit_callbacks
):
    now = timezone.now()
    later = SeriesFactory(call_opens_at=now + dt.timedelta(days=1))
    PreSessionFactory(series=later, country="KE")
    PreSessionFactory(series=SeriesFactory(closed=True), country="KE")

    recorded = run_alerts(django_capture_on_commit_callbacks)

    assert recorded == 0
    assert mail.outbox == []


def test_the_call_opening_sends_its_alerts_at_the_next_run(
    subscriptions, django_capture_on_commit_callbacks
):
    series = SeriesFactory(session__number=56, call_opens_at=timezone.now() + dt.timedelta(hours=1))
    PreSessionFactory(series=series, country="KE")
    run_alerts(django_capture_on_commit_callbacks)
    series.call_opens_at = timezone.now() - dt.timedelta(minutes=1)
    series.save()

    run_alerts(django_capture_on_commit_callbacks)

    assert sorted(m.to[0] for m in mail.outbox) == [
        "any@example.org", "both@example.org", "kenya@example.org"
    ]  # fmt: skip


def test_alerts_are_sent_in_batches_until_none_is_left(
    open_series, subscriptions, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(services, "BATCH_SIZE", 1)

    run_alerts(django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 3
    assert not CallAlertDelivery.objects.filter(queued_at__isnull=True).exists()


def test_an_alert_offers_one_click_unsubscribe_in_its_headers(
    open_series, subscriptions, django_capture_on_commit_callbacks
):
    run_alerts(django_capture_on_commit_callbacks)
    french = message_to("both@example.org")
    header = french.extra_headers["List-Unsubscribe"]

    # What a mail client does with the headers of RFC 8058: POST, no cookie, no token.
    url = re.fullmatch(r"<(http://testserver/fr/call-alerts/unsubscribe/\S+/)>", header)[1]
    response = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})

    assert french.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url in french.body
    assert response.status_code == 200
    assert sorted(CallAlert.objects.values_list("email", flat=True)) == [
        "any@example.org", "egypt@example.org", "kenya@example.org", "pending@example.org"
    ]  # fmt: skip


def test_the_headers_leave_with_the_message(open_series, subscriptions):
    """The outbox builds the message with the headers recorded on the email."""
    services.start_call_alerts(series=open_series)
    services.send_call_alert_batch(open_series.pk)
    email = OutboundEmail.objects.get(to="kenya@example.org")

    message = build_message(email).message()

    unsubscribe_url = services.link(subscriptions["kenya"], "unsubscribe")
    assert message["List-Unsubscribe"] == f"<{unsubscribe_url}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_periodic_schedule_runs_the_task(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["send-call-alerts"]

    assert entry["task"] == task_send_call_alerts.name
    assert entry["schedule"] <= 15 * 60
