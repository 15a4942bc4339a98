"""The emails of the call for applications, each queued through the email record."""

from __future__ import annotations

from applications.access import private_url
from applications.models import Application
from presessions.models import OutboundEmail
from presessions.outbox import queue_email

EXISTING_LINK = "application_link"


def _context(application: Application) -> dict:
    presession = application.presession
    return {
        "application": application,
        "series": presession.series,
        "country": presession.country,
        "private_url": private_url(application),
    }


def queue_confirmation(application: Application) -> OutboundEmail:
    return queue_email(
        to=application.contact_email,
        template="application_received",
        context=_context(application),
        language=application.language,
    )


def queue_existing_link(application: Application) -> OutboundEmail:
    """Sent when someone tries to apply again: the link goes to the address on file."""
    return queue_email(
        to=application.contact_email,
        template=EXISTING_LINK,
        context=_context(application),
        language=application.language,
    )


def queue_withdrawal_notice(application: Application) -> OutboundEmail:
    return queue_email(
        to=application.contact_email,
        template="application_withdrawn",
        context=_context(application),
        language=application.language,
    )
