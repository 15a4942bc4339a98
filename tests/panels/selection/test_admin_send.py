"""Sending the outcomes from the admin: a preview first, then the sending, once; while
the call is open, only with a written reason."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from panels.enums import DecisionAction, Response
from panels.models import Decision, Placement
from panels.selection import services
from presessions.models import OutboundEmail

CHANGELIST = "admin:panels_panel_changelist"


@pytest.fixture
def confirmed(small_series, coordinator):
    presession, _ = small_series
    panel = services.suggest_panel(presession=presession, by=coordinator)
    return services.confirm_panel(panel=panel, by=coordinator)


def post(client, name, panel, **extra):
    return client.post(
        reverse(CHANGELIST), {"action": name, "_selected_action": [panel.pk], **extra}
    )


def open_the_call(panel):
    series = panel.presession.series
    series.call_closes_at = timezone.now() + dt.timedelta(days=3)
    series.save(update_fields=["call_closes_at"])


def test_the_send_action_first_shows_every_kind_of_email_and_sends_nothing(
    client, coordinator, confirmed, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = post(client, "send", confirmed)

    page = response.content.decode()
    assert response.status_code == 200
    assert "admin/confirm_send.html" in [t.name for t in response.templates]
    assert "4 emails to 4 people" in page
    samples = response.context["preview"].samples
    assert [(s.kind, s.language) for s in samples] == [
        ("panel_selected", "fr"),
        ("panel_selected", "es"),
        ("panel_waitlisted", "en"),
    ]
    assert samples[0].subject in page
    assert f'<input type="hidden" name="_selected_action" value="{confirmed.pk}">' in page
    assert '<input type="hidden" name="post" value="yes">' in page
    assert callbacks == []
    assert OutboundEmail.objects.count() == 0
    assert mail.outbox == []
    assert not Placement.objects.exclude(notified_outcome="").exists()


def test_the_preview_shows_the_html_email_in_a_sandbox_where_no_script_runs(
    client, coordinator, confirmed, small_series
):
    _, applications = small_series
    amani = applications["Amani Women"]
    amani.organisation_name = '<script>alert("x")</script> Amani'
    amani.save(update_fields=["organisation_name"])
    client.force_login(coordinator)

    page = post(client, "send", confirmed).content.decode()

    # No allow-scripts: nothing in the frame runs (its origin kept, its forms inert).
    assert '<iframe sandbox="allow-same-origin" srcdoc="' in page
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page  # escaped in the text part and within srcdoc


def test_sending_after_the_preview_sends_each_email_exactly_once(
    client, coordinator, confirmed, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    post(client, "send", confirmed)

    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, "send", confirmed, post="yes")

    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        Placement.objects.values_list("application__contact_email", flat=True)
    )
    assert OutboundEmail.objects.count() == 4
    assert "Emails sent for 1 panel." in client.get(reverse(CHANGELIST)).content.decode()


def test_while_the_call_is_open_the_preview_asks_for_a_reason(client, coordinator, confirmed):
    open_the_call(confirmed)
    client.force_login(coordinator)

    response = post(client, "send", confirmed)

    page = response.content.decode()
    assert "4 emails to 4 people" in page
    assert 'name="reason"' in page
    assert "Reason for sending before the call closes" in page
    assert "The call for applications is open until" in page
    assert OutboundEmail.objects.count() == 0
    assert not Decision.objects.filter(action=DecisionAction.SENT_EARLY).exists()


def test_while_the_call_is_open_sending_without_a_reason_sends_nothing(
    client, coordinator, confirmed, django_capture_on_commit_callbacks
):
    open_the_call(confirmed)
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, "send", confirmed, post="yes", reason="  ")

    assert response.status_code == 200
    assert response.context["form"].errors == {"reason": ["This field is required."]}
    assert mail.outbox == []
    assert OutboundEmail.objects.count() == 0


def test_while_the_call_is_open_a_reason_sends_and_is_logged(
    client, coordinator, confirmed, django_capture_on_commit_callbacks
):
    open_the_call(confirmed)
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            client, "send", confirmed, post="yes", reason="The country's review was moved."
        )

    assert response.status_code == 302
    assert len(mail.outbox) == 4
    early = Decision.objects.get(action=DecisionAction.SENT_EARLY)
    reason = "The country's review was moved."
    assert (early.made_by, early.values) == (coordinator, {"reason": reason})


def test_inviting_the_replacement_shows_its_invitation_first(
    client, coordinator, confirmed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.send_outcomes(panel=confirmed, by=coordinator)
    amani = Placement.objects.get(application__organisation_name="Amani Women")
    services.respond_to_invitation(application=amani.application, accept=False)
    mail.outbox.clear()
    before = OutboundEmail.objects.count()
    client.force_login(coordinator)

    preview = post(client, "replace", confirmed)
    with django_capture_on_commit_callbacks(execute=True):
        post(client, "replace", confirmed, post="yes")

    assert "1 email to 1 person" in preview.content.decode()
    assert [(s.kind, s.to) for s in preview.context["preview"].samples] == [
        ("panel_selected", mail.outbox[0].to[0])
    ]
    assert OutboundEmail.objects.count() == before + 1
    sauti = Placement.objects.get(application__organisation_name="Sauti Forum")
    assert (sauti.outcome, sauti.response) == ("selected", Response.PENDING)


def test_a_reviewer_is_offered_no_send_and_cannot_post_one(
    client, reviewer, confirmed, django_capture_on_commit_callbacks
):
    client.force_login(reviewer)

    with django_capture_on_commit_callbacks(execute=True):
        preview = post(client, "send", confirmed)
        sending = post(client, "send", confirmed, post="yes")

    assert client.get(reverse(CHANGELIST)).context["action_form"] is None
    for response in (preview, sending):  # the list again: no action to run
        assert "admin/confirm_send.html" not in [t.name for t in response.templates]
        assert "emails to" not in response.content.decode()
    assert OutboundEmail.objects.count() == 0
    assert mail.outbox == []


def test_the_preview_says_what_would_be_refused_and_by_whom(client, coordinator, small_series):
    presession, _ = small_series
    draft = services.suggest_panel(presession=presession, by=coordinator)
    client.force_login(coordinator)

    response = post(client, "send", draft)

    assert response.context["preview"].problems == (
        f"{draft}: Confirm the panel before sending the outcomes.",
    )
    assert "0 emails to 0 people" in response.content.decode()
