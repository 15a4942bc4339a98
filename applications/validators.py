"""Checks on uploaded documents: the type is read from the content, not the name, and the
content is checked without trusting it. An archive (DOCX, ODT) is judged by what its
central directory declares, never by inflating it; a PDF must open as a PDF; web page
code in a document is refused. Every read of the file here is bounded."""

from __future__ import annotations

import re
import struct
import zipfile
from typing import BinaryIO, cast

import pikepdf
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

# What an archive may declare. A real report of 10 MB holds a few hundred members and
# inflates to a few times its size; a "zip bomb" declares gigabytes in a few kilobytes.
# Only the central directory is read to check these, so the check costs the same
# whatever the archive claims.
MAX_ARCHIVE_MEMBERS = 10_000
# The central directory is read whole by zipfile: bounded before it is read.
MAX_CENTRAL_DIRECTORY_SIZE = 1024 * 1024
MAX_UNCOMPRESSED_SIZE = 100 * 1024 * 1024
# Text compresses about ten to one; a member above this ratio is not a document...
MAX_COMPRESSION_RATIO = 100
# ...unless it is small: a tiny, repetitive style sheet may compress a lot.
RATIO_CHECKED_FROM = 1024 * 1024
# The ODF `mimetype` member is a few dozen bytes, stored uncompressed.
_MIMETYPE_READ_CAP = 256

# Acrobat looks for the end marker in the last kilobyte; so do we.
_PDF_EOF_WINDOW = 1024
# Web page code at either end of a file is what makes it a "polyglot": a browser that
# sniffs the type, or mshta for an .hta name, runs it. The served name and type follow
# the detected type (PDF, ...), which defeats this on its own; refusing it as well keeps
# such files out of the archive altogether.
_MARKUP_WINDOW = 4096
_MARKUP = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|script|iframe|object|embed|svg|hta:application)"
    rb"[\s>/]",
    re.IGNORECASE,
)

# What a PDF can carry that does something when it is opened, by the names a reader
# sees; the keys are what pdf_active_content returns.
ACTIVE_CONTENT_LABELS = {
    "javascript": _("scripts (JavaScript)"),
    "launch": _("an action that starts a program or opens another file"),
    "form_submission": _("a form that sends data over the internet"),
    "embedded_file": _("attached files"),
    "media": _("embedded media (Flash, video or sound)"),
    "xfa": _("an XFA form, which can run scripts"),
}
# The PDF names that come only with that content: action types (/S /JavaScript), keys
# (/JS, /EF, /XFA) and annotation types (/Subtype /RichMedia). Matched in each object as
# qpdf writes it out, where a name written with escapes (/J#53) is already /JS.
_ACTIVE_NAMES = {
    "JS": "javascript",
    "JavaScript": "javascript",
    "Launch": "launch",
    "SubmitForm": "form_submission",
    "ImportData": "form_submission",
    "EmbeddedFile": "embedded_file",
    "EmbeddedFiles": "embedded_file",
    "EF": "embedded_file",
    "FileAttachment": "embedded_file",
    "GoToE": "embedded_file",
    "RichMedia": "media",
    "RichMediaContent": "media",
    "Movie": "media",
    "Sound": "media",
    "Screen": "media",
    "Rendition": "media",
    "XFA": "xfa",
}
_ACTIVE_NAME = re.compile(
    rb"/(" + b"|".join(name.encode() for name in _ACTIVE_NAMES) + rb")(?=[\s()<>\[\]{}/%]|$)"
)


# What zipfile raises on a damaged or unusual archive (an unknown version raises
# NotImplementedError, a truncated header struct.error).
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    NotImplementedError,
    KeyError,
    ValueError,
    EOFError,
    OSError,
    struct.error,
)


def _expands_error() -> ValidationError:
    return ValidationError(
        _(
            "This file expands to far more than a document would; it may be damaged. "
            "Please save it again or upload a PDF."
        ),
        code="file_expands",
    )


def _read_at(upload: File, offset: int, size: int) -> bytes:
    upload.seek(offset)
    return upload.read(size)


