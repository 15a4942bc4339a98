"""The base's models, by concept: the calendar, the email record and attendance."""

from presessions.models.attendance import (
    Accreditation,
    CheckIn,
    Event,
    Mailing,
    MailingRecipient,
    Registration,
    Subscriber,
)

# Migration 0001 names the pass code's default by this path.
from presessions.models.attendance import _new_pass_code as _new_pass_code
from presessions.models.calendar import (
    PreSession,
    Series,
    SeriesQuerySet,
    Theme,
    WorkingGroupSession,
)
from presessions.models.outbox import OutboundEmail
from presessions.models.staff import StaffPreference

__all__ = [
    "Accreditation",
    "CheckIn",
    "Event",
    "Mailing",
    "MailingRecipient",
    "OutboundEmail",
    "PreSession",
    "Registration",
    "Series",
    "SeriesQuerySet",
    "StaffPreference",
    "Subscriber",
    "Theme",
    "WorkingGroupSession",
]
