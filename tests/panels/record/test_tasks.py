from django.core.files.base import ContentFile

from panels.enums import ImportStatus
from panels.models import RecordImport, UPRRecommendation
from panels.record import importing, services
from panels.record.tasks import task_check_record_import, task_run_record_import

from .conftest import csv_bytes


def stored_import(data: bytes, **fields) -> RecordImport:
    row = RecordImport(original_name="export.csv", format="csv", **fields)
    row.file.save("export.csv", ContentFile(data), save=False)
    row.save()
    return row


def test_task_check_records_the_dry_run(db, good_rows):
    row = stored_import(csv_bytes(good_rows))

    task_check_record_import(row.pk)

    row.refresh_from_db()
    assert (row.status, row.rows_total, row.to_create, row.to_update, row.refused) == (
        ImportStatus.CHECKED, 3, 3, 0, 0,
    )  # fmt: skip
    assert UPRRecommendation.objects.count() == 0


def test_task_run_records_progress_after_each_chunk(db, good_rows, monkeypatch):
    monkeypatch.setattr(importing, "_CHUNK", 2)
    row = stored_import(csv_bytes(good_rows), status=ImportStatus.IMPORTING)
    seen = []
    original = RecordImport.objects.filter

    def spy(*args, **kwargs):
        query = original(*args, **kwargs)
        seen.append(RecordImport.objects.values_list("rows_done", flat=True).get(pk=row.pk))
        return query

    monkeypatch.setattr(RecordImport.objects, "filter", spy)

    task_run_record_import(row.pk)

    row.refresh_from_db()
    assert (row.status, row.rows_done) == (ImportStatus.DONE, 3)
    assert row.imported_at is not None
    assert 2 in seen  # read after the first chunk of two, before the second
    assert UPRRecommendation.objects.count() == 3


def test_task_run_ignores_an_import_not_requested(db, good_rows):
    row = stored_import(csv_bytes(good_rows), status=ImportStatus.CHECKED)

    task_run_record_import(row.pk)

    assert UPRRecommendation.objects.count() == 0


def test_tasks_return_quietly_when_the_import_is_gone(db):
    task_check_record_import(404)
    task_run_record_import(404)

    assert RecordImport.objects.count() == 0


def test_request_import_refuses_a_file_not_checked(db, good_rows):
    import pytest
    from django.core.exceptions import ValidationError

    row = stored_import(csv_bytes(good_rows), status=ImportStatus.FAILED)

    with pytest.raises(ValidationError):
        services.request_record_import(record_import=row)