def _central_directory_size(upload: File) -> int | None:
    """The size the end record gives the central directory (what zipfile will read
    into memory), or None if there is no end record."""
    size = upload.size
    tail_start = max(0, size - (22 + 65535))  # end record plus the longest comment
    tail = _read_at(upload, tail_start, size - tail_start)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        return None
    entries, directory_size = struct.unpack("<xxxxxxxxxxHL", tail[at : at + 16])
    if entries == 0xFFFF or directory_size == 0xFFFFFFFF:
        # Zip64: the locator just before the end record gives the zip64 end record.
        locator = tail[at - 20 : at] if at >= 20 else b""
        if len(locator) == 20 and locator.startswith(b"PK\x06\x07"):
            (record_offset,) = struct.unpack("<8xQ4x", locator)
            record = _read_at(upload, record_offset, 56)
            if len(record) == 56 and record.startswith(b"PK\x06\x06"):
                entries, directory_size = struct.unpack("<32xQQ8x", record)
    if entries > MAX_ARCHIVE_MEMBERS:
        raise _expands_error()
    return directory_size


def _open_archive(upload: File) -> zipfile.ZipFile:
    """The archive with its central directory read, after bounding what that costs.
    Raises ValidationError (file_expands) or zipfile.BadZipFile."""
    directory_size = _central_directory_size(upload)
    if directory_size is not None and directory_size > MAX_CENTRAL_DIRECTORY_SIZE:
        raise _expands_error()
    upload.seek(0)
    return zipfile.ZipFile(upload)


def _check_archive(archive: zipfile.ZipFile) -> None:
    """Refuse what the archive declares beyond a document's needs; nothing is inflated."""
    members = archive.infolist()
    if len(members) > MAX_ARCHIVE_MEMBERS:
        raise _expands_error()
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size >= RATIO_CHECKED_FROM and (
            member.file_size > MAX_COMPRESSION_RATIO * member.compress_size
        ):
            raise _expands_error()
    if total > MAX_UNCOMPRESSED_SIZE:
        raise _expands_error()


def _archive_type(archive: zipfile.ZipFile) -> str | None:
    names = set(archive.namelist())
    if "mimetype" in names:
        info = archive.getinfo("mimetype")
        # The ODF standard stores it uncompressed; reading it is then a plain copy.
        if info.compress_type == zipfile.ZIP_STORED and info.file_size <= _MIMETYPE_READ_CAP:
            with archive.open(info) as member:
                if member.read(_MIMETYPE_READ_CAP).strip() == _ODT_MIMETYPE:
                    return ODT
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        return DOCX
    return None


