"""The advocacy documents that accredited observers bring for the missions: the upload
from the pass, the observer's withdrawal, staff's decision, and the one door through
which the public (the programme, its mailing, the API) reads them.

A document reaches the public only when staff approved it and the observer's pass is
still valid, under a neutral name made from the series, the State under Review and its
number (never the name it was uploaded with). Unless the observer consented to be named
and kept the file as it is, the public gets the copy without the author's details; a
file that needs one and cannot be cleaned is refused at upload, so nothing unclean is
ever approved. Every public read is one query and returns the frozen dataclasses below.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_countries import countries
from django_countries.fields import Country

from applications.models import PendingUpload
from panels.enums import Cleaning, DocumentStatus
from panels.models import ObserverDocument
from panels.models.observer_document import MAX_PER_MEETING
from panels.public_copy import delete_files, prepare_public_copy, reason
from panels.publishable_upload import store_upload
from presessions import downloads
from presessions.attendance import accreditation as accreditations
from presessions.compiled_reads import CompiledRead
from presessions.enums import AccreditationStatus
from presessions.models import Accreditation, PreSession
from presessions.outbox import queue_email

# What the public may get: approved, on a valid pass, and either named and kept as it
# is, or cleaned of its author's details.
_PUBLIC = Q(status=DocumentStatus.APPROVED, accreditation__status=AccreditationStatus.APPROVED) & (
    Q(named=True, remove_details=False) | Q(cleaning=Cleaning.CLEANED)
)


def meetings_for(holder: Accreditation) -> QuerySet[PreSession]:
    """The meetings of the holder's series, by State under Review."""
    return PreSession.objects.filter(series=holder.series_id).order_by("review_order", "pk")


def documents_of(holder: Accreditation) -> QuerySet[ObserverDocument]:
    """The holder's own documents, whatever their status, for the pass's page."""
    return holder.documents.select_related("presession").order_by("presession", "position")


def may_upload(holder: Accreditation, today: dt.date | None = None) -> bool:
    """Documents are brought until the series ends, on a valid CSO or NHRI pass."""
    return holder.may_bring_documents and not accreditations.series_is_over(holder.series, today)


@transaction.atomic
def upload_document(
    *,
    holder: Accreditation,
    presession: PreSession,
    title: str,
    upload: File | None,
    pending: PendingUpload | None = None,
    named: bool,
    remove_details: bool,
) -> ObserverDocument:
    """Store one document for one meeting, waiting for staff's approval.

    Raises ValidationError when the pass may not bring documents, the meeting is not of
    its series, the observer already brought MAX_PER_MEETING for it, or the file needs
    a copy without its author's details and cannot have one (nothing is then kept).
    Side effects: the row, the file and its copy."""
    if not may_upload(holder):
        raise ValidationError(
            _("This pass cannot be used to bring documents for the missions."), code="not_allowed"
        )
    if presession.series_id != holder.series_id:
        raise ValidationError(_("Please choose a meeting of this series."), code="other_series")
    # The meeting's row is the lock: numbers are given one upload at a time.
    PreSession.objects.select_for_update().filter(pk=presession.pk).first()
    if holder.documents.filter(presession=presession).count() >= MAX_PER_MEETING:
        raise ValidationError(
            _("You have already brought %(count)d documents for this meeting.")
            % {"count": MAX_PER_MEETING},
            code="too_many",
        )
    last = ObserverDocument.objects.filter(presession=presession).aggregate(last=Max("position"))
    document = ObserverDocument(
        accreditation=holder,
        presession=presession,
        position=(last["last"] or 0) + 1,
        title=title,
        named=named,
        remove_details=remove_details or not named,
    )
    document.file_name = store_upload(document.file, upload, pending)
    document.save()
    prepare_public_copy(document)
    if document.serves_copy and document.cleaning != Cleaning.CLEANED:
        refusal = reason(document.cleaning)
        delete_files(document)
        raise ValidationError(
            _(
                "%(reason)s Please save it as PDF or DOCX without it, or, if your "
                "organisation may be named, keep it as it is."
            )
            % {"reason": refusal},
            code="cannot_clean",
        )
    return document


