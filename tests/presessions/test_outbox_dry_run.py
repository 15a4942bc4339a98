"""The dry run of a bulk send: what it would send, and nothing left behind."""

from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from presessions import outbox
from presessions.models import OutboundEmail, Subscriber

pytestmark = pytest.mark.django_db


def invite(address: str) -> None:
    """A send as a service does it: a row of its own, and an email in its language."""
    language = address.split("@")[0][-2:]
    subscriber = Subscriber.objects.create(email=address, language=language)
    if address.startswith("refused"):
        raise ValidationError("Not this one.")
    outbox.queue_email(
        to=address,
        template="mailing_confirm",
        context={"subscriber": subscriber, "confirm_url": "http://testserver/confirm/"},
        language=language,
    )


ADDRESSES = ["a-en@example.org", "b-fr@example.org", "c-en@example.org", "refused-es@example.org"]


def test_dry_run_counts_the_emails_and_gives_one_sample_per_kind_and_language(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        preview = outbox.dry_run(invite, ADDRESSES)

    assert (preview.total, preview.recipients) == (3, 3)
    assert [(s.kind, s.language, s.to) for s in preview.samples] == [
        ("mailing_confirm", "en", "a-en@example.org"),
        ("mailing_confirm", "fr", "b-fr@example.org"),
    ]
    french = preview.samples[1]
    assert "http://testserver/confirm/" in french.text
    assert "http://testserver/confirm/" in french.html
    assert french.subject and french.subject != preview.samples[0].subject


def test_dry_run_reports_each_refusal_by_object_and_counts_none_of_its_emails():
    preview = outbox.dry_run(invite, ["refused-es@example.org", "a-en@example.org"])

    assert preview.problems == ("refused-es@example.org: Not this one.",)
    assert preview.total == 1


def test_dry_run_counts_one_person_once_however_many_emails_they_get():
    def twice(address: str) -> None:
        invite(address)
        outbox.queue_email(
            to=address.upper(),
            template="mailing_confirm",
            context={"subscriber": Subscriber(email=address), "confirm_url": "http://x/"},
            language="en",
        )

    preview = outbox.dry_run(twice, ["a-en@example.org"])

    assert (preview.total, preview.recipients) == (2, 1)


def test_dry_run_leaves_no_row_and_dispatches_nothing(django_capture_on_commit_callbacks):
    with (
        mock.patch("presessions.outbox.dispatch_email") as dispatch,
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        outbox.dry_run(invite, ADDRESSES)

    assert callbacks == []
    dispatch.assert_not_called()
    assert OutboundEmail.objects.count() == 0
    assert Subscriber.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_dry_run_outside_any_transaction_also_leaves_nothing():
    """Not inside a request's transaction: the dry run's own transaction is rolled back."""
    with mock.patch("presessions.outbox.dispatch_email") as dispatch:
        preview = outbox.dry_run(invite, ADDRESSES)

    assert preview.total == 3
    dispatch.assert_not_called()
    assert OutboundEmail.objects.count() == 0
    assert Subscriber.objects.count() == 0


def test_after_a_dry_run_emails_are_recorded_and_sent_as_usual(
    django_capture_on_commit_callbacks,
):
    outbox.dry_run(invite, ["a-en@example.org"])

    with django_capture_on_commit_callbacks(execute=True):
        invite("b-fr@example.org")

    assert OutboundEmail.objects.get().to == "b-fr@example.org"
    assert [m.to for m in mail.outbox] == [["b-fr@example.org"]]


def test_preview_email_renders_without_recording():
    sample = outbox.preview_email(
        to="a@example.org",
        template="mailing_confirm",
        context={"subscriber": Subscriber(email="a@example.org"), "confirm_url": "http://x/"},
        language="es",
    )

    assert (sample.kind, sample.language) == ("mailing_confirm", "es")
    assert "http://x/" in sample.text
    assert OutboundEmail.objects.count() == 0
