"""Personal data: erased a set time after each series, and exported for one person.

A series ends; PERSONAL_DATA_RETENTION_DAYS later its applicants', speakers' and guests'
personal data are erased (the periodic task `task_erase_personal_data`, or
`manage.py erase_personal_data`). What stays: the published statements as their speakers
agreed to share them (the organisation's name only where they agreed to be named), and
rows with no one's name or address in them, so that the organiser can still count
applications by country, scope, gender or outcome.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import asdict, dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch, Q
from django.forms.models import model_to_dict
from django.utils import timezone

from applications.models import Application, CallAlert, CallAlertDelivery
from panels import public_copy
from panels.enums import Cleaning, DocumentStatus, Sharing
from panels.models import (
    Decision,
    Material,
    ObserverDocument,
    Placement,
    Recommendation,
    Statement,
)
from panels.programme import page_cache as programme_pages
from panels.statements import public_files
from panels.statements import published as published_statements
from panels.statements.services import refresh_public_state
from presessions.models import (
    Accreditation,
    CheckIn,
    OutboundEmail,
    Registration,
    Series,
    Subscriber,
)

# Fields of an application that name or reach a person, or say what they fear.
_APPLICATION_ERASED = {
    "contact_email": "",
    "organisation_website": "",
    "speaker_name": "",
    "speaker_email": "",
    "speaker_other_languages": "",
    "summary": "",
    "interpretation_details": "",
    "funding_reason": "",
    "safety_details": "",
    "review_notes": "",
    "upr_report_name": "",
    "upr_report_type": "",
}


@dataclass
class ErasureReport:
    series: int = 0
    applications: int = 0
    statements_deleted: int = 0
    items_deleted: int = 0
    accreditations: int = 0
    check_ins: int = 0
    registrations: int = 0
    emails_deleted: int = 0
    history_rows_deleted: int = 0
    documents_deleted: int = 0


def series_due(today: dt.date | None = None):
    today = today or timezone.localdate()
    cutoff = today - dt.timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS)
    return Series.objects.filter(ends_on__lt=cutoff, personal_data_erased_at__isnull=True)


def erase_due_personal_data(*, today: dt.date | None = None) -> ErasureReport:
    """Erase the personal data of every series past its retention time.

    Side effects: see erase_series; each series is erased in its own transaction."""
    report = ErasureReport()
    for series in series_due(today):
        partial = erase_series(series=series)
        for name, value in asdict(partial).items():
            setattr(report, name, getattr(report, name) + value)
    return report


@transaction.atomic
def erase_series(*, series: Series) -> ErasureReport:
    """Erase the personal data of one series' applicants, speakers and guests.

    Side effects: applications stripped of names, addresses, texts and files (their
    private links stop working); unpublished statements deleted, and the unshared items
    of published ones; accreditations and event registrations stripped, and the check-ins
    of the accreditations of who recorded them, and the observers' documents of their names
    (see _erase_observer_documents); the emails sent to those people and the
    audit trail of their applications deleted."""
    report = ErasureReport(series=1)
    series = Series.objects.select_for_update().get(pk=series.pk)
    applications = list(Application.objects.filter(presession__series=series))
    ids = [a.pk for a in applications]
    addresses = {a.contact_email.lower() for a in applications} | {
        a.speaker_email.lower() for a in applications
    }

    report.statements_deleted, report.items_deleted = _erase_statements(ids)
    named = set(_named_organisations(ids))
    for application in applications:
        if application.upr_report:
            application.upr_report.delete(save=False)
        for field, value in _APPLICATION_ERASED.items():
            setattr(application, field, value)
        if application.pk not in named:
            application.organisation_name = ""
        if application.is_ineligible:
            application.ineligible_reason = "-"
        application.access_key = uuid.uuid4()
        application.upr_report = ""
        application.upr_report_active_content = []
    Application.objects.bulk_update(
        applications,
        [*_APPLICATION_ERASED, "organisation_name", "ineligible_reason", "access_key",
         "upr_report", "upr_report_active_content"],
    )  # fmt: skip
    report.applications = len(applications)
    Decision.objects.filter(panel__presession__series=series).update(details="", values={})

    report.documents_deleted = _erase_observer_documents(series)
    accreditations = Accreditation.objects.filter(series=series)
    addresses |= {email.lower() for email in accreditations.values_list("email", flat=True)}
    report.accreditations = accreditations.update(name="", email="", organisation="")
    # An entry through the door keeps only its time (attendance can still be counted by
    # day), not who let the holder in.
    report.check_ins = CheckIn.objects.filter(accreditation__series=series).update(
        checked_in_by=None
    )
    registrations = Registration.objects.filter(event__series=series)
    addresses |= {email.lower() for email in registrations.values_list("email", flat=True)}
    report.registrations = registrations.update(name="", email="", organisation="")

    # The emails kept of these people (their bodies hold names and links), except for
    # addresses still on the missions' mailing list by their own, separate choice.
    addresses.discard("")
    subscribed = set(Subscriber.objects.values_list("email", flat=True))
    emails = OutboundEmail.objects.filter(to__in=[a for a in addresses if a not in subscribed])
    report.emails_deleted = emails.delete()[0]

    report.history_rows_deleted = (
        Application.history.filter(id__in=ids).delete()[0]
        + Placement.history.filter(application_id__in=ids).delete()[0]
        + Statement.history.filter(application_id__in=ids).delete()[0]
    )
    series.personal_data_erased_at = timezone.now()
    series.save(update_fields=["personal_data_erased_at"])
    published_statements.page_cache.renew_lists()
    programme_pages.renew()
    return report


def _erase_observer_documents(series: Series) -> int:
    """Observers' documents lose their organisation's name with the accreditation: those
    the missions never received (not approved), and those that could only be served as
    uploaded (named, kept with the author's details), are deleted with their files; the
    approved others stay on the programme as from "an organisation from" their country."""
    deleted = 0
    for document in ObserverDocument.objects.filter(presession__series=series):
        keeps = document.status == DocumentStatus.APPROVED and document.cleaning == Cleaning.CLEANED
        if keeps:
            continue
        public_copy.delete_files(document)
        document.delete()
        deleted += 1
    ObserverDocument.objects.filter(presession__series=series).update(
        named=False, remove_details=True
    )
    return deleted


def _named_organisations(application_ids: list[int]) -> list[int]:
    """The applications whose organisation is named with a published statement."""
    statements = published_statements.statements().filter(
        published_statements.organisation_is_named("pk"), application_id__in=application_ids
    )
    return [s.application_id for s in statements]


def _erase_statements(application_ids: list[int]) -> tuple[int, int]:
    """Delete unpublished statements, and what published ones did not share."""
    deleted_statements = deleted_items = 0
    for statement in Statement.objects.filter(application_id__in=application_ids).select_related(
        "presession__series__session"
    ):
        private_items = [
            *Recommendation.objects.filter(statement=statement, sharing=Sharing.PRIVATE),
            *Material.objects.filter(statement=statement, sharing=Sharing.PRIVATE),
        ]
        if not statement.is_published:
            for material in statement.materials.all():
                public_files.delete_files(material)
            public_files.delete_files(statement)
            statement.delete()
            deleted_statements += 1
            continue
        for item in private_items:
            if isinstance(item, Material):
                public_files.delete_files(item)
            item.delete()
            deleted_items += 1
        if statement.sharing == Sharing.PRIVATE:
            public_files.delete_files(statement)
            statement.text, statement.file, statement.file_name = "", "", ""
            statement.public_file, statement.file_type, statement.cleaning = "", "", ""
            statement.save(
                update_fields=["text", "file", "file_name", "public_file", "file_type", "cleaning"]
            )
        refresh_public_state(statement)
    return deleted_statements, deleted_items


# Export for a data-subject request --------------------------------------------------------


def _row(obj, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    data = model_to_dict(obj, exclude=list(exclude))
    for key, value in list(data.items()):
        if hasattr(value, "isoformat"):
            data[key] = value.isoformat()
        elif hasattr(value, "name") and key.endswith(("file", "report")):
            data[key] = value.name or ""
        elif isinstance(value, list) and value and hasattr(value[0], "pk"):
            data[key] = [str(item) for item in value]
        elif not isinstance(value, (str, int, float, bool, list, dict, type(None))):
            data[key] = str(value)
    data["id"] = obj.pk
    return data


def personal_data_of(email: str) -> dict[str, Any]:
    """Everything held on the person with this email address, for a data-subject request:
    applications (as contact or speaker) with their statements, accreditations, event
    registrations, the mailing-list subscription, the call alerts (with the series they
    were alerted of) and every email sent to them."""
    email = email.strip()
    applications = Application.objects.filter(
        Q(contact_email__iexact=email) | Q(speaker_email__iexact=email)
    ).select_related("presession__series__session", "main_theme")
    result: dict[str, Any] = {"email": email, "exported_at": timezone.now().isoformat()}
    result["applications"] = []
    for application in applications:
        entry = _row(application, exclude=("access_key",))
        entry["series"] = str(application.presession.series)
        entry["country"] = application.presession.country.name
        statement = Statement.objects.filter(application=application).first()
        if statement is not None:
            entry["statement"] = _row(statement, exclude=("search_document", "search_vector"))
            entry["statement"]["recommendations"] = [
                _row(r) for r in statement.recommendations.all()
            ]
            entry["statement"]["materials"] = [_row(m) for m in statement.materials.all()]
        placement = Placement.objects.filter(application=application).first()
        if placement is not None:
            entry["placement"] = _row(placement)
        result["applications"].append(entry)
    result["accreditations"] = [
        {
            **_row(a, exclude=("code",)),
            "check_ins": [c.checked_in_at.isoformat() for c in a.check_ins.all()],
            "documents": [_row(d, exclude=("file", "public_file")) for d in a.documents.all()],
        }
        for a in Accreditation.objects.filter(email__iexact=email).prefetch_related(
            "check_ins", "documents"
        )
    ]
    result["event_registrations"] = [
        _row(r, exclude=("key",)) for r in Registration.objects.filter(email__iexact=email)
    ]
    result["mailing_list"] = [_row(s) for s in Subscriber.objects.filter(email__iexact=email)]
    result["call_alerts"] = [
        {
            **_row(alert, exclude=("key", "countries")),
            "countries": alert.country_codes,
            "alerted_of": [str(d.series) for d in alert.deliveries.all()],
        }
        for alert in CallAlert.objects.filter(email__iexact=email).prefetch_related(
            Prefetch("deliveries", CallAlertDelivery.objects.select_related("series__session"))
        )
    ]
    result["emails"] = [
        _row(m, exclude=("headers",)) for m in OutboundEmail.objects.filter(to__iexact=email)
    ]
    return result
