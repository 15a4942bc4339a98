"""Publishing statements from the admin: coordinators only, in bulk."""

import pytest
from django.urls import reverse

from panels.enums import Sharing
from panels.models import Statement
from tests.authored_documents import ORGANISATION, UPLOADED_NAME, docx_by
from tests.documents import PDF_BYTES, upload
from tests.factories import MaterialFactory, PreSessionFactory, StatementFactory


@pytest.fixture
def handed_in(past_series):
    presession = PreSessionFactory(series=past_series, country="KE")
    return [
        StatementFactory(application__presession=presession, position=n, sharing=Sharing.NAMED)
        for n in (1, 2, 3)
    ]


def run_action(client, name, statements):
    return client.post(
        reverse("admin:panels_statement_changelist"),
        {"action": name, "_selected_action": [s.pk for s in statements]},
        follow=True,
    )


def test_coordinator_publishes_statements_in_bulk(client, coordinator, handed_in):
    client.force_login(coordinator)

    response = run_action(client, "publish", handed_in)

    assert "3 statements published." in response.content.decode()
    assert Statement.objects.filter(published_at__isnull=False).count() == 3
    assert set(Statement.objects.values_list("published_by", flat=True)) == {coordinator.pk}


def test_coordinator_is_told_why_a_statement_was_not_published(
    client, coordinator, handed_in, presession
):
    client.force_login(coordinator)
    upcoming = StatementFactory(application__presession=presession, sharing=Sharing.NAMED)
    secret = handed_in[0]
    secret.sharing = Sharing.PRIVATE
    secret.save()

    page = run_action(client, "publish", [*handed_in, upcoming]).content.decode()

    assert "2 statements published." in page
    assert "1 statement not published: its series has not taken place yet." in page
    assert "1 statement not published: its speaker agreed to share nothing." in page


def test_coordinator_unpublishes(client, coordinator, handed_in):
    client.force_login(coordinator)
    run_action(client, "publish", handed_in)

    page = run_action(client, "unpublish", handed_in[:2]).content.decode()

    assert "2 statements unpublished." in page
    assert Statement.objects.filter(published_at__isnull=False).count() == 1


def test_reviewer_can_read_statements_but_not_publish(client, reviewer, handed_in):
    client.force_login(reviewer)

    listing = client.get(reverse("admin:panels_statement_changelist"))
    response = run_action(client, "publish", handed_in)

    assert listing.status_code == 200
    assert 'value="publish"' not in listing.content.decode()
    assert response.status_code == 200
    assert not Statement.objects.filter(published_at__isnull=False).exists()


def test_statement_admin_never_lets_staff_change_consent_or_words(client, coordinator, handed_in):
    client.force_login(coordinator)
    statement = handed_in[0]
    url = reverse("admin:panels_statement_change", args=[statement.pk])

    client.post(url, {"sharing": Sharing.PRIVATE, "text": "Changed by staff"})

    statement.refresh_from_db()
    assert statement.sharing == Sharing.NAMED
    assert statement.text != "Changed by staff"


def test_staff_download_statement_files_published_or_not(client, coordinator, handed_in):
    statement = handed_in[0]
    statement.file = upload("statement.pdf")
    statement.file_name = "statement.pdf"
    statement.save()
    MaterialFactory(statement=statement, position=1)
    client.force_login(coordinator)

    own = client.get(reverse("statement-staff-file", args=[statement.pk, 0]))
    material = client.get(reverse("statement-staff-file", args=[statement.pk, 1]))

    reference = statement.application.reference
    assert b"".join(own.streaming_content) == PDF_BYTES
    assert own["Content-Disposition"] == f'attachment; filename="{reference}-statement.pdf"'
    assert b"".join(material.streaming_content) == b"%PDF-1.4 factsheet"


def test_staff_download_the_original_under_a_name_and_type_from_its_content(
    client, coordinator, handed_in
):
    statement = handed_in[0]
    original = docx_by(ORGANISATION)
    MaterialFactory(
        statement=statement,
        position=2,
        sharing=Sharing.ANONYMOUS,
        file=upload(f"{UPLOADED_NAME}.pdf", original),
        file_name=f"{UPLOADED_NAME}.pdf",
    )
    client.force_login(coordinator)

    response = client.get(reverse("statement-staff-file", args=[statement.pk, 2]))

    reference = statement.application.reference
    assert b"".join(response.streaming_content) == original
    assert response["Content-Disposition"] == f'attachment; filename="{reference}-material-2.docx"'
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_staff_download_refused_to_the_public_and_to_staff_without_rights(
    client, django_user_model, handed_in
):
    statement = handed_in[0]
    MaterialFactory(statement=statement, position=1)
    url = reverse("statement-staff-file", args=[statement.pk, 1])

    assert client.get(url).status_code == 403
    client.force_login(django_user_model.objects.create_user("clerk", is_staff=True))
    assert client.get(url).status_code == 403
