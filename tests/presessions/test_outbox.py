import datetime as dt
import smtplib
from unittest import mock

import pytest
from celery.exceptions import Retry, SoftTimeLimitExceeded
from django.contrib.admin.sites import AdminSite
from django.contrib.auth.models import Permission
from django.core import mail as outbox
from django.urls import reverse
from django.utils import timezone, translation
from kombu.exceptions import OperationalError

from applications.models import Application
from presessions import outbox as mail
from presessions.admin.outbox import OutboundEmailAdmin
from presessions.enums import EmailStatus
from presessions.models import OutboundEmail
from presessions.tasks import task_dispatch_queued_emails, task_send_email
from tests.conftest import application_data

pytestmark = pytest.mark.django_db


def record(**fields) -> OutboundEmail:
    defaults = {
        "to": "someone@example.org",
        "kind": "test",
        "language": "en",
        "subject": "Hello",
        "body_text": "Body",
        "body_html": "<p>Body</p>",
    }
    return OutboundEmail.objects.create(**{**defaults, **fields})


def test_queue_email_records_before_sending_and_sends_after_commit(
    django_capture_on_commit_callbacks, presession
):
    from tests.factories import ApplicationFactory

    application = ApplicationFactory(presession=presession)
    with django_capture_on_commit_callbacks() as callbacks:
        email = mail.queue_email(
            to="a@example.org",
            template="application_received",
            context={
                "application": application,
                "series": presession.series,
                "country": presession.country,
                "private_url": "http://x/",
            },
            language="en",
        )
        assert email.status == EmailStatus.QUEUED
        assert outbox.outbox == []

    for callback in callbacks:
        callback()

    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert email.attempts == 1
    assert email.sent_at is not None
    assert [m.to for m in outbox.outbox] == [["a@example.org"]]
    assert outbox.outbox[0].alternatives[0][1] == "text/html"


def test_deliver_email_sends_once_whatever_the_number_of_calls():
    email = record()

    assert mail.deliver_email(email.pk) == mail.DeliveryOutcome.SENT
    assert mail.deliver_email(email.pk) == mail.DeliveryOutcome.SKIPPED

    assert len(outbox.outbox) == 1


def test_deliver_email_of_a_missing_record_does_nothing():
    assert mail.deliver_email(123456) == mail.DeliveryOutcome.SKIPPED


def test_deliver_email_on_a_transient_error_keeps_it_queued_with_the_error():
    email = record()

    with mock.patch(
        "django.core.mail.EmailMultiAlternatives.send",
        side_effect=smtplib.SMTPServerDisconnected("connection lost"),
    ):
        outcome = mail.deliver_email(email.pk)

    email.refresh_from_db()
    assert outcome == mail.DeliveryOutcome.RETRY
    assert email.status == EmailStatus.QUEUED
    assert email.attempts == 1
    assert email.last_error == "SMTPServerDisconnected: connection lost"
    assert email.next_attempt_at > timezone.now() + dt.timedelta(seconds=25)


def test_deliver_email_past_the_attempt_budget_marks_it_failed(settings):
    settings.EMAIL_MAX_ATTEMPTS = 2
    email = record(attempts=1)

    with mock.patch(
        "django.core.mail.EmailMultiAlternatives.send",
        side_effect=ConnectionRefusedError("refused"),
    ):
        outcome = mail.deliver_email(email.pk)

    email.refresh_from_db()
    assert outcome == mail.DeliveryOutcome.FAILED
    assert email.status == EmailStatus.FAILED
    assert email.attempts == 2


def test_retry_delay_backs_off_and_is_capped():
    delays = [mail.retry_delay(n).total_seconds() for n in (1, 2, 3, 4, 20)]

    assert delays == [30, 60, 120, 240, 3600]


def test_task_send_email_retries_with_back_off_on_a_worker():
    email = record()
    task_send_email.push_request(is_eager=False)
    try:
        with (
            mock.patch(
                "django.core.mail.EmailMultiAlternatives.send",
                side_effect=smtplib.SMTPConnectError(421, "busy"),
            ),
            mock.patch.object(task_send_email, "retry", side_effect=Retry()) as retry,
            pytest.raises(Retry),
        ):
            task_send_email.run(email.pk)
    finally:
        task_send_email.pop_request()

    retry.assert_called_once_with(countdown=30.0)


def test_task_send_email_never_retries_a_permanent_refusal():
    email = record(to="nobody@example.org")
    refused = smtplib.SMTPRecipientsRefused({"nobody@example.org": (550, b"5.1.1 No such user")})
    task_send_email.push_request(is_eager=False)
    try:
        with (
            mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=refused),
            mock.patch.object(task_send_email, "retry", side_effect=Retry()) as retry,
        ):
            outcome = task_send_email.run(email.pk)
    finally:
        task_send_email.pop_request()

    assert outcome == mail.DeliveryOutcome.FAILED
    retry.assert_not_called()
    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.FAILED, 1)
    assert email.last_error == "SMTPRecipientsRefused: (550) 5.1.1 No such user"


