import io
import tracemalloc
import zipfile

import pikepdf
import pytest
from django.core.exceptions import ValidationError

from applications import validators
from applications.validators import (
    detect_document_type,
    document_file_name,
    pdf_active_content,
    validate_document,
    validate_publishable_document,
)
from tests.documents import (
    DOC_BYTES,
    DOCX_BYTES,
    ODT_BYTES,
    PDF_BYTES,
    PLAIN_ZIP_BYTES,
    PNG_BYTES,
    pdf,
    upload,
    zip_bomb,
)


@pytest.mark.parametrize(
    ("content", "expected"),
    [(PDF_BYTES, "pdf"), (DOC_BYTES, "doc"), (DOCX_BYTES, "docx"), (ODT_BYTES, "odt")],
)
def test_detect_document_type_reads_the_content(content, expected):
    # The name says .txt: only the bytes count.
    assert detect_document_type(upload("whatever.txt", content)) == expected


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", PNG_BYTES),
        ("report.docx", PLAIN_ZIP_BYTES),
        ("report.odt", b"PK\x03\x04 not really a zip"),
        ("report.doc", b"just text, named like a Word file"),
    ],
)
def test_validate_document_refuses_a_file_whose_content_is_not_a_document(name, content):
    with pytest.raises(ValidationError) as excinfo:
        validate_document(upload(name, content))
    assert excinfo.value.code == "file_type"


def test_validate_document_refuses_a_file_over_the_limit(settings):
    settings.MAX_UPLOAD_SIZE = 100
    with pytest.raises(ValidationError) as excinfo:
        validate_document(upload("report.pdf", PDF_BYTES + b"x" * 100))
    assert excinfo.value.code == "file_too_large"
    assert "100\xa0bytes" in excinfo.value.messages[0]


def test_validate_document_refuses_an_empty_file():
    with pytest.raises(ValidationError) as excinfo:
        validate_document(upload("report.pdf", b""))
    assert excinfo.value.code == "file_empty"


def test_validate_document_leaves_the_file_readable_from_the_start():
    document = upload("report.docx", DOCX_BYTES)
    validate_document(document)
    assert document.read() == DOCX_BYTES


# Zip bombs: judged by the central directory, never inflated ----------------------------


@pytest.fixture(scope="module", params=["odt", "docx"])
def bomb(request):
    """An ODT or a DOCX of 4.6 MB (under the upload limit) whose main part inflates to
    1 GiB."""
    return request.param, zip_bomb(request.param)


def test_validate_document_refuses_a_zip_bomb_without_inflating_it(bomb):
    kind, content = bomb
    document = upload(f"report.{kind}", content)
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError) as excinfo:
            validate_document(document)
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert excinfo.value.code == "file_expands"
    assert "expands to far more than a document would" in excinfo.value.messages[0]
    # Inflating even a hundredth of the 1 GiB would pass this bound.
    assert peak < 2 * 1024 * 1024


def test_detect_document_type_reads_no_member_of_a_zip_bomb_but_a_stored_mimetype(
    bomb, monkeypatch
):
    kind, content = bomb
    read = []
    real_read = zipfile.ZipExtFile.read

    def counting_read(self, n=-1):
        data = real_read(self, n)
        read.append((self.name, n, len(data)))
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counting_read)

    assert detect_document_type(upload(f"report.{kind}", content)) == kind
    assert read == ([("mimetype", 256, 39)] if kind == "odt" else [])


def _archive(members: dict[str, bytes], **stored) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"),
            stored.get("mimetype", b"application/vnd.oasis.opendocument.text"),
        )
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_validate_document_refuses_a_member_compressed_far_beyond_text():
    # 2 MiB of one character compresses about a thousand to one.
    content = _archive({"content.xml": b" " * (2 * 1024 * 1024)})

    with pytest.raises(ValidationError) as excinfo:
        validate_document(upload("report.odt", content))

    assert excinfo.value.code == "file_expands"


