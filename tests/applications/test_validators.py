import pytest
from django.core.exceptions import ValidationError

from applications.validators import detect_document_type, validate_document
from tests.documents import (
    DOC_BYTES,
    DOCX_BYTES,
    ODT_BYTES,
    PDF_BYTES,
    PLAIN_ZIP_BYTES,
    PNG_BYTES,
    upload,
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
