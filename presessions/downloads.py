"""How every stored document leaves the site, for staff and for the public: as an
attachment, under a name the site makes (never the name it was uploaded with), with the
content type and extension of the type read from its content, and never sniffed."""

from __future__ import annotations

from django.db.models.fields.files import FieldFile
from django.http import FileResponse

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
}
_UNKNOWN = ("bin", "application/octet-stream")


def file_name(stem: str, kind: str | None) -> str:
    """`stem` with the extension of the detected type (stems are ASCII, made by the site)."""
    extension = kind if kind in CONTENT_TYPES else _UNKNOWN[0]
    return f"{stem}.{extension}"


def serve_file(file: FieldFile, *, stem: str, kind: str | None, private: bool) -> FileResponse:
    """The stored file as an attachment named `stem` plus the extension of `kind` (the
    type detected from its content). Private files are never kept by any cache; public
    ones are not kept either, so that a withdrawal takes effect at once."""
    content_type = CONTENT_TYPES.get(kind or "", _UNKNOWN[1])
    response = FileResponse(
        file.open("rb"),
        as_attachment=True,
        filename=file_name(stem, kind),
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store" if private else "no-store"
    return response