def test_validate_document_accepts_a_small_member_that_compresses_well():
    content = _archive({"content.xml": b" " * (512 * 1024), "styles.xml": b"<s/>"})

    assert validate_document(upload("report.odt", content)) == "odt"


def test_validate_document_refuses_an_archive_that_declares_too_much_in_all(monkeypatch):
    monkeypatch.setattr(validators, "MAX_UNCOMPRESSED_SIZE", 10_000)
    content = _archive({f"Pictures/{n}.png": bytes(range(256)) * 8 for n in range(5)})

    with pytest.raises(ValidationError) as excinfo:
        validate_document(upload("report.odt", content))

    assert excinfo.value.code == "file_expands"


def test_validate_document_refuses_an_archive_of_too_many_members():
    content = _archive({f"{n}": b"" for n in range(validators.MAX_ARCHIVE_MEMBERS)})

    with pytest.raises(ValidationError) as excinfo:
        validate_document(upload("report.odt", content))

    assert excinfo.value.code == "file_expands"


def test_validate_document_refuses_a_central_directory_too_large_to_read():
    # Few members, but each name long: zipfile would read the whole directory at once.
    content = _archive({f"{n:04d}" + "x" * 60_000: b"" for n in range(20)})

    with pytest.raises(ValidationError) as excinfo:
        validate_document(upload("report.odt", content))

    assert excinfo.value.code == "file_expands"


def test_detect_document_type_ignores_a_compressed_or_oversized_mimetype():
    compressed = io.BytesIO()
    with zipfile.ZipFile(compressed, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", b"application/vnd.oasis.opendocument.text")
    oversized = _archive({}, mimetype=b"application/vnd.oasis.opendocument.text" + b" " * 10**6)

    assert detect_document_type(upload("a.odt", compressed.getvalue())) is None
    assert detect_document_type(upload("b.odt", oversized)) is None


def test_validate_document_refuses_an_archive_zipfile_cannot_read_with_a_message():
    # A central directory entry asking for a newer zip version: zipfile raises
    # NotImplementedError, which must not become a server error.
    at = DOCX_BYTES.index(b"PK\x01\x02") + 6
    content = DOCX_BYTES[:at] + b"\xff\x00" + DOCX_BYTES[at + 2 :]

    with pytest.raises(ValidationError) as excinfo:
        validate_document(upload("report.docx", content))

    assert excinfo.value.code == "file_type"
    assert pdf_active_content(upload("report.docx", content)) == []


# PDFs that are not only PDFs ----------------------------------------------------------

HTA_POLYGLOT = (
    b"%PDF-1.4\n<html><head><hta:application id=upr></head><body>"
    b"<script>new ActiveXObject('WScript.Shell').Run('cmd')</script></body></html>\n%%EOF\n"
)


def test_validate_document_refuses_the_pdf_header_followed_by_an_hta_page():
    with pytest.raises(ValidationError) as excinfo:
        validate_document(upload("UPR report 2026.hta", HTA_POLYGLOT))

    assert excinfo.value.code == "file_markup"


def test_validate_document_refuses_a_real_pdf_that_carries_a_web_page():
    # It opens as a PDF, and a browser sniffing it would run the page in its comment.
    polyglot = PDF_BYTES.replace(b"%PDF-1.4\n", b"%PDF-1.4\n%<!DOCTYPE html><script>x()</script>\n")
    assert pikepdf.open(io.BytesIO(polyglot))  # a PDF indeed

    with pytest.raises(ValidationError) as excinfo:
        validate_document(upload("report.pdf", polyglot))

    assert excinfo.value.code == "file_markup"


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.4\nnothing else, no end marker",
        b"%PDF-1.4\n" + b"x" * 500 + b"\n%%EOF\n",
        PDF_BYTES.replace(b"%%EOF", b"%%EOX") + b"%%EOF".ljust(2000),
    ],
    ids=["no end marker", "no objects", "end marker far from the end"],
)
def test_validate_document_refuses_a_pdf_that_cannot_be_read(content):
    with pytest.raises(ValidationError) as excinfo:
        validate_document(upload("report.pdf", content))

    assert excinfo.value.code == "pdf_unreadable"


