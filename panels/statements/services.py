"""State changes of statements: a confirmed speaker hands one in and may take it back from
publication; coordinators publish and unpublish them, in bulk, after the series."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.models import Application, PendingUpload
from panels.enums import Outcome, Response, Sharing
from panels.models import Material, Placement, Recommendation, Statement
from panels.publishable_upload import store_upload
from panels.statements import page_cache, public_files, search, tasks
from panels.statements import published as public_read
from presessions.models import Theme

MIN_RECOMMENDATIONS = 2
MAX_RECOMMENDATIONS = 3
MAX_MATERIALS = 5


def may_submit_statement(application: Application) -> bool:
    """A speaker who confirmed their seat on the panel; nobody else."""
    if application.is_withdrawn:
        return False
    return Placement.objects.filter(
        application=application, outcome=Outcome.SELECTED, response=Response.CONFIRMED
    ).exists()


@dataclass(frozen=True)
class RecommendationInput:
    text: str
    theme: Theme | None
    sharing: str


@dataclass(frozen=True)
class NewMaterial:
    title: str
    sharing: str
    upload: File | None = None
    pending: PendingUpload | None = None


@dataclass(frozen=True)
class MaterialChange:
    material: Material
    title: str
    sharing: str
    remove: bool = False


@transaction.atomic
def save_statement(
    *,
    application: Application,
    language: str,
    theme: Theme | None,
    text: str,
    sharing: str,
    recommendations: Sequence[RecommendationInput],
    file: File | None = None,
    pending_file: PendingUpload | None = None,
    remove_file: bool = False,
    new_materials: Sequence[NewMaterial] = (),
    material_changes: Sequence[MaterialChange] = (),
) -> Statement:
    """Create or update the statement of a confirmed speaker, before it is published.

    Side effects: the statement, its recommendations (replaced) and materials saved,
    files stored under random names in private storage with their copies without the
    author's details (`public_files`), the search document rebuilt."""
    if not may_submit_statement(application):
        raise ValidationError(_("Only a speaker who confirmed their seat can hand in a statement."))
    statement = Statement.objects.select_for_update().filter(
        application=application
    ).first() or Statement(application=application, presession=application.presession)
    if statement.is_published:
        raise ValidationError(
            _("Your statement is published and can no longer be changed. Write to us to change it.")
        )
    if not MIN_RECOMMENDATIONS <= len(recommendations) <= MAX_RECOMMENDATIONS:
        raise ValidationError(_("Give two or three recommendations."))
    if statement.pk is None:
        # Numbered under a lock on the Pre-session, as applications are.
        type(application.presession).objects.select_for_update().get(pk=application.presession_id)
        last = Statement.objects.filter(presession=application.presession_id).aggregate(
            n=Max("position")
        )["n"]
        statement.position = (last or 0) + 1
    statement.language = language
    statement.theme = theme
    statement.text = search.clean_text(text).strip()
    statement.sharing = sharing
    file_changed = False
    if remove_file and statement.file:
        statement.file.delete(save=False)
        statement.file_name = ""
        file_changed = True
    if file is not None or pending_file is not None:
        if statement.file:
            statement.file.delete(save=False)
        statement.file_name = store_upload(statement.file, file, pending_file)
        file_changed = True
    if not statement.text and not statement.file:
        raise ValidationError(_("Write the statement or attach it as a file."))
    statement.save()
    if file_changed:
        public_files.prepare_public_copy(statement)

    statement.recommendations.all().delete()
    saved = Recommendation.objects.bulk_create(
        Recommendation(
            statement=statement,
            position=n,
            text=search.clean_text(item.text).strip(),
            theme=item.theme,
            sharing=item.sharing,
        )
        for n, item in enumerate(recommendations, start=1)
    )
    _save_materials(statement, new_materials, material_changes)
    refresh_public_state(statement, saved)
    return statement


def _save_materials(
    statement: Statement,
    new_materials: Iterable[NewMaterial],
    changes: Iterable[MaterialChange],
) -> None:
    for change in changes:
        material = change.material
        if material.statement_id != statement.pk:
            raise ValidationError(_("This material belongs to another statement."))
        if change.remove:
            public_files.delete_files(material)
            material.delete()
            continue
        material.title = change.title
        material.sharing = change.sharing
        material.save(update_fields=["title", "sharing"])
    new_materials = list(new_materials)
    if statement.materials.count() + len(new_materials) > MAX_MATERIALS:
        raise ValidationError(
            _("At most %(count)d materials per statement.") % {"count": MAX_MATERIALS}
        )
    last = statement.materials.aggregate(n=Max("position"))["n"] or 0
    for n, item in enumerate(new_materials, start=last + 1):
        material = Material(statement=statement, position=n, title=item.title, sharing=item.sharing)
        material.file_name = store_upload(material.file, item.upload, item.pending)
        material.save()
        public_files.prepare_public_copy(material)


def _renew_pages(statement: Statement) -> None:
    presession = statement.presession
    page_cache.renew_statement(
        presession.series.session.number, presession.country.code, statement.position
    )


