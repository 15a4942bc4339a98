"""The rendered parts of the public statement pages, shared by the views and by the task
that renders the statement pages in advance after a publication."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from panels.models import Statement
from panels.statements import page_cache, public_files, published
from presessions import page_cache as pages

STATEMENT_TEMPLATE = "panels/statement_detail.html"


def statement_parts(number: int, alpha2: str, position: int) -> dict[str, Any] | None:
    """The title and body of a statement's page in the active language, or None when
    nothing is public at that address."""
    statement = published.statement_detail(number, alpha2, position)
    if statement is None:
        return None
    body = render_to_string("panels/_statement_detail_body.html", {"statement": statement})
    return {"title": statement.title, "body": mark_safe(body)}  # noqa: S308 - rendered above


@dataclass(frozen=True)
class SpeakerPreview:
    """The public page of a statement as its speaker sees it on their private page."""

    body: SafeString | None  # None when nothing is shared
    is_public: bool
    withheld: list[public_files.WithheldFile]


def speaker_preview(statement: Statement) -> SpeakerPreview:
    """The body of the statement's public page, rendered from the same public read and
    the same template as the page itself, published or not, with the shared files the
    public does not get and why."""
    preview = published.statement_preview(statement)
    body = None
    if preview is not None:
        rendered = render_to_string("panels/_statement_detail_body.html", {"statement": preview})
        body = mark_safe(rendered)  # noqa: S308 - rendered by the template above
    return SpeakerPreview(
        body=body,
        is_public=bool(preview and preview.published_at),
        withheld=published.withheld_files(statement),
    )


def render_statement_pages(statement_ids: Iterable[int]) -> int:
    """Render the pages of these statements in every language into the cache; return
    how many pages were stored."""
    rows = Statement.objects.filter(pk__in=list(statement_ids)).select_related(
        "presession__series__session"
    )
    stored = 0
    for row in rows:
        number = row.presession.series.session.number
        alpha2 = row.presession.country.code
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                # The version first: a withdrawal while the page is read renews it, and
                # what was read stays under the old one, never served.
                version = pages.current_version(
                    page_cache.statement_version_key(number, alpha2, row.position)
                )
                parts = statement_parts(number, alpha2, row.position)
                if parts is None:
                    break
                entry = pages.render_entry(STATEMENT_TEMPLATE, parts, version)
                key = page_cache.statement_page_key(number, alpha2, row.position, language)
                cache.set(key, entry, page_cache.STATEMENT_SECONDS)
                stored += 1
    return stored
