"""State changes of the call for applications. Views and the admin call these."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from applications import emails
from applications.enums import ApplicationStatus
from applications.models import APPLICANT_FIELDS, Application, PendingUpload
from applications.validators import detect_document_type, document_file_name, pdf_active_content
from presessions.models import OutboundEmail, PreSession, Theme


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
    return last + 1, _reference(presession, last + 1)


def _reference(presession: PreSession, sequence: int) -> str:
    return f"{presession.code}-{sequence:04d}"


def _same_applicant(*, organisation_name: str, contact_email: str) -> Q:
    """The applications still standing from this organisation and email (names compared
    without regard to case)."""
    return Q(
        organisation_name__iexact=organisation_name.strip(),
        contact_email__iexact=contact_email.strip(),
        status=ApplicationStatus.SUBMITTED,
    )


def find_duplicate(
    *, presession: PreSession, organisation_name: str, contact_email: str
) -> Application | None:
    """An application still standing from the same organisation and email for the same
    Pre-session (names compared without regard to case)."""
    return (
        Application.objects.filter(
            _same_applicant(organisation_name=organisation_name, contact_email=contact_email),
            presession=presession,
        )
        .order_by("submitted_at")
        .first()
    )


class DuplicateApplicationError(ValidationError):
    """A second application by the same organisation and email for the same Pre-session.
    `existing` is the one still standing, whose link answer_duplicate sends."""

    existing: Application


def check_not_duplicate(
    *, presession: PreSession, organisation_name: str, contact_email: str
) -> None:
    """Refuse a second application (find_duplicate) with DuplicateApplicationError. The
    message says the link was sent: whoever shows it calls answer_duplicate."""
    existing = find_duplicate(
        presession=presession, organisation_name=organisation_name, contact_email=contact_email
    )
    if existing is None:
        return
    error = DuplicateApplicationError(
        _(
            "This organisation has already applied for %(country)s with this "
            "email address. We have sent the private link of that application to "
            "the address: use it to see or change the application."
        ),
        code="duplicate",
        params={"country": presession.country.name},
    )
    error.existing = existing
    raise error


def validate_answers(
    answers: Mapping[str, Any], *, has_report: bool, changed: Iterable[str] | None = None
) -> None:
    """The rules between the applicant's answers, for every way in (the form, the
    services, the admin): the report attached when they say they submitted one, the
    language to interpret from, and the amount (more than zero) and the reason of a
    funding request. Raises ValidationError keyed by field.

    With `changed` (the admin), only the rules that read one of those fields are
    checked: a change that breaks a rule is refused, an answer left as it was is not
    (erasure blanks some of them)."""
    touched = None if changed is None else set(changed)

    def checks(*names: str) -> bool:
        return touched is None or not touched.isdisjoint(names)

    errors: dict[str, ValidationError] = {}
    reported = answers.get("submitted_upr_report")
    if checks("submitted_upr_report", "upr_report") and reported and not has_report:
        errors["upr_report"] = ValidationError(
            _("Please attach the report you submitted."), code="report_missing"
        )
    interpreted = answers.get("needs_interpretation")
    if (
        checks("needs_interpretation", "interpretation_details")
        and interpreted
        and not answers.get("interpretation_details")
    ):
        errors["interpretation_details"] = ValidationError(
            _("Please say from which language."), code="interpretation_missing"
        )
    if checks("needs_funding", "funding_amount", "funding_reason") and answers.get("needs_funding"):
        amount = answers.get("funding_amount")
        if amount in (None, ""):
            errors["funding_amount"] = ValidationError(
                _("Please give the amount you need."), code="amount_missing"
            )
        elif amount <= 0:
            errors["funding_amount"] = ValidationError(
                _("The amount must be more than zero."), code="amount_not_positive"
            )
        if not answers.get("funding_reason"):
            errors["funding_reason"] = ValidationError(
                _("Please say what the support is for."), code="reason_missing"
            )
    if errors:
        raise ValidationError(errors)


def themes_besides_main(main_theme: Theme | None, related_themes: Iterable[Theme]) -> list[Theme]:
    """The related themes without the main one (a theme is one or the other)."""
    return [theme for theme in related_themes if theme != main_theme]


def _answers(application: Application) -> dict[str, Any]:
    """What validate_answers reads of an application (its main theme is not read: no
    query for it)."""
    return {name: getattr(application, name) for name in APPLICANT_FIELDS if name != "main_theme"}


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
        application.upr_report_name = shorten_file_name(report.name or "")
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
    Raises ValidationError when the call is closed, when an answer breaks a rule
    (validate_answers) and, as DuplicateApplicationError, for a duplicate. The related
    themes are kept without the main theme.
    """
    now = now or timezone.now()
    # Lock the Pre-session so that two simultaneous submissions get distinct numbers.
    presession = (
        PreSession.objects.select_for_update()
        .select_related("series__session")
        .get(pk=presession.pk)
    )
    ensure_call_open(presession, now)
    # The duplicate check and the next number in one read of the Pre-session's
    # applications; the standing application is read only to refuse a duplicate.
    applicant = {
        "organisation_name": fields["organisation_name"],
        "contact_email": fields["contact_email"],
    }
    found = presession.applications.aggregate(
        last=Max("sequence"), repeats=Count("pk", filter=_same_applicant(**applicant))
    )
    if found["repeats"]:
        check_not_duplicate(presession=presession, **applicant)
    sequence = (found["last"] or 0) + 1
    reference = _reference(presession, sequence)
    application = Application(
        presession=presession,
        sequence=sequence,
        reference=reference,
        language=language,
        consent_given_at=now,
        **{name: fields[name] for name in APPLICANT_FIELDS if name in fields},
    )
    validate_answers(
        _answers(application), has_report=report is not None or pending_report is not None
    )
    _attach_report(application, report, pending_report)
    # The values' own checks only: the Pre-session is the row locked above and the main
    # theme one the caller found, and the database's constraints refuse a repeated number.
    application.full_clean(
        exclude=["upr_report", "presession", "main_theme"],
        validate_unique=False,
        validate_constraints=False,
    )
    application.save()
    # A new row has no related themes yet: added without reading them first (.set()).
    through = Application.related_themes.through
    through.objects.bulk_create(
        through(application=application, theme=theme)
        for theme in {
            theme.pk: theme for theme in themes_besides_main(application.main_theme, related_themes)
        }.values()
    )
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
    one (the old file is deleted after commit). Raises ValidationError when it was
    withdrawn, when the call is closed and when an answer breaks a rule
    (validate_answers). The related themes are kept without the main theme.
    """
    if application.is_withdrawn:
        raise ValidationError(_("This application was withdrawn."), code="withdrawn")
    ensure_call_open(application.presession, now)
    old_report = application.upr_report.name if (report or pending_report) else ""
    for name in APPLICANT_FIELDS:
        if name in fields:
            setattr(application, name, fields[name])
    validate_answers(
        _answers(application),
        has_report=bool(report or pending_report or application.upr_report),
    )
    _attach_report(application, report, pending_report)
    application.full_clean(exclude=["upr_report"])
    application.save()
    application.related_themes.set(themes_besides_main(application.main_theme, related_themes))
    if old_report and old_report != application.upr_report.name:
        storage = application.upr_report.storage
        transaction.on_commit(lambda: storage.delete(old_report))
    return application


@transaction.atomic
def withdraw_application(
    *, application: Application, now: dt.datetime | None = None
) -> Application:
    """Withdraw an application. Side effects: status withdrawn; a notice emailed.

    The private link withdraws through panels.selection.services.withdraw_speaker, which calls this
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


