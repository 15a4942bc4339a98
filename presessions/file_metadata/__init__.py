"""Removing what identifies a document's author, before it is published without its
organisation's name: PDF document information and XMP, the properties, comment and
revision authors of Word (DOCX) and OpenDocument (ODT) files, and the EXIF and text
chunks of the pictures inside them.

Pure functions on bytes. A document that cannot be cleaned reliably (a legacy Word file,
one that does not parse, one holding an embedded object or a signature) raises
`CannotClean` with the reason, so that it is never published as if it were clean.
"""

from __future__ import annotations

from presessions.file_metadata.office import clean_package
from presessions.file_metadata.pdf import clean_pdf
from presessions.file_metadata.reasons import (
    EMBEDDED_OBJECT,
    OLD_WORD_FORMAT,
    SIGNED,
    UNREADABLE,
    CannotClean,
)

# The document types, as `applications.validators.detect_document_type` names them.
PDF = "pdf"
DOC = "doc"
DOCX = "docx"
ODT = "odt"

__all__ = [
    "EMBEDDED_OBJECT",
    "OLD_WORD_FORMAT",
    "SIGNED",
    "UNREADABLE",
    "CannotClean",
    "remove_identifying_metadata",
]


def remove_identifying_metadata(data: bytes, kind: str) -> bytes:
    """The document without what names its author, or CannotClean with the reason."""
    if kind == PDF:
        return clean_pdf(data)
    if kind in (DOCX, ODT):
        return clean_package(data, expected=kind)
    if kind == DOC:
        raise CannotClean(OLD_WORD_FORMAT)
    raise CannotClean(UNREADABLE)
