import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.urls import reverse

from tests.documents import DOC_BYTES, DOCX_BYTES, ODT_BYTES, PDF_BYTES
from tests.factories import ApplicationFactory

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def application(presession):
    application = ApplicationFactory(presession=presession, upr_report_name="Our report.pdf")
    application.upr_report.save("Our report.pdf", ContentFile(PDF_BYTES))
    return application


def report_url(application):
    return reverse("application-report", args=[application.pk])


def test_staff_with_the_right_download_the_report(client, django_user_model, application):
    user = django_user_model.objects.create_user("reviewer", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_application"))
    client.force_login(user)

    response = client.get(report_url(application))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Disposition"] == (
        f'attachment; filename="{application.reference}-report.pdf"'
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(
    ("uploaded_as", "content", "extension", "content_type"),
    [
        ("Ligue report.hta", PDF_BYTES, "pdf", "application/pdf"),
        ("Ligue report.pdf", DOCX_BYTES, "docx", DOCX_TYPE),
        ("Ligue report.docx", ODT_BYTES, "odt", "application/vnd.oasis.opendocument.text"),
        ("Ligue report.html", DOC_BYTES, "doc", "application/msword"),
    ],
)
def test_report_is_named_and_typed_from_its_content_never_from_its_upload(
    client, django_user_model, presession, uploaded_as, content, extension, content_type
):
    application = ApplicationFactory(presession=presession, upr_report_name=uploaded_as)
    application.upr_report.save(uploaded_as, ContentFile(content))
    user = django_user_model.objects.create_user("reviewer", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_application"))
    client.force_login(user)

    response = client.get(report_url(application))

    assert b"".join(response.streaming_content) == content
    assert response["Content-Disposition"] == (
        f'attachment; filename="{application.reference}-report.{extension}"'
    )
    assert response["Content-Type"] == content_type
    assert "Ligue" not in response["Content-Disposition"]


def test_the_public_cannot_download_a_report(client, application):
    response = client.get(report_url(application))

    assert response.status_code == 403
    assert b"%PDF" not in response.content


def test_staff_without_the_right_cannot_download_a_report(client, django_user_model, application):
    client.force_login(django_user_model.objects.create_user("intern", password="x", is_staff=True))

    response = client.get(report_url(application))

    assert response.status_code == 403


def test_uploaded_files_have_no_public_address(application, settings):
    with pytest.raises(ValueError):
        application.upr_report.url  # noqa: B018 - the storage has no base URL
    assert not str(settings.PRIVATE_MEDIA_ROOT).startswith(str(settings.STATIC_ROOT))
