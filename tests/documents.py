"""Small real documents of each accepted type, and fakes, built in memory."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
DOC_BYTES = bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX_BYTES = _zip(
    {
        "[Content_Types].xml": b"<Types/>",
        "word/document.xml": b"<w:document/>",
    }
)
ODT_BYTES = _zip(
    {
        "mimetype": b"application/vnd.oasis.opendocument.text",
        "content.xml": b"<office:document-content/>",
    }
)
PLAIN_ZIP_BYTES = _zip({"notes.txt": b"hello"})
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def upload(
    name: str = "report.pdf", content: bytes = PDF_BYTES, content_type: str = ""
) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, content, content_type=content_type or "application/octet-stream"
    )
