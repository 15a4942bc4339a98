import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.urls import reverse

from tests.documents import PDF_BYTES
from tests.factories import ApplicationFactory


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
    assert response["Content-Disposition"] == 'attachment; filename="Our report.pdf"'
    assert response["Cache-Control"] == "private, no-store"


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
