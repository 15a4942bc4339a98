import pytest
from django.urls import reverse
from django.utils import translation

from applications.models import Application
from tests.conftest import application_data
from tests.documents import PDF_BYTES

pytestmark = pytest.mark.django_db

BOUNDARY = "----form-boundary"


def multipart(fields: dict[str, list[str]], file_name: str, content: bytes) -> bytes:
    """The body a browser sends, written by hand: the test client's files cut their
    names to 255 characters before they are sent."""
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, values in fields.items()
        for value in values
    ]
    parts.append(
        f"--{BOUNDARY}\r\nContent-Disposition: form-data; "
        f'name="upr_report"; filename="{file_name}"\r\n'
        "Content-Type: application/pdf\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


def post_multipart(client, url: str, body: bytes):
    return client.post(url, body, content_type=f"multipart/form-data; boundary={BOUNDARY}")


def apply_url(language: str = "en") -> str:
    with translation.override(language):
        return reverse("applications:apply", args=[49])


def application_fields(presession, theme) -> dict[str, list[str]]:
    data = application_data(presession, theme, submitted_upr_report="True")
    return {
        name: [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]
        for name, value in data.items()
    }


def test_a_file_name_too_long_to_read_gets_a_page_that_says_to_rename_it(client, presession, theme):
    body = multipart(application_fields(presession, theme), "r" * 10_000 + ".pdf", PDF_BYTES)

    response = post_multipart(client, apply_url(), body)

    assert response.status_code == 400
    assert response.templates[0].name == "400_file_name.html"
    page = response.content.decode()
    assert "File name too long" in page
    assert "Please rename the file on your computer with a shorter name" in page
    assert "r" * 300 not in page
    assert not Application.objects.exists()


def test_the_file_name_page_is_in_the_language_of_the_form(client, presession, theme):
    # Cyrillic takes two bytes a character: 600 characters pass the parser's 1 KiB.
    body = multipart(application_fields(presession, theme), "д" * 600 + ".pdf", PDF_BYTES)

    response = post_multipart(client, apply_url("fr"), body)

    assert response.status_code == 400
    assert response.templates[0].name == "400_file_name.html"
    assert '<html lang="fr">' in response.content.decode()


def test_a_long_file_name_that_the_parser_reads_is_kept_cut_to_fit(
    client, presession, theme, django_capture_on_commit_callbacks
):
    body = multipart(application_fields(presession, theme), "Rapport " * 60 + ".pdf", PDF_BYTES)

    with django_capture_on_commit_callbacks(execute=True):
        response = post_multipart(client, apply_url(), body)

    assert response.status_code == 302
    application = Application.objects.get()
    assert len(application.upr_report_name) == 255
    assert application.upr_report_name.endswith(".pdf")


def test_a_body_the_parser_cannot_read_for_another_reason_gets_the_plain_bad_request(
    client, series
):
    # No boundary: Django's parser refuses it, and our page about names would mislead.
    response = client.post(apply_url(), b"a=1", content_type="multipart/form-data")

    assert response.status_code == 400
    assert response.templates[0].name == "400.html"


def test_the_too_large_page_is_in_the_language_of_the_form(client, settings):
    settings.MAX_REQUEST_SIZE = 100
    body = multipart({}, "report.pdf", PDF_BYTES)

    response = post_multipart(client, apply_url("fr"), body)

    assert response.status_code == 413
    assert "<h1>Fichiers trop volumineux</h1>" in response.content.decode()