def answer_duplicate(*, existing: Application | None, now: dt.datetime | None = None) -> bool:
    """After an attempt to apply was refused: when it was refused as a duplicate of
    `existing` (DuplicateApplicationError), that application's private link goes to the
    address on file (resend_private_link), as the refusal says. Nothing for another
    refusal (None). Returns whether an email was queued."""
    if existing is None:
        return False
    return resend_private_link(application=existing, now=now)


def stash_upload(upload: File) -> PendingUpload:
    """Keep a valid file from a form that failed, so it need not be uploaded again."""
    pending = PendingUpload(original_name=shorten_file_name(upload.name or ""))
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


RATINGS = range(4)


@transaction.atomic
def rate_applications(*, applications: Iterable[Application], rating: int) -> int:
    """Give these applications the same staff rating (0-3), one by one so that the audit
    trail records each change and who made it. Side effects: the ratings saved.
    Returns how many changed. Raises ValidationError for a rating outside 0-3."""
    if rating not in RATINGS:
        raise ValidationError(_("A rating is 0, 1, 2 or 3."), code="invalid_rating")
    changed = 0
    for application in applications:
        if application.rating == rating:
            continue
        application.rating = rating
        application.save(update_fields=["rating", "updated_at"])
        changed += 1
    return changed


@transaction.atomic
def mark_ineligible(*, applications: Iterable[Application], reason: str) -> int:
    """Mark these applications ineligible for this reason: they leave the candidates of
    the next suggested panel. Side effects: the flag and the reason saved, one by one for
    the audit trail (an application already ineligible gets the new reason). Returns how
    many changed. Raises ValidationError without a reason."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"ineligible_reason": _("Say why the application is ineligible.")}, code="no_reason"
        )
    changed = 0
    for application in applications:
        if application.is_ineligible and application.ineligible_reason == reason:
            continue
        application.is_ineligible = True
        application.ineligible_reason = reason
        application.save(update_fields=["is_ineligible", "ineligible_reason", "updated_at"])
        changed += 1
    return changed
