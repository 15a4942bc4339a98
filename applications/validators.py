"""Checks on uploaded documents: the type is read from the content, not the name."""

from __future__ import annotations

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

PDF = "pdf"
DOC = "doc"
DOCX = "docx"
ODT = "odt"

# Signatures at the very start of the file.
_PDF_MAGIC = b"%PDF-"
_OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")  # legacy Word (.doc) compound file
_ZIP_MAGIC = b"PK\x03\x04"
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def detect_document_type(upload: File) -> str | None:
    """Return "pdf", "doc", "docx" or "odt" from the file's bytes, or None."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(_PDF_MAGIC):
        return PDF
    if head.startswith(_OLE2_MAGIC):
        return DOC
    if head.startswith(_ZIP_MAGIC):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
                if "mimetype" in names and archive.read("mimetype").strip() == _ODT_MIMETYPE:
                    return ODT
                if "[Content_Types].xml" in names and "word/document.xml" in names:
                    return DOCX
        except (zipfile.BadZipFile, KeyError, ValueError):
            return None
        finally:
            upload.seek(0)
    return None


def validate_document(upload: File) -> str:
    """Raise ValidationError unless the upload is a PDF, DOC, DOCX or ODT within the
    size limit; return its detected type."""
    if upload.size > settings.MAX_UPLOAD_SIZE:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s. Please upload a smaller file."),
            code="file_too_large",
            params={
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(settings.MAX_UPLOAD_SIZE),
            },
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="file_empty")
    kind = detect_document_type(upload)
    if kind is None:
        raise ValidationError(
            _("Please upload a PDF, Word (DOC or DOCX) or OpenDocument (ODT) file."),
            code="file_type",
        )
    return kind
