from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from panels.enums import ImportStatus
from panels.models import RecordImport, UPRRecommendation
from tests.query_counts import queries_of

from .conftest import csv_bytes, xlsx_bytes

ADD = reverse("admin:panels_recordimport_add")
LIST = reverse("admin:panels_recordimport_changelist")


def upload(client, data: bytes, name: str, **fields):
    return client.post(ADD, {"file": SimpleUploadedFile(name, data), **fields})


def test_coordinator_uploads_checks_and_imports(
    client, coordinator, good_rows, django_capture_on_commit_callbacks
):
    good_rows[2][1] = "Atlantis"
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, csv_bytes(good_rows), "export.csv")

    assert response.status_code == 302
    row = RecordImport.objects.get()
    assert (row.status, row.to_create, row.refused, row.uploaded_by) == (
        ImportStatus.CHECKED, 2, 1, coordinator,
    )  # fmt: skip
    assert UPRRecommendation.objects.count() == 0  # the dry run imports nothing
    page = client.get(reverse("admin:panels_recordimport_change", args=[row.pk]))
    assert "No UN Member State or observer State is called “Atlantis”." in page.text
    assert "<td>4</td><td>refused</td>" in page.text  # the report, as a table
    assert "Import the checked file" in page.text

    with django_capture_on_commit_callbacks(execute=True):
        client.post(LIST, {"action": "run_import", "_selected_action": [row.pk]})

    row.refresh_from_db()
    assert (row.status, row.rows_done) == (ImportStatus.DONE, 2)
    assert UPRRecommendation.objects.count() == 2


def test_upload_of_broken_workbook_says_why(client, coordinator):
    client.force_login(coordinator)

    response = upload(client, b"not a workbook", "matrix.xlsx")

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["file"] == [
        "This file is not a readable Excel workbook (.xlsx)."
    ]
    assert RecordImport.objects.count() == 0


def test_workbook_broken_inside_fails_the_check_with_its_reason(
    client, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    broken = xlsx_bytes([["Abolish it (France)", "Noted", ""]])[:400]

    with django_capture_on_commit_callbacks(execute=True):
        upload(client, broken, "matrix.xlsx", state_under_review="KE", session="49")

    row = RecordImport.objects.get()
    assert (row.status, row.problem) == (
        ImportStatus.FAILED, "This file is not a readable Excel workbook (.xlsx).",
    )  # fmt: skip
    page = client.get(reverse("admin:panels_recordimport_change", args=[row.pk]))
    assert "Import the checked file" not in page.text


def test_matrix_upload_takes_state_and_session_from_the_form(
    client, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    data = xlsx_bytes([["143.1 Abolish the death penalty (France);", "Noted", "Death penalty"]])

    with django_capture_on_commit_callbacks(execute=True):
        upload(client, data, "matrix.xlsx", state_under_review="KE", session="49")

    assert RecordImport.objects.get().to_create == 1


def test_csv_with_wrong_columns_fails_the_check(
    client, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    data = csv_bytes([["a", "b"]], header=["Country", "Name"])

    with django_capture_on_commit_callbacks(execute=True):
        upload(client, data, "export.csv")

    row = RecordImport.objects.get()
    assert row.status == ImportStatus.FAILED
    assert "Recommendation" in row.problem


def test_reviewer_cannot_upload(client, reviewer, good_rows):
    client.force_login(reviewer)

    response = upload(client, csv_bytes(good_rows), "export.csv")

    assert response.status_code == 403
    assert RecordImport.objects.count() == 0


def test_non_staff_is_sent_to_the_login(client, django_user_model, good_rows):
    user = django_user_model.objects.create_user("someone", password="x")
    client.force_login(user)

    response = upload(client, csv_bytes(good_rows), "export.csv")

    assert response.status_code == 302
    assert "/login/" in response.url
    assert RecordImport.objects.count() == 0


def test_reviewer_cannot_run_an_import(client, reviewer, coordinator, good_rows):
    row = RecordImport.objects.create(
        original_name="export.csv", format="csv", status=ImportStatus.CHECKED
    )
    client.force_login(reviewer)

    client.post(LIST, {"action": "run_import", "_selected_action": [row.pk]})

    row.refresh_from_db()
    assert row.status == ImportStatus.CHECKED


def test_import_list_query_count_does_not_grow(client, coordinator):
    client.force_login(coordinator)
    RecordImport.objects.create(original_name="a.csv", format="csv", uploaded_by=coordinator)
    few = queries_of(client, LIST)
    for n in range(5):
        RecordImport.objects.create(original_name=f"{n}.csv", format="csv", uploaded_by=coordinator)

    assert queries_of(client, LIST) == few


def test_recommendation_list_query_count_does_not_grow(client, coordinator, good_rows):
    import io

    from panels.record import services
    from panels.record.importing import Defaults

    client.force_login(coordinator)
    url = reverse("admin:panels_uprrecommendation_changelist")
    services.import_file(
        handle=io.BytesIO(csv_bytes(good_rows[:1])),
        name="a.csv",
        defaults=Defaults(),
        dry_run=False,
    )
    few = queries_of(client, url)
    services.import_file(
        handle=io.BytesIO(csv_bytes(good_rows)), name="a.csv", defaults=Defaults(), dry_run=False
    )

    assert queries_of(client, url) == few


def test_oversized_upload_is_refused_with_the_limit(client, coordinator, good_rows, settings):
    settings.MAX_UPLOAD_SIZE = 100
    client.force_login(coordinator)

    response = upload(client, csv_bytes(good_rows * 5), "export.csv")

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["file"] == [
        "The file is larger than 100\xa0bytes. Please upload a smaller file."
    ]
    assert RecordImport.objects.count() == 0


def test_import_page_shows_its_progress(client, coordinator):
    row = RecordImport.objects.create(
        original_name="export.csv",
        format="csv",
        status=ImportStatus.IMPORTING,
        to_create=3000,
        to_update=1000,
        rows_done=2000,
    )
    client.force_login(coordinator)

    page = client.get(reverse("admin:panels_recordimport_change", args=[row.pk]))

    assert '<progress max="4000" value="2000">2000</progress> 2000 / 4000' in page.text
    assert "Import the checked file" not in page.text
