"""The call's emails: to the address on file, in the applicant's language, with the
private link where it belongs."""

import pytest

from applications import emails
from applications.access import private_url
from presessions.enums import EmailStatus
from tests.factories import ApplicationFactory


@pytest.fixture
def application(presession):
    return ApplicationFactory(
        presession=presession, contact_email="office@haki.example.org", speaker_email="x@y.org"
    )


def test_confirmation_goes_to_the_contact_with_the_private_link(application):
    email = emails.queue_confirmation(application)

    assert (email.to, email.kind, email.language, email.status) == (
        "office@haki.example.org", "application_received", "en", EmailStatus.QUEUED
    )  # fmt: skip
    assert email.subject == f"Your application {application.reference} is received"
    assert private_url(application) in email.body_text


def test_existing_link_is_recorded_under_the_kind_the_resend_limit_counts(application):
    email = emails.queue_existing_link(application)

    assert (email.to, email.kind) == ("office@haki.example.org", emails.EXISTING_LINK)
    assert email.subject == f"The private link of your application {application.reference}"
    assert private_url(application) in email.body_text


def test_withdrawal_notice_is_rendered_in_the_applicants_language(presession):
    application = ApplicationFactory(presession=presession, language="fr")

    email = emails.queue_withdrawal_notice(application)

    assert (email.kind, email.language) == ("application_withdrawn", "fr")
    assert email.subject == f"Votre candidature {application.reference} a été retirée"


def test_private_link_in_the_email_is_in_the_applicants_language(presession):
    application = ApplicationFactory(presession=presession, language="es")

    email = emails.queue_existing_link(application)

    assert email.subject == f"El enlace privado de su solicitud {application.reference}"
    assert private_url(application, language="es") in email.body_text
    assert "/es/application/" in private_url(application, language="es")
