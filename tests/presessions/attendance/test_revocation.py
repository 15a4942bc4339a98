"""Revoking a pass tells its holder, once, in their language."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from presessions.attendance import accreditation
from presessions.enums import AccreditationStatus
from presessions.models import Accreditation, OutboundEmail
from tests.factories import SeriesFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def series():
    return SeriesFactory(
        session__number=55, starts_on=dt.date(2027, 3, 23), ends_on=dt.date(2027, 3, 26)
    )


def holder_of(series, status=AccreditationStatus.APPROVED, language="en", email="ana@example.org"):
    return Accreditation.objects.create(
        series=series, name="Ana Reyes", email=email, category="media",
        organisation="Radio Ginebra", country="ES", language=language, status=status,
        days=["2027-03-23"],
    )  # fmt: skip


def test_revoking_tells_the_holder_once(series, coordinator, django_capture_on_commit_callbacks):
    holder = holder_of(series)

    with django_capture_on_commit_callbacks(execute=True):
        first = accreditation.revoke_accreditation(accreditation=holder, by=coordinator)
        second = accreditation.revoke_accreditation(accreditation=holder, by=coordinator)

    assert (first, second) == (True, False)
    holder.refresh_from_db()
    assert (holder.status, holder.decided_by) == (AccreditationStatus.REVOKED, coordinator)
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]
    message = mail.outbox[0]
    assert message.subject == "Your accreditation is withdrawn: Pre-sessions 55"
    assert "Dear Ana Reyes," in message.body
    assert "your pass is no longer valid" in message.body
    assert "your pass is no longer valid" in message.alternatives[0][0]


@pytest.mark.parametrize(
    ("language", "series_name"), [("fr", "Pré-sessions 55"), ("es", "Pre-sesiones 55")]
)
def test_the_revocation_is_written_in_the_holders_language(
    series, coordinator, language, series_name, django_capture_on_commit_callbacks
):
    holder = holder_of(series, language=language)

    with django_capture_on_commit_callbacks(execute=True):
        accreditation.revoke_accreditation(accreditation=holder, by=coordinator)

    email = OutboundEmail.objects.get(kind="accreditation_revoked")
    assert email.language == language
    assert series_name in email.subject
    assert "Pre-sessions 55" not in email.subject + email.body_text


@pytest.mark.parametrize("status", [AccreditationStatus.PENDING, AccreditationStatus.REJECTED])
def test_a_pass_never_approved_is_not_revoked(series, coordinator, status):
    holder = holder_of(series, status=status)

    assert accreditation.revoke_accreditation(accreditation=holder, by=coordinator) is False

    holder.refresh_from_db()
    assert holder.status == status
    assert OutboundEmail.objects.count() == 0


def test_the_admin_action_previews_then_revokes_and_counts_only_the_approved(
    client, series, coordinator, django_capture_on_commit_callbacks
):
    approved = holder_of(series)
    holder_of(series, status=AccreditationStatus.REVOKED, email="old@example.org")
    client.force_login(coordinator)
    url = reverse("admin:presessions_accreditation_changelist")
    everyone = list(Accreditation.objects.values_list("pk", flat=True))
    data = {"action": "revoke", "_selected_action": everyone}

    with django_capture_on_commit_callbacks(execute=True):
        preview = client.post(url, data)
    assert "1 email to 1 person" in preview.content.decode()
    assert preview.context["preview"].samples[0].to == "ana@example.org"
    approved.refresh_from_db()
    assert (approved.status, mail.outbox) == (AccreditationStatus.APPROVED, [])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**data, "post": "yes"}, follow=True)

    assert "1 pass revoked; its holder is told by email." in response.content.decode()
    approved.refresh_from_db()
    assert approved.status == AccreditationStatus.REVOKED
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]