def test_validate_document_accepts_a_pdf_whose_cross_references_need_repair():
    # Common in real files; readers (and qpdf) rebuild the table.
    damaged = PDF_BYTES.replace(b"startxref\n", b"startxref\n1")

    assert validate_document(upload("report.pdf", damaged)) == "pdf"


def test_validate_document_refuses_a_pdf_that_needs_a_password():
    buffer = io.BytesIO()
    with pikepdf.open(io.BytesIO(PDF_BYTES)) as document:
        document.save(buffer, encryption=pikepdf.Encryption(user="secret", owner="owner"))

    with pytest.raises(ValidationError) as excinfo:
        validate_document(upload("report.pdf", buffer.getvalue()))

    assert excinfo.value.code == "pdf_password"


# Active content -------------------------------------------------------------------------

EMBEDDED = pdf(
    b"/Names << /EmbeddedFiles << /Names [(tool.exe) 4 0 R] >> >>",
    b"<< /Type /Filespec /F (tool.exe) /EF << /F 5 0 R >> >>",
    b"<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream",
)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (PDF_BYTES, []),
        (pdf(b"/OpenAction [3 0 R /Fit]"), []),
        (pdf(b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"), ["javascript"]),
        # The same name written with an escape (/J#53 is /JS).
        (pdf(b"/OpenAction << /S /JavaScript /J#53 (app.alert(1)) >>"), ["javascript"]),
        (pdf(b"/OpenAction << /S /Launch /F (cmd.exe) >>"), ["launch"]),
        (pdf(b"/Names << /JavaScript 4 0 R >>", b"<< /Names [] >>"), ["javascript"]),
        (
            pdf(b"", b"<< /Type /Annot /Subtype /Link /AA << /E << /S /SubmitForm >> >> >>"),
            ["form_submission"],
        ),
        (EMBEDDED, ["embedded_file"]),
        (pdf(b"", b"<< /Type /Annot /Subtype /RichMedia >>"), ["media"]),
        (pdf(b"/AcroForm << /Fields [] /XFA 4 0 R >>", b"<< >>"), ["xfa"]),
        (
            pdf(b"/OpenAction << /S /Launch /Next << /S /JavaScript /JS 4 0 R >> >>", b"()"),
            ["javascript", "launch"],
        ),
    ],
)
def test_pdf_active_content_names_what_the_pdf_carries(content, expected):
    assert pdf_active_content(upload("report.pdf", content)) == expected


@pytest.mark.parametrize("content", [DOCX_BYTES, ODT_BYTES, DOC_BYTES, HTA_POLYGLOT])
def test_pdf_active_content_finds_nothing_in_other_files(content):
    assert pdf_active_content(upload("report.pdf", content)) == []


def test_validate_publishable_document_refuses_active_content_in_plain_words():
    content = pdf(b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>")

    with pytest.raises(ValidationError) as excinfo:
        validate_publishable_document(upload("statement.pdf", content))

    assert excinfo.value.code == "pdf_active_content"
    assert excinfo.value.messages == [
        "This PDF contains scripts (JavaScript). A file that may be published must not: "
        "please save it again without them (for example by printing it to a new PDF) and "
        "upload that copy."
    ]


def test_validate_document_accepts_active_content_where_staff_only_read_it():
    content = pdf(b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>")

    assert validate_document(upload("report.pdf", content)) == "pdf"
    assert validate_publishable_document(upload("statement.pdf", PDF_BYTES)) == "pdf"


# The name a file is stored under --------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("UPR report 2026.hta", PDF_BYTES, "report.pdf"),
        ("report.pdf", DOCX_BYTES, "report.docx"),
        ("report", ODT_BYTES, "report.odt"),
        ("report.exe", PNG_BYTES, "report"),
    ],
)
def test_document_file_name_follows_the_detected_type(name, content, expected):
    assert document_file_name(upload(name, content), "report") == expected