def detect_document_type(upload: File) -> str | None:
    """Return "pdf", "doc", "docx" or "odt" from the file's bytes, or None. Bounded:
    reads the first bytes, and for an archive its central directory (at most
    MAX_CENTRAL_DIRECTORY_SIZE) and a few bytes of one stored member."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(_PDF_MAGIC):
        return PDF
    if head.startswith(_OLE2_MAGIC):
        return DOC
    if head.startswith(_ZIP_MAGIC):
        try:
            with _open_archive(upload) as archive:
                return _archive_type(archive)
        except (ValidationError, *_ZIP_ERRORS):
            return None
        finally:
            upload.seek(0)
    return None


def _has_markup(upload: File) -> bool:
    size = upload.size
    head = _read_at(upload, 0, _MARKUP_WINDOW)
    tail = _read_at(upload, max(0, size - _MARKUP_WINDOW), _MARKUP_WINDOW)
    upload.seek(0)
    return bool(_MARKUP.search(head) or _MARKUP.search(tail))


def _unreadable_pdf_error() -> ValidationError:
    return ValidationError(
        _(
            "This file starts like a PDF but cannot be read as one; it may be damaged. "
            "Please save it again as PDF, or upload it as a Word or OpenDocument file."
        ),
        code="pdf_unreadable",
    )


def _open_pdf(upload: File) -> pikepdf.Pdf:
    """The PDF opened from the upload (qpdf reads what it needs, repairing a damaged
    cross-reference table as readers do). Raises ValidationError."""
    upload.seek(0)
    try:
        # The underlying file, not Django's proxy: qpdf makes many small reads.
        return pikepdf.open(cast("BinaryIO", getattr(upload, "file", None) or upload))
    except pikepdf.PasswordError:
        raise ValidationError(
            _("This PDF is protected with a password. Please upload a copy without one."),
            code="pdf_password",
        ) from None
    except (pikepdf.PdfError, ValueError, RecursionError):
        raise _unreadable_pdf_error() from None
    finally:
        upload.seek(0)


def _check_pdf(upload: File) -> None:
    tail = _read_at(upload, max(0, upload.size - _PDF_EOF_WINDOW), _PDF_EOF_WINDOW)
    upload.seek(0)
    if b"%%EOF" not in tail:
        raise _unreadable_pdf_error()
    with _open_pdf(upload) as pdf:
        try:
            has_pages = isinstance(pdf.Root.get("/Pages"), pikepdf.Dictionary)
        except (pikepdf.PdfError, ValueError):
            has_pages = False
    if not has_pages:
        raise _unreadable_pdf_error()


def validate_document(upload: File) -> str:
    """Raise ValidationError unless the upload is a PDF, DOC, DOCX or ODT within the
    size limit, that does not expand beyond a document's size, carries no web page code
    and, for a PDF, opens as one; return its detected type."""
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
    upload.seek(0)
    if upload.read(4) == _ZIP_MAGIC:
        try:
            with _open_archive(upload) as archive:
                _check_archive(archive)
        except _ZIP_ERRORS:
            pass  # not an archive after all: refused below as not a document
        finally:
            upload.seek(0)
    kind = detect_document_type(upload)
    if kind is None:
        raise ValidationError(
            _("Please upload a PDF, Word (DOC or DOCX) or OpenDocument (ODT) file."),
            code="file_type",
        )
    if _has_markup(upload):
        raise ValidationError(
            _(
                "This file contains web page code (HTML or script) besides the document. "
                "Please save the document again from your word processor and upload that."
            ),
            code="file_markup",
        )
    if kind == PDF:
        _check_pdf(upload)
    return kind


def pdf_active_content(upload: File) -> list[str]:
    """The kinds of active content (keys of ACTIVE_CONTENT_LABELS) a PDF carries,
    sorted; [] for other types. Every object of the file is looked at, reachable or
    not, since readers differ in what they reach; a name that only appears in a text
    string counts too (rare, and the safe side). An unreadable PDF gives []: it is
    refused by validate_document before it gets here."""
    if detect_document_type(upload) != PDF:
        return []
    try:
        pdf = _open_pdf(upload)
    except ValidationError:
        return []
    found: set[str] = set()
    with pdf:
        try:
            for obj in pdf.objects:
                if isinstance(obj, pikepdf.Stream):
                    obj = obj.stream_dict  # the data is page content, not actions
                if isinstance(obj, pikepdf.Dictionary | pikepdf.Array):
                    # One call to qpdf per object, with the dictionaries written in it.
                    for match in _ACTIVE_NAME.finditer(obj.unparse(resolved=True)):
                        found.add(_ACTIVE_NAMES[match.group(1).decode()])
        except (pikepdf.PdfError, ValueError, RecursionError):
            pass  # what was found before the damaged part still counts
    upload.seek(0)
    return sorted(found)


def describe_active_content(kinds: list[str]) -> str:
    """The kinds in plain words, for a message: "scripts (JavaScript); attached files"."""
    return "; ".join(str(ACTIVE_CONTENT_LABELS[kind]) for kind in kinds)


def validate_publishable_document(upload: File) -> str:
    """validate_document, and for a PDF no active content: such files may be published,
    and readers of the published statements must be able to open them safely."""
    kind = validate_document(upload)
    kinds = pdf_active_content(upload)
    if kinds:
        raise ValidationError(
            _(
                "This PDF contains %(found)s. A file that may be published must not: "
                "please save it again without them (for example by printing it to a new "
                "PDF) and upload that copy."
            ),
            code="pdf_active_content",
            params={"found": describe_active_content(kinds)},
        )
    return kind


def document_file_name(upload: File, stem: str = "document") -> str:
    """A name to store the upload under whose extension is that of its detected type,
    whatever name it came with (the storage then makes the stem random)."""
    kind = detect_document_type(upload)
    return f"{stem}.{kind}" if kind else stem