@transaction.atomic
def withdraw_document(document: ObserverDocument) -> None:
    """The observer takes a document back: it leaves the programme at once (a mailing
    already sent keeps only its link, which then finds nothing). Side effects: the row
    and both files deleted."""
    delete_files(document)
    document.delete()


@transaction.atomic
def decide_documents(
    documents: Iterable[ObserverDocument], *, status: str, by: User, now: dt.datetime | None = None
) -> int:
    """Approve or refuse documents; each observer whose document changes is told, in
    their language. Returns how many changed."""
    changed = 0
    for document in documents:
        if document.status == status:
            continue
        document.status = status
        document.decided_at = now or timezone.now()
        document.decided_by = by
        document.save(update_fields=["status", "decided_at", "decided_by"])
        holder = document.accreditation
        queue_email(
            to=holder.email,
            template=f"observer_document_{status}",
            context={
                "holder": holder,
                "document": document,
                "country": document.presession.country,
                "series": holder.series,
                "documents_url": documents_url(holder),
                "programme_url": programme_url(holder),
            },
            language=holder.language,
        )
        changed += 1
    return changed


def documents_url(holder: Accreditation) -> str:
    """The absolute address of the holder's documents page, reached with the pass's token."""
    return _absolute(
        holder.language, "panels:observer-documents", accreditations.pass_token(holder)
    )


def programme_url(holder: Accreditation) -> str:
    return _absolute(holder.language, "panels:programme", holder.series.number)


def _absolute(language: str, name: str, *args: object) -> str:
    with translation.override(language):
        return f"{settings.SITE_URL}{reverse(name, args=args)}"


# The public door ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicDocument:
    title: str
    organisation: str  # as the observer consented to be named
    file_name: str  # the neutral name it is downloaded under
    url: str  # the site's address of the download, without the host


def public_stem(*, number: int, alpha3: str, position: int) -> str:
    """e.g. presession-49-TUN-observer-document-2."""
    return f"presession-{number}-{alpha3.upper()}-observer-document-{position}"


def _organisation(named: bool, name: str, country_code: str) -> str:
    if named:
        return name
    return _("An organisation from %(country)s") % {"country": countries.name(country_code)}


# The documents the public gets for the meetings of a series.
_PUBLIC_DOCUMENTS = CompiledRead(
    lambda series_id: ObserverDocument.objects.filter(_PUBLIC, presession__series=series_id)
    .order_by("presession", "position")
    .values_list(
        "presession_id", "position", "title", "named", "file_type",
        "accreditation__organisation", "accreditation__country",
        "presession__country", "presession__series__session__number",
    )
)  # fmt: skip


def public_documents(series_id: int) -> dict[int, tuple[PublicDocument, ...]]:
    """The documents the public gets for the meetings of a series, by Pre-session: one
    query, compiled once per process (presessions.compiled_reads)."""
    found: defaultdict[int, list[PublicDocument]] = defaultdict(list)
    rows = _PUBLIC_DOCUMENTS.rows(series_id)
    for presession_id, position, title, named, kind, organisation, origin, sur, number in rows:
        alpha3 = Country(sur).alpha3
        found[presession_id].append(
            PublicDocument(
                title=title,
                organisation=_organisation(named, organisation, origin),
                file_name=downloads.file_name(
                    public_stem(number=number, alpha3=alpha3, position=position), kind
                ),
                url=reverse("panels:observer-document", args=[number, alpha3, position]),
            )
        )
    return {pk: tuple(documents) for pk, documents in found.items()}


@dataclass(frozen=True)
class Download:
    document: ObserverDocument
    stem: str

    @property
    def file(self):
        document = self.document
        return document.public_file if document.serves_copy else document.file


def downloadable_document(number: int, alpha2: str, position: int) -> Download | None:
    """The file the public gets for one approved document of a meeting, or None."""
    document = (
        ObserverDocument.objects.filter(
            _PUBLIC,
            presession__series__session__number=number,
            presession__country=alpha2,
            position=position,
        )
        .select_related("presession")
        .first()
    )
    if document is None:
        return None
    alpha3 = document.presession.country.alpha3
    return Download(document, public_stem(number=number, alpha3=alpha3, position=position))
