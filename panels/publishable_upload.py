"""The file field of a form for a document that may be published (a statement, an
advocacy material, an observer's document): checked like every upload, with no active
content, and kept when the form fails for another reason."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.core.files import File
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext_lazy as _

from applications import services as application_services
from applications.models import PendingUpload
from applications.services import shorten_file_name
from applications.validators import (
    detect_document_type,
    document_file_name,
    validate_publishable_document,
)
from presessions.uploads import KeepsUploadMixin, KeptUploadField

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

_PENDING_SALT = "panels.pending-upload"
DOCUMENT_TYPES = (
    ".pdf,.doc,.docx,.odt,application/pdf,application/msword,"
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
    "application/vnd.oasis.opendocument.text"
)


class PublishableUploadMixin(KeepsUploadMixin):
    """A file field `file` for a document that may be published, and a hidden
    `file_pending` carrying the signed key of a file kept from an earlier, failed
    submission of the same form."""

    def _add_upload_fields(self, label: StrOrPromise, required: bool = False) -> None:
        self.fields["file"] = forms.FileField(
            label=label,
            required=required,
            help_text=_("PDF, DOC, DOCX or ODT, at most 10 MB."),
            widget=forms.FileInput(attrs={"accept": DOCUMENT_TYPES}),
        )
        self.fields["file_pending"] = KeptUploadField(
            queryset=PendingUpload.objects.all(),
            salt=_PENDING_SALT,
            stash=application_services.stash_upload,
        )
        self.pending_upload: PendingUpload | None = None

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            # Statements and materials may be published: no active content in them.
            validate_publishable_document(upload)
        return upload

    def has_new_file(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return bool(data.get("file") or data.get("file_pending"))

    @property
    def kept_file_name(self) -> str:
        return self.pending_upload.original_name if self.pending_upload else ""

    def new_file_type(self) -> str | None:
        """The detected type of the file uploaded now or kept from before, if any."""
        data = getattr(self, "cleaned_data", {})
        if data.get("file"):
            return detect_document_type(data["file"])
        if data.get("file_pending"):
            with data["file_pending"].file.open("rb") as kept:
                return detect_document_type(kept)
        return None


def store_upload(field_file: FieldFile, upload: File | None, pending: PendingUpload | None) -> str:
    """Store a new upload (or a kept one, then deleted) in a private file field, under the
    extension of its detected type, never the one it came with; return the name it was
    uploaded with, shortened to fit."""
    if pending is not None:
        with pending.file.open("rb") as kept:
            kept_file = File(kept)
            field_file.save(document_file_name(kept_file), kept_file, save=False)
        name = pending.original_name
        pending.file.delete(save=False)
        pending.delete()
        return shorten_file_name(name)
    assert upload is not None, "a new upload, when none is kept"
    field_file.save(document_file_name(upload), upload, save=False)
    return shorten_file_name(upload.name or "")
