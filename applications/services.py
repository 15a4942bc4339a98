"""State changes of the call for applications. Views and the admin call these."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from applications import emails
from applications.enums import ApplicationStatus
from applications.models import Application, PendingUpload
from applications.validators import detect_document_type, document_file_name, pdf_active_content
from presessions.models import OutboundEmail, PreSession, Theme

# The fields an applicant fills in (the rest are set by the services).
APPLICANT_FIELDS = (
    "organisation_name",
    "organisation_country",
    "organisation_website",
    "organisation_type",
    "scope",
    "is_national_coalition",
    "contact_email",
    "submitted_upr_report",
    "main_theme",
    "summary",
    "speaker_name",
    "speaker_email",
    "speaker_gender",
    "speaker_languages",
    "speaker_other_languages",
    "needs_interpretation",
    "interpretation_details",
    "needs_funding",
    "funding_amount",
    "funding_reason",
    "has_safety_concerns",
    "safety_details",
)


def ensure_call_open(presession: PreSession, now: dt.datetime | None = None) -> None:
    series = presession.series
    if not series.call_is_open(now):
        raise ValidationError(
            _("The call for applications for %(series)s is closed.") % {"series": series},
            code="call_closed",
        )


def next_reference(presession: PreSession) -> tuple[int, str]:
    """The next number within a Pre-session and its human reference, e.g. PS49-KEN-0007.
    Call with the Pre-session row locked."""
    last = presession.applications.aggregate(last=Max("sequence"))["last"] or 0
    return last + 1, f"{presession.code}-{last + 1:04d}"


def find_duplicate(
    *, presession: PreSession, organisation_name: str, contact_email: str
) -> Application | None:
    """An application still standing from the same organisation and email for the same
    Pre-session (names compared without regard to case)."""
    return (
        Application.objects.filter(
            presession=presession,
            organisation_name__iexact=organisation_name.strip(),
            contact_email__iexact=contact_email.strip(),
            status=ApplicationStatus.SUBMITTED,
        )
        .order_by("submitted_at")
        .first()
    )


def shorten_file_name(name: str, limit: int = 255) -> str:
    """The name as uploaded, cut to `limit` characters keeping its extension."""
    if len(name) <= limit:
        return name
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem or len(extension) > 16:
        return name[:limit]
    return f"{stem[: limit - len(extension) - 1]}.{extension}"


def _attach_report(
    application: Application, report: File | None, pending: PendingUpload | None
) -> None:
    """Store the report under a name whose extension follows its detected type, and
    record that type and any active content it carries, for staff to see."""
    if report is not None:
        application.upr_report_name = shorten_file_name(report.name)
        application.upr_report.save(document_file_name(report, "report"), report, save=False)
        _record_report_content(application, report)
    elif pending is not None:
        application.upr_report.name = pending.file.name
        application.upr_report_name = pending.original_name
        pending.delete()  # the row only; the file now belongs to the application
        with application.upr_report.open("rb") as stored:
            _record_report_content(application, stored)


def _record_report_content(application: Application, report: File) -> None:
    application.upr_report_type = detect_document_type(report) or ""
    application.upr_report_active_content = pdf_active_content(report)


@transaction.atomic
def submit_application(
    *,
    presession: PreSession,
    fields: Mapping[str, Any],
    related_themes: Iterable[Theme] = (),
    report: File | None = None,
    pending_report: PendingUpload | None = None,
    language: str,
    now: dt.datetime | None = None,
) -> Application:
    """Store a new application and acknowledge it.

    Side effects: one Application with its reference; the report file stored under a
    random name; a confirmation email with the private link queued after commit.
    Raises ValidationError when the call is closed or the application is a duplicate.
    """
    now = now or timezone.now()
    # Lock the Pre-session so that two simultaneous submissions get distinct numbers.
    presession = (
        PreSession.objects.select_for_update()
        .select_related("series__session")
        .get(pk=presession.pk)
    )
    ensure_call_open(presession, now)
    if find_duplicate(
        presession=presession,
        organisation_name=fields["organisation_name"],
        contact_email=fields["contact_email"],
    ):
        raise ValidationError(_("This organisation has already applied."), code="duplicate")
    sequence, reference = next_reference(presession)
    application = Application(
        presession=presession,
        sequence=sequence,
        reference=reference,
        language=language,
        consent_given_at=now,
        **{name: fields[name] for name in APPLICANT_FIELDS if name in fields},
    )
    _attach_report(application, report, pending_report)
    application.full_clean(exclude=["upr_report"])
    application.save()
    application.related_themes.set(related_themes)
    emails.queue_confirmation(application)
    return application


@transaction.atomic
def update_application(
    *,
    application: Application,
    fields: Mapping[str, Any],
    related_themes: Iterable[Theme] = (),
    report: File | None = None,
    pending_report: PendingUpload | None = None,
    now: dt.datetime | None = None,
) -> Application:
    """Change an application through its private link, until the deadline.

    Side effects: the application saved; a newly uploaded report replaces the old
    one (the old file is deleted after commit).
    """
    if application.is_withdrawn:
        raise ValidationError(_("This application was withdrawn."), code="withdrawn")
    ensure_call_open(application.presession, now)
    old_report = application.upr_report.name if (report or pending_report) else ""
    for name in APPLICANT_FIELDS:
        if name in fields:
            setattr(application, name, fields[name])
    _attach_report(application, report, pending_report)
    application.full_clean(exclude=["upr_report"])
    application.save()
    application.related_themes.set(related_themes)
    if old_report and old_report != application.upr_report.name:
        storage = application.upr_report.storage
        transaction.on_commit(lambda: storage.delete(old_report))
    return application


@transaction.atomic
def withdraw_application(
    *, application: Application, now: dt.datetime | None = None
) -> Application:
    """Withdraw an application. Side effects: status withdrawn; a notice emailed.

    The private link withdraws through panels.services.withdraw_speaker, which calls this
    and then frees the seat of a speaker on a panel (the panels side builds on this one).
    """
    if application.is_withdrawn:
        return application
    application.status = ApplicationStatus.WITHDRAWN
    application.withdrawn_at = now or timezone.now()
    application.save(update_fields=["status", "withdrawn_at", "updated_at"])
    emails.queue_withdrawal_notice(application)
    return application


# Repeated attempts to apply again send the link at most this often, so that the form
# cannot be used to flood an organisation's mailbox.
LINK_RESEND_INTERVAL = dt.timedelta(minutes=15)


def resend_private_link(*, application: Application, now: dt.datetime | None = None) -> bool:
    """Someone tried to apply again: send the existing link to the address on file,
    never to the screen, at most once per LINK_RESEND_INTERVAL.

    Side effects: one email queued, unless one was queued recently. Returns whether it was.
    """
    now = now or timezone.now()
    recently_sent = OutboundEmail.objects.filter(
        to=application.contact_email,
        kind=emails.EXISTING_LINK,
        created_at__gte=now - LINK_RESEND_INTERVAL,
    ).exists()
    if recently_sent:
        return False
    emails.queue_existing_link(application)
    return True


def stash_upload(upload: File) -> PendingUpload:
    """Keep a valid file from a form that failed, so it need not be uploaded again."""
    pending = PendingUpload(original_name=shorten_file_name(upload.name))
    pending.file.save(document_file_name(upload, "upload"), upload, save=False)
    pending.save()
    return pending


def purge_pending_uploads(*, older_than: dt.timedelta = dt.timedelta(days=1)) -> int:
    """Delete kept files nobody came back for. Side effects: rows and files deleted."""
    stale = list(PendingUpload.objects.filter(created_at__lt=timezone.now() - older_than))
    for pending in stale:
        pending.file.delete(save=False)
        pending.delete()
    return len(stale)
