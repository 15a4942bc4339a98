"""Full-text search over the published statements and their recommendations (the
machinery is panels.fulltext's): both search only `Statement.search_document`, which
holds nothing the speaker did not agree to publish."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from panels import fulltext
from panels.enums import Sharing
from panels.fulltext import (
    MARK_START,
    MARK_STOP,
    clean_text,
    normalise_query,
    passage,
    refresh_vectors,
    uses_full_text,
    with_passages,
)

__all__ = [
    "MARK_START",
    "MARK_STOP",
    "clean_text",
    "document_for",
    "normalise_query",
    "passage",
    "refresh_vectors",
    "search",
    "uses_full_text",
    "with_passages",
]


def document_for(statement, recommendations: Iterable) -> str:
    """The searchable text of a statement: the parts its speaker agreed to publish."""
    parts = [statement.text] if statement.sharing != Sharing.PRIVATE else []
    parts += [r.text for r in recommendations if r.sharing != Sharing.PRIVATE]
    return "\n\n".join(clean_text(part).strip() for part in parts if part.strip())


def search(statements: QuerySet, text: str) -> QuerySet:
    """The statements matching the words, best first (newest first on SQLite)."""
    return fulltext.search(statements, text, newest_first=("-published_at", "-pk"))
