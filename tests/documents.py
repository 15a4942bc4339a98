"""Small real documents of each accepted type, and fakes, built in memory."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile


def pdf(catalog: bytes = b"", *objects: bytes) -> bytes:
    """A real one-page PDF. `catalog` adds entries to the document catalog (object 1);
    `objects` are numbered from 4 on (1 is the catalog, 2 the pages, 3 the page)."""
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> >>",
        *objects,
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(bodies, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj " % number + body + b" endobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(bodies) + 1,
        xref,
    )
    return out


PDF_BYTES = pdf()
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


def zip_bomb(kind: str, expands_to: int = 1024**3, compresslevel: int = 1) -> bytes:
    """An ODT or DOCX whose main member (content.xml, word/document.xml) inflates to
    `expands_to` bytes of one repeated character: 1 GiB compresses to 4.6 MB at level 1
    (in about 3 s), to 1 MB at level 9 (in about 8 s). Written in chunks, so building
    it takes a few MB of memory whatever its size."""
    main = {"odt": "content.xml", "docx": "word/document.xml"}[kind]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as archive:
        if kind == "odt":
            archive.writestr(
                zipfile.ZipInfo("mimetype"), b"application/vnd.oasis.opendocument.text"
            )
        else:
            archive.writestr("[Content_Types].xml", b"<Types/>")
        chunk = b" " * (1024 * 1024)
        with archive.open(main, "w", force_zip64=True) as member:
            for _ in range(expands_to // len(chunk)):
                member.write(chunk)
            member.write(chunk[: expands_to % len(chunk)])
    return buffer.getvalue()


def upload(
    name: str = "report.pdf", content: bytes = PDF_BYTES, content_type: str = ""
) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, content, content_type=content_type or "application/octet-stream"
    )