@pytest.mark.parametrize(
    ("error", "kind", "reason"),
    [
        (
            smtplib.SMTPRecipientsRefused({"a@x.org": (550, b"5.1.1 No such user")}),
            mail.ErrorKind.REFUSED,
            "SMTPRecipientsRefused: (550) 5.1.1 No such user",
        ),
        (
            smtplib.SMTPRecipientsRefused({"a@x.org": (550, b"Gone"), "b@x.org": (452, b"Full")}),
            mail.ErrorKind.TRANSIENT,
            "SMTPRecipientsRefused: (550) Gone; (452) Full",
        ),
        (
            smtplib.SMTPDataError(552, b"5.3.4 Message\n too big"),
            mail.ErrorKind.REFUSED,
            "SMTPDataError: (552) 5.3.4 Message too big",
        ),
        (
            smtplib.SMTPDataError(451, "4.3.0 Try again later"),
            mail.ErrorKind.TRANSIENT,
            "SMTPDataError: (451) 4.3.0 Try again later",
        ),
        (
            smtplib.SMTPAuthenticationError(535, b"5.7.8 Bad credentials"),
            mail.ErrorKind.CONFIGURATION,
            "SMTPAuthenticationError: (535) 5.7.8 Bad credentials",
        ),
        (
            smtplib.SMTPSenderRefused(553, b"5.7.1 Not our domain", "site@x.org"),
            mail.ErrorKind.CONFIGURATION,
            "SMTPSenderRefused: (553) 5.7.1 Not our domain",
        ),
        (
            smtplib.SMTPConnectError(554, b"No service"),
            mail.ErrorKind.CONFIGURATION,
            "SMTPConnectError: (554) No service",
        ),
        (TimeoutError("timed out"), mail.ErrorKind.TRANSIENT, "TimeoutError: timed out"),
        (
            ConnectionResetError(104, "Connection reset by peer"),
            mail.ErrorKind.TRANSIENT,
            "ConnectionResetError: [Errno 104] Connection reset by peer",
        ),
        (SoftTimeLimitExceeded(), mail.ErrorKind.TRANSIENT, mail.TIME_LIMIT),
        (
            UnicodeEncodeError("ascii", "Genève", 3, 4, "ordinal not in range(128)"),
            mail.ErrorKind.FAULT,
            "UnicodeEncodeError: 'ascii' codec can't encode character '\\xe8' in position 3: "
            "ordinal not in range(128)",
        ),
    ],
)
def test_classify_error_says_what_the_failure_means(error, kind, reason):
    assert mail.classify_error(error) == (reason, kind)
    assert mail.classify_error(error).permanent == (
        kind in (mail.ErrorKind.REFUSED, mail.ErrorKind.FAULT)
    )


def test_dispatch_picks_up_due_emails_and_stale_sending_ones():
    now = timezone.now()
    due = record(next_attempt_at=now - dt.timedelta(minutes=5))
    fresh = record(next_attempt_at=now)
    later = record(next_attempt_at=now + dt.timedelta(minutes=5))
    stale = record(status=EmailStatus.SENDING)
    OutboundEmail.objects.filter(pk=stale.pk).update(updated_at=now - dt.timedelta(hours=1))
    sent = record(status=EmailStatus.SENT, next_attempt_at=now - dt.timedelta(hours=1))

    ids = mail.emails_to_dispatch(now)

    assert sorted(ids) == sorted([due.pk, stale.pk])
    assert fresh.pk not in ids and later.pk not in ids and sent.pk not in ids


def test_dispatch_task_sends_what_was_left_queued():
    email = record(next_attempt_at=timezone.now() - dt.timedelta(minutes=5))

    assert task_dispatch_queued_emails() == 1

    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert len(outbox.outbox) == 1


