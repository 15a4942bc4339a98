"""The UPR record's state changes: uploading a file (checked by a worker: the dry run),
importing it (by a worker, with its progress), and importing a file from disk (the
management command)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from panels.enums import ImportFormat, ImportStatus
from panels.models import RecordImport
from panels.record import importing, reading


@dataclass(frozen=True)
class Outcome:
    """What an import did (or, in a dry run, would do)."""

    total: int
    created: int
    updated: int
    unchanged: int
    refusals: list[importing.Refusal]


def _plan_file(handle: IO[bytes], fmt: str, defaults: importing.Defaults) -> importing.Plan:
    required = ["text"]
    if fmt == ImportFormat.UPR_INFO:
        required.append("recommending_state")
    if not defaults.state_under_review:
        required.append("state_under_review")
    if not defaults.session:
        required.append("session")
    rows = reading.read_rows(handle, fmt, required=tuple(required))
    return importing.plan(rows, defaults)


def import_file(
    *, handle: IO[bytes], name: str, defaults: importing.Defaults, dry_run: bool
) -> Outcome:
    """Import (or only check, when dry_run) a file of recommendations.

    Side effects: unless dry_run, the recommendations created and updated. Raises
    reading.UnreadableFileError when the file cannot be read: then nothing is imported."""
    plan = _plan_file(handle, reading.format_of(name), defaults)
    if not dry_run:
        importing.apply(plan)
    return Outcome(
        total=plan.total,
        created=len(plan.create),
        updated=len(plan.update),
        unchanged=plan.unchanged,
        refusals=plan.refusals,
    )


def check_upload(file: UploadedFile) -> str:
    """The format of an uploaded file, from its name, if its first bytes agree; raises
    ValidationError otherwise."""
    try:
        fmt = reading.format_of(file.name or "")
        reading.check_type(file, fmt)
    except reading.UnreadableFileError as problem:
        raise ValidationError(problem.message) from problem
    return fmt


@transaction.atomic
def upload_record_file(
    *,
    file: UploadedFile,
    state_under_review: str = "",
    session: int | None = None,
    by: User | None,
) -> RecordImport:
    """Keep an uploaded file to import, and have a worker check it (the dry run).

    Side effects: the import row and its stored file; the check queued after commit.
    Raises ValidationError when the file is of neither format, or says it is one
    format and holds another."""
    from panels.record.tasks import task_check_record_import

    name = file.name or ""
    fmt = check_upload(file)
    row = RecordImport.objects.create(
        file=file,
        original_name=name[:255],
        format=fmt,
        state_under_review=state_under_review,
        session=session,
        uploaded_by=by if by is not None and by.pk else None,
    )
    transaction.on_commit(lambda: task_check_record_import.delay(row.pk))
    return row


def _defaults(row: RecordImport) -> importing.Defaults:
    return importing.Defaults(
        state_under_review=str(row.state_under_review or ""), session=row.session
    )


def _plan_of(row: RecordImport) -> importing.Plan:
    with row.file.open("rb") as handle:
        return _plan_file(handle, row.format, _defaults(row))


def _record_plan(row: RecordImport, plan: importing.Plan, status: str) -> None:
    row.status = status
    row.rows_total = plan.total
    row.to_create, row.to_update = len(plan.create), len(plan.update)
    row.unchanged, row.refused = plan.unchanged, len(plan.refusals)
    row.report = plan.report()
    row.problem = ""
    row.save()


def check_record_import(import_id: int) -> None:
    """What the worker does first: read the file and record what importing it would
    create, update and refuse, line by line; nothing is imported."""
    row = RecordImport.objects.filter(pk=import_id).first()
    if row is None:
        return
    try:
        plan = _plan_of(row)
    except reading.UnreadableFileError as problem:
        _fail(row, problem.message)
        return
    _record_plan(row, plan, ImportStatus.CHECKED)


def _fail(row: RecordImport, message: str) -> None:
    RecordImport.objects.filter(pk=row.pk).update(
        status=ImportStatus.FAILED, problem=message, report=[]
    )


@transaction.atomic
def request_record_import(*, record_import: RecordImport) -> RecordImport:
    """Have a worker import a checked file.

    Side effects: the import marked as running; the task queued after commit. Raises
    ValidationError unless the file was checked and is not being imported."""
    from panels.record.tasks import task_run_record_import

    row = RecordImport.objects.select_for_update().get(pk=record_import.pk)
    if row.status != ImportStatus.CHECKED:
        raise ValidationError(_("Only a checked file that is not yet imported can be imported."))
    row.status, row.rows_done = ImportStatus.IMPORTING, 0
    row.save(update_fields=["status", "rows_done"])
    transaction.on_commit(lambda: task_run_record_import.delay(row.pk))
    return row


def run_record_import(import_id: int) -> None:
    """What the worker does: read the file again (the record may have changed since the
    check), import it a chunk at a time and record its progress after each."""
    row = RecordImport.objects.filter(pk=import_id).first()
    if row is None or row.status != ImportStatus.IMPORTING:
        return
    try:
        plan = _plan_of(row)
    except reading.UnreadableFileError as problem:
        _fail(row, problem.message)
        return
    _record_plan(row, plan, ImportStatus.IMPORTING)

    def progress(done: int) -> None:
        RecordImport.objects.filter(pk=import_id).update(rows_done=done)

    importing.apply(plan, progress=progress)
    RecordImport.objects.filter(pk=import_id).update(
        status=ImportStatus.DONE,
        rows_done=len(plan.create) + len(plan.update),
        imported_at=timezone.now(),
    )


def record_import_timeout(import_id: int) -> None:
    """The worker ran out of time: what it wrote stays (importing the file again
    completes it), and staff read what happened."""
    RecordImport.objects.filter(pk=import_id).update(
        status=ImportStatus.FAILED,
        problem=_(
            "The import took too long and stopped. What was imported stays: upload the "
            "file again, or split it, to import the rest."
        ),
    )
