"""The UPR record's state changes: uploading a file (checked by a worker: the dry run),
importing it (by a worker, with its progress), importing a file from disk (the
management command), and matching the Pre-session recommendations of a series to those
the review made (proposed by a worker, decided by staff)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from panels.enums import ImportFormat, ImportStatus, MatchStatus
from panels.models import Recommendation, RecommendationMatch, RecordImport, UPRRecommendation
from panels.record import importing, matching, reading
from panels.statements import page_cache
from presessions.models import Series


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


# Matching a series' recommendations to the review's ---------------------------------------


@dataclass(frozen=True)
class Proposals:
    """What a proposal run did."""

    recommendations: int  # the series' recommendations looked at
    proposed: int  # the proposals standing after the run (new or kept)


@transaction.atomic
def request_match_proposals(*, series: Series) -> None:
    """Have a worker propose matches for a series' recommendations.

    Side effects: the task queued after commit. Raises ValidationError when the record
    holds nothing of the review that followed the series (import it first)."""
    from panels.record.tasks import task_propose_matches

    number = series.session.number
    countries = series.presessions.values("country")
    if not UPRRecommendation.objects.filter(
        session=number, state_under_review__in=countries
    ).exists():
        raise ValidationError(
            _(
                "The UPR record holds no recommendation made at session %(number)s to the "
                "States of this series: import that session's recommendations first."
            )
            % {"number": number}
        )
    transaction.on_commit(lambda: task_propose_matches.delay(series.pk))


@transaction.atomic
def propose_matches(*, series: Series) -> Proposals:
    """Score every recommendation of the series' statements (published or not) against
    the recommendations the review that followed made to the same State (the series'
    Working Group session) and keep the best few above the threshold as proposed.

    Idempotent: a confirmed or rejected pair is never touched nor proposed again; the
    proposals of an earlier run are rescored, and those no longer among the best are
    removed. Side effects: RecommendationMatch rows created, updated and deleted."""
    number = series.session.number
    ours = list(
        Recommendation.objects.filter(statement__presession__series=series)
        .values_list("pk", "text", "statement__presession__country")
        .order_by("pk")
    )
    review: dict[str, list[matching.Candidate]] = {}
    for pk, text, country in (
        UPRRecommendation.objects.filter(
            session=number, state_under_review__in={row[2] for row in ours}
        )
        .values_list("pk", "text", "state_under_review")
        .order_by("pk")
    ):
        review.setdefault(country, []).append(matching.Candidate(pk, text))
    existing = {
        (match.recommendation_id, match.upr_recommendation_id): match
        for match in RecommendationMatch.objects.filter(recommendation__in=[r[0] for r in ours])
    }
    rarity = {
        country: matching.rarity_of([c.text for c in candidates])
        for country, candidates in review.items()
    }
    decided: dict[int, set[int]] = {}
    for (rec, upr), match in existing.items():
        if match.status != MatchStatus.PROPOSED:
            decided.setdefault(rec, set()).add(upr)
    to_create, to_update, standing = [], [], set()
    for pk, text, country in ours:
        skipped = decided.get(pk, set())
        candidates = [c for c in review.get(country, []) if c.id not in skipped]
        for proposal in matching.best_matches(text, candidates, rarity=rarity.get(country)):
            pair = (pk, proposal.candidate_id)
            standing.add(pair)
            match = existing.get(pair)
            if match is None:
                to_create.append(
                    RecommendationMatch(
                        recommendation_id=pk,
                        upr_recommendation_id=proposal.candidate_id,
                        score=proposal.score,
                    )
                )
            elif match.score != proposal.score:
                match.score = proposal.score
                to_update.append(match)
    stale = [
        match.pk
        for pair, match in existing.items()
        if match.status == MatchStatus.PROPOSED and pair not in standing
    ]
    RecommendationMatch.objects.filter(pk__in=stale).delete()
    RecommendationMatch.objects.bulk_update(to_update, ["score"])
    RecommendationMatch.objects.bulk_create(to_create)
    return Proposals(recommendations=len(ours), proposed=len(standing))


def propose_matches_of(series_id: int) -> None:
    """What the worker does: propose the matches of a series, if it still exists."""
    series = Series.objects.select_related("session").filter(pk=series_id).first()
    if series is not None:
        propose_matches(series=series)


@transaction.atomic
def decide_matches(*, match_ids: list[int], status: str, by: User) -> int:
    """Confirm or reject matches, recording who and when; returns how many changed.

    Side effects: the matches' status, decider and time; the public pages of their
    statements renewed after commit (only confirmed matches show there)."""
    if status not in (MatchStatus.CONFIRMED, MatchStatus.REJECTED):
        raise ValidationError(_("A match can only be confirmed or rejected."))
    rows = list(
        RecommendationMatch.objects.select_for_update()
        .filter(pk__in=match_ids)
        .exclude(status=status)
        .values_list(
            "pk",
            "recommendation__statement__presession__series__session__number",
            "recommendation__statement__presession__country",
            "recommendation__statement__position",
        )
    )
    RecommendationMatch.objects.filter(pk__in=[row[0] for row in rows]).update(
        status=status, decided_by=by, decided_at=timezone.now()
    )
    statements = {row[1:] for row in rows}

    def renew() -> None:
        for number, country, position in statements:
            page_cache.renew_statement(number, country, position)

    transaction.on_commit(renew)
    return len(rows)
