"""Every stored document leaves as an attachment under a made name, typed from content."""

import pytest
from django.core.files.base import ContentFile

from presessions.downloads import file_name, serve_file
from tests.documents import PDF_BYTES
from tests.factories import ApplicationFactory


@pytest.fixture
def stored(presession):
    application = ApplicationFactory(presession=presession)
    application.upr_report.save("Ligue report.hta", ContentFile(PDF_BYTES))
    return application.upr_report


@pytest.mark.parametrize(
    ("kind", "name", "content_type"),
    [
        ("pdf", "stem.pdf", "application/pdf"),
        ("doc", "stem.doc", "application/msword"),
        ("odt", "stem.odt", "application/vnd.oasis.opendocument.text"),
        (None, "stem.bin", "application/octet-stream"),
    ],
)
def test_file_is_served_under_the_made_name_with_the_detected_type(
    stored, kind, name, content_type
):
    response = serve_file(stored, stem="stem", kind=kind, private=False)

    assert b"".join(response.streaming_content) == PDF_BYTES
    response.close()
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store"


def test_private_file_is_never_kept_by_a_shared_cache(stored):
    response = serve_file(stored, stem="PS49-KEN-0001-report", kind="pdf", private=True)

    response.close()
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("docx", "PS49-KEN-0001-report.docx"),
        ("hta", "PS49-KEN-0001-report.bin"),
        ("", "PS49-KEN-0001-report.bin"),
        (None, "PS49-KEN-0001-report.bin"),
    ],
)
def test_file_name_takes_the_extension_of_a_known_type_only(kind, expected):
    assert file_name("PS49-KEN-0001-report", kind) == expected
