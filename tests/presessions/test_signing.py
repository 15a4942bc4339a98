"""Signed tokens: one way from a token to its row, for every link sent."""

import datetime as dt
import uuid

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from applications import access, services
from applications.forms import ApplicationForm
from panels.statements.forms import StatementForm
from presessions.attendance import accreditation, events, mailing_list
from presessions.models import Accreditation, Event, Registration, Subscriber
from presessions.signing import InvalidLinkError, make_token, row_from_token, value_from_token
from tests.documents import PDF_BYTES
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscriber():
    return Subscriber.objects.create(email="attache@mission.example.org", language="en")


@pytest.fixture
def registration(series):
    starts = timezone.now() + dt.timedelta(days=20)
    event = Event.objects.create(
        series=series, kind="networking", title="Reception", capacity=50, starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
    )  # fmt: skip
    return Registration.objects.create(
        event=event, name="Ana", email="ana@example.org", language="en", status="confirmed"
    )


@pytest.fixture
def holder(series):
    return Accreditation.objects.create(
        series=series, name="Ana", email="ana@example.org", category="cso",
        organisation="Org", country="KE", days=[], language="en",
    )  # fmt: skip


def test_make_token_signs_the_value_as_django_does():
    key = uuid.uuid4()

    assert make_token(key.hex, salt="a.purpose") == signing.Signer(salt="a.purpose").sign(key.hex)


def test_row_from_token_opens_the_row_of_its_value(subscriber):
    Subscriber.objects.create(email="someone.else@mission.example.org", language="en")
    token = make_token(subscriber.key.hex, salt="a.purpose")

    assert row_from_token(Subscriber.objects.all(), token, salt="a.purpose", field="key") == (
        subscriber
    )


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # tampered signature
        lambda token: token.split(":")[0],  # no signature
        lambda token: "",
        lambda token: None,
    ],
)
def test_row_from_token_refuses_a_token_that_is_not_genuine(subscriber, mangle):
    token = make_token(subscriber.key.hex, salt="a.purpose")

    with pytest.raises(InvalidLinkError):
        row_from_token(Subscriber.objects.all(), mangle(token), salt="a.purpose", field="key")


def test_row_from_token_refuses_the_token_of_another_purpose(subscriber):
    token = make_token(subscriber.key.hex, salt="another.purpose")

    with pytest.raises(InvalidLinkError):
        row_from_token(Subscriber.objects.all(), token, salt="a.purpose", field="key")


def test_row_from_token_refuses_a_genuine_token_whose_row_is_gone(subscriber):
    token = make_token(subscriber.key.hex, salt="a.purpose")
    subscriber.delete()

    with pytest.raises(InvalidLinkError):
        row_from_token(Subscriber.objects.all(), token, salt="a.purpose", field="key")


def test_row_from_token_refuses_a_genuine_token_of_a_value_the_column_cannot_hold(db):
    token = make_token("not a key", salt="a.purpose")

    with pytest.raises(InvalidLinkError):
        row_from_token(Subscriber.objects.all(), token, salt="a.purpose", field="key")


def test_an_expiring_token_opens_until_its_age_and_not_after(subscriber, monkeypatch):
    token = make_token(subscriber.key, salt="a.purpose", expires=True)

    assert value_from_token(token, salt="a.purpose", max_age=60) == str(subscriber.key)
    later = timezone.now().timestamp() + 61
    monkeypatch.setattr(signing.time, "time", lambda: later)
    with pytest.raises(InvalidLinkError):
        value_from_token(token, salt="a.purpose", max_age=60)


def test_a_token_without_a_timestamp_is_not_an_expiring_one(subscriber):
    token = make_token(subscriber.key, salt="a.purpose")

    with pytest.raises(InvalidLinkError):
        value_from_token(token, salt="a.purpose", max_age=60)


# Links sent before the helper existed still open their rows: the tokens below are made
# as the code made them then, with Django's signer directly.


def test_an_old_accreditation_pass_still_opens(holder):
    old = signing.Signer(salt="presessions.accreditation-pass").sign(holder.code)

    assert accreditation.pass_token(holder) == old
    assert accreditation.accreditation_from_pass(old) == holder


def test_an_old_cancellation_link_still_opens(registration):
    old = signing.Signer(salt="presessions.event-registration").sign(registration.key.hex)

    assert events.cancel_url(registration).endswith(f"/{old}/")
    assert events.registration_from_token(old) == registration


@pytest.mark.parametrize("purpose", ["confirm", "unsubscribe"])
def test_an_old_mailing_list_link_still_opens(subscriber, purpose):
    old = signing.Signer(salt=f"presessions.mailing-list.{purpose}").sign(subscriber.key.hex)

    assert mailing_list.link(subscriber, purpose).endswith(f"/{old}/")
    assert mailing_list.subscriber_from_token(old, purpose) == subscriber


def test_an_old_private_link_still_opens(presession):
    application = ApplicationFactory(presession=presession)
    old = signing.Signer(salt="applications.private-link").sign(application.access_key.hex)

    assert access.make_token(application) == old
    assert access.application_from_token(old) == application


def test_an_old_kept_upload_token_still_brings_the_file_back(presession, theme):
    kept = services.stash_upload(SimpleUploadedFile("report.pdf", PDF_BYTES))
    old = signing.TimestampSigner(salt="applications.pending-upload").sign(str(kept.key))

    form = ApplicationForm({"upr_report_pending": old}, series=presession.series)
    form.is_valid()

    assert form.cleaned_data["upr_report_pending"] == kept


def test_an_old_kept_statement_file_token_still_brings_the_file_back(db):
    kept = services.stash_upload(SimpleUploadedFile("statement.pdf", PDF_BYTES))
    old = signing.TimestampSigner(salt="panels.pending-upload").sign(str(kept.key))

    form = StatementForm({"file_pending": old})
    form.is_valid()

    assert form.cleaned_data["file_pending"] == kept