def refresh_public_state(
    statement: Statement, recommendations: Iterable[Recommendation] | None = None
) -> None:
    """Refresh what the public pages find fast: the search document of the shared text and
    whether anything is shared at all. Side effect: the public pages' cache is renewed."""
    if recommendations is None:
        recommendations = statement.recommendations.all()
    recommendations = list(recommendations)
    statement.search_document = search.document_for(statement, recommendations)
    statement.shares_anything = (
        statement.sharing != Sharing.PRIVATE
        or any(r.sharing != Sharing.PRIVATE for r in recommendations)
        or statement.materials.exclude(sharing=Sharing.PRIVATE).exists()
    )
    Statement.objects.filter(pk=statement.pk).update(
        search_document=statement.search_document, shares_anything=statement.shares_anything
    )
    search.refresh_vectors(Statement.objects.filter(pk=statement.pk))
    _renew_pages(statement)


@transaction.atomic
def restrict_publication(*, statement: Statement, withdraw_all: bool) -> Statement:
    """The speaker takes back consent, at any time, even after publication: every item
    becomes unpublished (withdraw_all) or shown without the organisation's name.

    Side effects: the sharing of the statement and each of its items updated, the
    search document rebuilt, a copy without the author's details made for any file that
    had none; public pages and downloads change on the next request."""
    statement = Statement.objects.select_for_update().get(pk=statement.pk)
    if withdraw_all:
        new = {"sharing": Sharing.PRIVATE}
        for model in (Statement, Recommendation, Material):
            scope = {"pk": statement.pk} if model is Statement else {"statement": statement}
            model.objects.filter(**scope).update(**new)
    else:
        Statement.objects.filter(pk=statement.pk, sharing=Sharing.NAMED).update(
            sharing=Sharing.ANONYMOUS
        )
        for model in (Recommendation, Material):
            model.objects.filter(statement=statement, sharing=Sharing.NAMED).update(
                sharing=Sharing.ANONYMOUS
            )
    statement.refresh_from_db()
    public_files.prepare_missing_copies(statement)
    refresh_public_state(statement, statement.recommendations.all())
    return statement


# Publication, by coordinators --------------------------------------------------------


@dataclass(frozen=True)
class PublicationReport:
    published: int
    not_held_yet: int
    nothing_shared: int
    already_published: int
    # Statements whose only shared items are files that cannot be cleaned of their
    # author's details while the organisation is not named: not published.
    only_uncleanable_files: int = 0
    # Shared files left out of the statements published, for the same reason.
    withheld_files: tuple[public_files.WithheldFile, ...] = ()


def _series_is_over(statement: Statement, today: dt.date) -> bool:
    return statement.presession.series.ends_on < today


def _shares_something(statement: Statement) -> bool:
    return (
        statement.sharing != Sharing.PRIVATE
        or statement.recommendations.exclude(sharing=Sharing.PRIVATE).exists()
        or statement.materials.exclude(sharing=Sharing.PRIVATE).exists()
    )


@transaction.atomic
def publish_statements(
    *, statements: QuerySet[Statement], by: User, now: dt.datetime | None = None
) -> PublicationReport:
    """Publish these statements, each only once its series has taken place and only if
    its speaker shared something. What was not shared stays private in any case, and so
    does a file that cannot be cleaned of its author's details when the organisation is
    not named (the report lists them).

    Side effects: published_at and published_by set on the statements published; a copy
    without the author's details made for any of their files that had none."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    published = not_held = nothing = already = uncleanable = 0
    published_ids = []
    withheld: list[public_files.WithheldFile] = []
    # By primary key: the admin's queryset carries annotations FOR UPDATE cannot lock.
    chosen = Statement.objects.filter(pk__in=list(statements.values_list("pk", flat=True)))
    for statement in chosen.select_related("presession__series__session").select_for_update(
        of=("self",)
    ):
        if statement.is_published:
            already += 1
        elif not _series_is_over(statement, today):
            not_held += 1
        elif not _shares_something(statement):
            nothing += 1
        elif not _shows_something_once_cleaned(statement):
            uncleanable += 1
        else:
            withheld += public_read.withheld_files(statement)
            statement.published_at = now
            statement.published_by = by
            statement.save(update_fields=["published_at", "published_by", "updated_at"])
            published += 1
            published_ids.append(statement.pk)
            _renew_pages(statement)
    if published_ids:
        # Their pages are rendered in advance, in every language, by a worker. Only an
        # optimisation: if the broker is down, the pages are rendered on their first visit.
        transaction.on_commit(
            lambda: tasks.task_render_statement_pages.delay(published_ids), robust=True
        )
    return PublicationReport(published, not_held, nothing, already, uncleanable, tuple(withheld))


def _shows_something_once_cleaned(statement: Statement) -> bool:
    """Whether the public page would show anything of the statement, its files prepared."""
    public_files.prepare_missing_copies(statement)
    preview = public_read.statement_preview(statement)
    return preview is not None and bool(
        preview.text or preview.file or preview.recommendations or preview.materials
    )


@transaction.atomic
def unpublish_statements(*, statements: QuerySet[Statement]) -> int:
    """Take statements off the public pages; they can be published again.

    Side effects: published_at and published_by cleared."""
    chosen = Statement.objects.filter(pk__in=list(statements.values_list("pk", flat=True)))
    unpublished = list(
        chosen.filter(published_at__isnull=False).select_related("presession__series__session")
    )
    chosen.filter(pk__in=[s.pk for s in unpublished]).update(
        published_at=None, published_by=None, updated_at=timezone.now()
    )
    for statement in unpublished:
        _renew_pages(statement)
    return len(unpublished)