def test_broker_down_the_application_is_saved_and_its_email_sent_later(
    client, presession, theme, django_capture_on_commit_callbacks
):
    with (
        mock.patch.object(
            task_send_email, "delay", side_effect=OperationalError("Error 111 connecting")
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(
            reverse("applications:apply", args=[presession.series.number]),
            application_data(presession, theme),
        )

    assert response.status_code == 302
    assert Application.objects.count() == 1
    email = OutboundEmail.objects.get()
    assert email.status == EmailStatus.QUEUED
    assert outbox.outbox == []

    # The broker is back; the periodic task runs a little later.
    OutboundEmail.objects.update(next_attempt_at=timezone.now() - dt.timedelta(minutes=1))
    task_dispatch_queued_emails()

    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert [m.to for m in outbox.outbox] == [["contact@krn.example.org"]]


def test_admin_resend_queues_a_failed_email_again(
    rf, django_user_model, django_capture_on_commit_callbacks
):
    user = django_user_model.objects.create_user("coordinator", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="change_outboundemail"))
    failed = record(status=EmailStatus.FAILED, attempts=6, last_error="refused")
    admin = OutboundEmailAdmin(OutboundEmail, AdminSite())
    request = rf.post("/admin/", {"post": "yes"})
    request.user = user
    request._messages = mock.MagicMock()

    with django_capture_on_commit_callbacks(execute=True):
        admin.resend(request, OutboundEmail.objects.filter(pk=failed.pk))

    failed.refresh_from_db()
    assert failed.status == EmailStatus.SENT
    assert failed.attempts == 1
    assert len(outbox.outbox) == 1


def test_admin_resend_needs_the_change_right(rf, django_user_model):
    user = django_user_model.objects.create_user("reviewer", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_outboundemail"))
    admin = OutboundEmailAdmin(OutboundEmail, AdminSite())
    request = rf.get("/admin/")
    request.user = user

    assert "resend" not in admin.get_actions(request)


def test_admin_email_list_shows_the_records(admin_client):
    record(to="visible@example.org", status=EmailStatus.FAILED, last_error="refused")

    response = admin_client.get(reverse("admin:presessions_outboundemail_changelist"))

    assert response.status_code == 200
    assert "visible@example.org" in response.content.decode()


def test_render_email_never_escapes_the_subject(db):
    subject, text, html = mail.render_email(
        "panel_selected",
        {
            "application": Application(organisation_name="L'Union", speaker_name="A"),
            "series": None,
            "country": type("Country", (), {"name": "Côte d'Ivoire"})(),
            "private_url": "http://x/",
        },
        language="en",
    )

    assert subject == "You are invited to speak at the Pre-session on Côte d'Ivoire"
    assert "Dear team of L'Union," in text
    assert "L&#x27;Union" in html


def test_a_row_left_sending_by_a_dead_worker_is_claimed_again_once_stale(settings):
    settings.EMAIL_SENDING_STALE_AFTER = 600
    email = record(status=EmailStatus.SENDING, attempts=1)
    OutboundEmail.objects.filter(pk=email.pk).update(
        updated_at=timezone.now() - dt.timedelta(minutes=5)
    )
    assert mail.deliver_email(email.pk) == mail.DeliveryOutcome.SKIPPED  # maybe still sending

    OutboundEmail.objects.filter(pk=email.pk).update(
        updated_at=timezone.now() - dt.timedelta(minutes=11)
    )

    assert mail.deliver_email(email.pk) == mail.DeliveryOutcome.SENT
    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.SENT, 2)
    assert len(outbox.outbox) == 1


def test_a_row_that_kills_its_worker_each_time_ends_failed(settings):
    settings.EMAIL_MAX_ATTEMPTS = 3
    email = record(status=EmailStatus.SENDING, attempts=3)
    OutboundEmail.objects.filter(pk=email.pk).update(
        updated_at=timezone.now() - dt.timedelta(hours=1)
    )

    assert mail.deliver_email(email.pk) == mail.DeliveryOutcome.SKIPPED
    assert mail.emails_to_dispatch() == []
    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED
    assert email.last_error == "The worker stopped while sending this email."


def test_an_email_backend_that_cannot_be_loaded_fails_the_email_with_the_error(settings):
    settings.EMAIL_BACKEND = "presessions.no_such_backend.EmailBackend"
    email = record()

    assert mail.deliver_email(email.pk) == mail.DeliveryOutcome.FAILED

    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.FAILED, 1)
    assert email.last_error == "ModuleNotFoundError: No module named 'presessions.no_such_backend'"


@pytest.mark.parametrize(("language", "hello"), [("en", "Hello,"), ("fr", "Bonjour,"),
                                                 ("es", "Hola:")])  # fmt: skip
def test_render_email_gives_the_html_part_the_language_of_the_recipient(language, hello):
    _subject, text, html = mail.render_email("mailing_confirm", {}, language=language)

    assert html.startswith(f'<!doctype html>\n<html lang="{language}">')
    assert text.startswith(hello)
    assert translation.get_language() == "en"  # the override ends with the rendering


def test_a_greeting_to_an_organisation_addresses_its_team(db):
    _subject, text, _html = mail.render_email(
        "application_received",
        {"application": Application(organisation_name="Haki Watch"), "private_url": "http://x/"},
        language="en",
    )

    assert text.startswith("Dear team of Haki Watch,")
