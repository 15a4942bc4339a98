"""Every bulk send of the base's admin shows what it sends and asks to confirm first:
passes and refusals, the missions' mailing list, emails sent again."""

import pytest
from django.core import mail
from django.urls import reverse

from presessions.attendance import mailing_list
from presessions.enums import AccreditationStatus, EmailStatus, SubscriberStatus
from presessions.models import Accreditation, Mailing, MailingRecipient, OutboundEmail, Subscriber
from tests.factories import SeriesFactory


def requests(series, *languages):
    return [
        Accreditation.objects.create(
            series=series, name=f"Person {n}", email=f"p{n}@example.org", category="cso",
            organisation="Org", country="KE", days=[series.starts_on.isoformat()],
            language=language,
        )
        for n, language in enumerate(languages)
    ]  # fmt: skip


def act(client, changelist, name, objects, **extra):
    return client.post(
        reverse(changelist),
        {"action": name, "_selected_action": [obj.pk for obj in objects], **extra},
    )


def templates(response) -> list[str]:
    return [template.name for template in response.templates]


def test_approving_shows_the_passes_first_and_sends_them_after_confirming(
    client, coordinator, series, django_capture_on_commit_callbacks
):
    pending = requests(series, "en", "fr", "fr")
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        preview = act(client, "admin:presessions_accreditation_changelist", "approve", pending)
    assert "3 emails to 3 people" in preview.content.decode()
    assert [(s.kind, s.language) for s in preview.context["preview"].samples] == [
        ("accreditation_approved", "en"),
        ("accreditation_approved", "fr"),
    ]
    assert set(Accreditation.objects.values_list("status", flat=True)) == {"pending"}
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        done = act(client, "admin:presessions_accreditation_changelist", "approve", pending,
                   post="yes")  # fmt: skip

    assert done.status_code == 302
    assert set(Accreditation.objects.values_list("status", flat=True)) == {"approved"}
    assert sorted(m.to[0] for m in mail.outbox) == ["p0@example.org", "p1@example.org",
                                                     "p2@example.org"]  # fmt: skip


def test_refusing_previews_only_the_pending_requests(client, coordinator, series):
    first, second = requests(series, "es", "en")
    Accreditation.objects.filter(pk=second.pk).update(status=AccreditationStatus.APPROVED)
    client.force_login(coordinator)

    preview = act(client, "admin:presessions_accreditation_changelist", "refuse",
                  [first, second])  # fmt: skip

    assert "1 email to 1 person" in preview.content.decode()
    assert [(s.kind, s.to) for s in preview.context["preview"].samples] == [
        ("accreditation_refused", "p0@example.org")
    ]
    assert OutboundEmail.objects.count() == 0


def test_the_mailing_list_preview_counts_the_subscribers_without_starting_the_task(
    client, coordinator, django_capture_on_commit_callbacks
):
    series = SeriesFactory(session__number=55)
    for n, language in enumerate(["en", "fr", "fr"]):
        Subscriber.objects.create(email=f"d{n}@mission.example.org", language=language,
                                  status=SubscriberStatus.CONFIRMED)  # fmt: skip
    Subscriber.objects.create(email="pending@mission.example.org", language="es")
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        preview = act(client, "admin:presessions_series_changelist", "invite_mailing_list",
                      [series])  # fmt: skip

    assert "3 emails to 3 people" in preview.content.decode()
    samples = preview.context["preview"].samples
    assert [(s.kind, s.language) for s in samples] == [
        ("mailing_invitation", "en"),
        ("mailing_invitation", "fr"),
    ]
    first_french = Subscriber.objects.get(email="d1@mission.example.org")
    assert mailing_list.link(first_french, "unsubscribe") in samples[1].text
    assert callbacks == []
    assert not Mailing.objects.exists()
    assert OutboundEmail.objects.count() == 0


def test_the_mailing_list_preview_leaves_out_who_was_reached_already(coordinator, client):
    series = SeriesFactory(session__number=55)
    reached, new = (
        Subscriber.objects.create(email=f"d{n}@mission.example.org", language="en",
                                  status=SubscriberStatus.CONFIRMED)
        for n in range(2)
    )  # fmt: skip
    MailingRecipient.objects.create(mailing=Mailing.objects.create(series=series),
                                    subscriber=reached)  # fmt: skip
    client.force_login(coordinator)

    preview = act(client, "admin:presessions_series_changelist", "invite_mailing_list", [series])

    assert "1 email to 1 person" in preview.content.decode()
    assert [s.to for s in preview.context["preview"].samples] == [new.email]


def test_sending_emails_again_shows_them_first(
    client, coordinator, django_capture_on_commit_callbacks
):
    emails = [
        OutboundEmail.objects.create(to=to, kind="panel_selected", language="fr",
                                     subject="Invitation", body_text="Bonjour",
                                     body_html="<p>Bonjour</p>", status=EmailStatus.FAILED)
        for to in ["a@example.org", "b@example.org"]
    ]  # fmt: skip
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        preview = act(client, "admin:presessions_outboundemail_changelist", "resend", emails)
    assert "2 emails to 2 people" in preview.content.decode()
    assert set(OutboundEmail.objects.values_list("status", flat=True)) == {EmailStatus.FAILED}
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        act(client, "admin:presessions_outboundemail_changelist", "resend", emails, post="yes")

    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]


@pytest.mark.parametrize(
    ("changelist", "name"),
    [
        ("admin:presessions_accreditation_changelist", "approve"),
        ("admin:presessions_series_changelist", "invite_mailing_list"),
        ("admin:presessions_outboundemail_changelist", "resend"),
    ],
)
def test_a_reviewer_reaches_no_preview_and_sends_nothing(
    client, reviewer, series, changelist, name, django_capture_on_commit_callbacks
):
    objects = {
        "approve": lambda: requests(series, "en"),
        "invite_mailing_list": lambda: [series],
        "resend": lambda: [OutboundEmail.objects.create(to="a@example.org", kind="x",
                                                        status=EmailStatus.FAILED)],
    }[name]()  # fmt: skip
    Subscriber.objects.create(email="d@mission.example.org", language="en",
                              status=SubscriberStatus.CONFIRMED)  # fmt: skip
    client.force_login(reviewer)

    with django_capture_on_commit_callbacks(execute=True):
        responses = [act(client, changelist, name, objects),
                     act(client, changelist, name, objects, post="yes")]  # fmt: skip

    for response in responses:
        assert "admin/confirm_send.html" not in templates(response)
    assert mail.outbox == []
    assert not Mailing.objects.exists()
    assert not Accreditation.objects.exclude(status=AccreditationStatus.PENDING).exists()
