import datetime as dt

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from applications.access import InvalidLinkError, application_from_token, make_token, private_url
from applications.enums import ApplicationStatus
from tests.conftest import application_data
from tests.factories import ApplicationFactory


@pytest.fixture
def application(presession, theme):
    return ApplicationFactory(
        presession=presession,
        main_theme=theme,
        organisation_name="Kenya Rights Network",
        contact_email="contact@krn.example.org",
        safety_details="Our director was threatened in May.",
    )


@pytest.fixture
def someone_else(presession, theme):
    """Another organisation's application, whose data must never leak."""
    return ApplicationFactory(
        presession=presession,
        main_theme=theme,
        organisation_name="Secret Defenders Collective",
        contact_email="hidden@secret.example.org",
    )


def url(name, application, token=None):
    namespace = "applications" if name == "edit" else "panels"
    return reverse(f"{namespace}:{name}", kwargs={"token": token or make_token(application)})


def test_application_from_token_opens_its_own_application(application, someone_else):
    assert application_from_token(make_token(application)) == application
    assert application_from_token(make_token(someone_else)) == someone_else


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: token.split(":")[0],
        lambda token: token + "x",
        lambda token: "",
        lambda token: "not a token at all",
    ],
)
def test_application_from_token_refuses_a_tampered_token(application, mangle):
    with pytest.raises(InvalidLinkError):
        application_from_token(mangle(make_token(application)))


def test_application_from_token_refuses_a_token_signed_for_something_else(application):
    foreign = signing.Signer(salt="another-purpose").sign(application.access_key.hex)

    with pytest.raises(InvalidLinkError):
        application_from_token(foreign)


def test_private_url_is_absolute_and_in_the_applicants_language(application):
    application.language = "es"

    assert private_url(application).startswith("http://testserver/es/application/")


def test_private_page_shows_the_application_and_nothing_else(client, application, someone_else):
    response = client.get(url("private", application))

    page = response.content.decode()
    assert response.status_code == 200
    assert application.reference in page
    assert "Kenya Rights Network" in page
    assert "Secret Defenders Collective" not in page
    assert "hidden@secret.example.org" not in page
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]


def test_private_page_with_a_tampered_link_reveals_nothing(client, application):
    token = make_token(application)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")

    response = client.get(url("private", application, tampered))

    page = response.content.decode()
    assert response.status_code == 404
    assert "This link does not work" in page
    assert application.reference not in page
    assert "Kenya Rights Network" not in page


@pytest.mark.parametrize("name", ["edit", "withdraw"])
def test_every_private_page_refuses_a_forged_link(client, application, name):
    forged = signing.Signer(salt="another-purpose").sign(application.access_key.hex)

    response = client.post(url(name, application, forged), {})

    assert response.status_code == 404
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_edit_changes_the_application(client, application, presession, theme):
    reference = application.reference
    data = application_data(
        presession, theme, summary="A new summary.", speaker_name="Grace Achieng"
    )

    response = client.post(url("edit", application), data)

    assert response.status_code == 302
    assert response.url == url("private", application)
    application.refresh_from_db()
    assert application.summary == "A new summary."
    assert application.speaker_name == "Grace Achieng"
    assert application.reference == reference


def test_edit_with_bad_input_keeps_what_was_typed(client, application, presession, theme):
    data = application_data(presession, theme, summary="Typed text", speaker_email="nope")

    response = client.post(url("edit", application), data)

    assert response.status_code == 200
    assert "Typed text" in response.content.decode()
    application.refresh_from_db()
    assert application.summary == "What we will present."


def test_edit_is_refused_after_the_deadline(client, application, presession, theme):
    series = presession.series
    series.call_opens_at = timezone.now() - dt.timedelta(days=40)
    series.call_closes_at = timezone.now() - dt.timedelta(minutes=1)
    series.save()

    response = client.post(url("edit", application), application_data(presession, theme))

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.summary == "What we will present."
    page = client.get(response.url).content.decode()
    assert "can no longer be changed" in page


def test_withdraw_asks_for_confirmation_then_withdraws(
    client, application, django_capture_on_commit_callbacks
):
    page = client.get(url("withdraw", application)).content.decode()
    assert "Yes, withdraw the application" in page
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("withdraw", application))

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    assert application.withdrawn_at is not None
    assert [m.subject for m in mail.outbox] == [
        f"Your application {application.reference} is withdrawn"
    ]
    page = client.get(url("private", application)).content.decode()
    assert "This application was withdrawn" in page
    assert "Change the application" not in page


def test_withdrawing_twice_sends_one_notice(
    client, application, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("withdraw", application))
        client.post(url("withdraw", application))

    assert len(mail.outbox) == 1


def test_withdrawn_application_cannot_be_edited(client, application, presession, theme):
    client.post(url("withdraw", application))

    response = client.post(url("edit", application), application_data(presession, theme))

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.summary == "What we will present."
