"""Full-text search over public texts: the published statements and the UPR record.

A searchable model has `search_document` (the text, holding nothing that is not public),
`search_vector` (a GIN-indexed tsvector, PostgreSQL only) and `language` (a
StatementLanguage). On PostgreSQL: the stored tsvector, built in the row's
own language, queried in English, French, Spanish and without stemming at once, ranked,
with the matching words highlighted by ts_headline. On SQLite: every word must appear
(case-insensitive), newest first, highlighted in Python. On both, the last word also
matches as the start of a word, for the visitor still typing it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchQueryField,
    SearchRank,
    SearchVector,
)
from django.db import connection
from django.db.models import Case, F, Func, Model, Q, QuerySet, TextField, Value, When
from django.db.models.sql import Query
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from panels.enums import StatementLanguage

# ts_headline's markers: private-use characters, removed from what speakers type, so
# that the highlighted text can be escaped first and marked up after.
MARK_START = "\ue000"
MARK_STOP = "\ue001"
# Also what XML 1.0 cannot hold (the Atom feed): control characters and two
# non-characters.
_CONTROLS = "".join(
    chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0xFFFE, 0xFFFF]
)
# The stand-in for a search's words in queries compiled once for every search (see
# `with_query`): removed from what speakers and visitors type, like the markers.
STAND_IN = "\ue004"
_STAND_IN_SQL = f"('{STAND_IN}')"
_MARKERS = str.maketrans("", "", MARK_START + MARK_STOP + STAND_IN + _CONTROLS)

_CONFIGS = {
    StatementLanguage.EN: "english",
    StatementLanguage.FR: "french",
    StatementLanguage.ES: "spanish",
    StatementLanguage.OTHER: "simple",
}
_MAX_QUERY_LENGTH = 200
_MAX_WORDS = 8
_MIN_PREFIX = 3  # the last word is also a prefix from this many characters
_EXCERPT_WORDS = 40


def uses_full_text() -> bool:
    return connection.vendor == "postgresql"


def clean_text(text: str) -> str:
    """What a speaker typed, without the characters the search reserves and without
    control characters (tabs and line breaks stay)."""
    return text.translate(_MARKERS)


def refresh_vectors(rows: QuerySet) -> None:
    """Rebuild the stored vectors from the documents (PostgreSQL only)."""
    if not uses_full_text():
        return
    rows.update(search_vector=SearchVector("search_document", config=_config_of_row()))


def _config_of_row() -> Case:
    return Case(
        *(When(language=language, then=Value(config)) for language, config in _CONFIGS.items()),
        default=Value("simple"),
    )


def normalise_query(text: str) -> str:
    """At most 200 characters and 8 words; nothing the search reserves."""
    return " ".join(clean_text(text)[:_MAX_QUERY_LENGTH].split()[:_MAX_WORDS])


class _CompiledQuery(SearchQuery):
    """A search query as its SQL, written out once (`_query_sql`), for each of its uses in
    a request (the filter, the count, the ranking, the highlighted passages)."""

    def __init__(self, sql: str, params: tuple) -> None:
        Func.__init__(self, output_field=SearchQueryField())
        self.sql, self.params = sql, params
        self.config, self.invert = None, False

    def get_source_expressions(self) -> list:
        return []

    def resolve_expression(self, *args, **kwargs) -> _CompiledQuery:
        return self

    def as_sql(self, compiler: Any, connection: Any, *args: Any, **kwargs: Any) -> tuple[str, Any]:
        # A list, whatever the stubs say: Django's search lookup (search_vector=query) adds
        # its own list of parameters to these, and a tuple there fails on PostgreSQL.
        return self.sql, list(self.params)


_STAND_IN_QUERY = _CompiledQuery(_STAND_IN_SQL, ())


def _compiled_or_stand_in(text: str) -> tuple[str, _CompiledQuery | None]:
    """(the words, their query), or, for the stand-in, (it, its query)."""
    if text == STAND_IN:
        return STAND_IN, _STAND_IN_QUERY
    words = normalise_query(text)
    return words, _compiled(words) if words else None


def with_query(sql: str, params: Sequence[Any], words: str) -> tuple[str, tuple[Any, ...]]:
    """A query compiled with the stand-in for the words of a search (PostgreSQL), with
    the query of these words in its place, its parameters among the others where it is.
    The same as the query compiled with the words, without compiling it again (building
    and compiling a search's query costs more than PostgreSQL takes to run most)."""
    pieces = sql.split(_STAND_IN_SQL)
    counts = [re.findall(r"%[%s]", piece).count("%s") for piece in pieces]
    if sum(counts) != len(params):
        raise ValueError("the parameters do not match the query's placeholders")
    query = _compiled(normalise_query(words))
    placed: list[Any] = []
    for index, count in enumerate(counts):
        taken = sum(counts[:index])
        placed += params[taken : taken + count]
        if index < len(pieces) - 1:
            placed += query.params
    return query.sql.join(pieces), tuple(placed)


@lru_cache(maxsize=512)
def _compiled(words: str) -> _CompiledQuery:
    """The query of the words as SQL, a scalar subquery: PostgreSQL builds it once per
    execution. Written inline, a query prepared on the connection (a generic plan, whose
    words are parameters) would build it again for every row it ranks or highlights,
    four languages' stemmers each time (14 ms a search on 10,000 statements, against 4)."""
    sql, params = _query_sql(words)
    return _CompiledQuery(f"(SELECT {sql})", tuple(params))


_Sql = tuple[str, list[str]]


def _query_sql(words: str) -> _Sql:
    """The words as websearch understands them, in each language at once, or-ed with the
    same query whose last word may be the start of a word ("detenc" finds "detención").
    Written out as Django's SearchQuery objects compile (`websearch_to_tsquery(config,
    words)`, combined with && and || in parentheses), every value a parameter, without
    building and compiling a dozen expressions for each new search."""
    head, prefix = _prefix_parts(words)
    # Without websearch's "or" the words are all required, so the query with the last word
    # as a prefix finds every statement that the words themselves find: it is used alone,
    # which halves what the index and the ranking have to evaluate.
    alone = bool(prefix) and not any(word.lower() == "or" for word in words.split())
    query: _Sql | None = None
    for config in ("simple", "english", "french", "spanish"):
        part: _Sql | None = None
        if not alone:
            part = _function("websearch_to_tsquery", config, words)
        if prefix:
            started = _function("to_tsquery", config, prefix)
            if head:
                started = _combined(_function("websearch_to_tsquery", config, head), "&&", started)
            part = started if part is None else _combined(part, "||", started)
        assert part is not None
        query = part if query is None else _combined(query, "||", part)
    assert query is not None
    return query


def _function(name: str, config: str, text: str) -> _Sql:
    return f"{name}(%s::regconfig, %s)", [config, text]


def _combined(left: _Sql, operator: str, right: _Sql) -> _Sql:
    return f"({left[0]} {operator} {right[0]})", [*left[1], *right[1]]


def _prefix_parts(words: str) -> tuple[str, str]:
    """(the words before the last, a raw tsquery of the last word as a prefix), or an
    empty prefix when the last word is negated, inside a phrase, websearch's "or" or too
    short. The raw query holds only word characters, each term quoted: nothing the visitor
    types can be tsquery syntax."""
    *before, last = words.split()
    terms = re.findall(r"\w+", last)
    if last.startswith("-") or '"' in last or words.count('"') % 2 or last.lower() == "or":
        return "", ""
    if not terms or len(terms[-1]) < _MIN_PREFIX:
        return "", ""
    quoted = [f"'{term}'" for term in terms]
    return " ".join(before), " & ".join(quoted) + ":*"


def search(rows: QuerySet, text: str, *, newest_first: tuple[str, ...]) -> QuerySet:
    """The rows matching the words, best first, then in the order `newest_first` (the
    only order on SQLite)."""
    if uses_full_text():
        words, query = _compiled_or_stand_in(text)
        if query is None:
            return rows.none()
        return (
            rows.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", *newest_first)
        )
    words = normalise_query(text)
    if not words:
        return rows.none()
    condition = Q()
    *before, last = _plain_words(words) or [""]
    for word in before:
        condition &= Q(search_document__icontains=word)
    if last:
        # The last word where a word starts: "detenc" finds "detención", "tention" nothing.
        condition &= Q(search_document__iregex=r"(?<!\w)" + re.escape(last))
    return rows.filter(condition).order_by(*newest_first)


def with_headlines(rows: QuerySet, text: str) -> QuerySet:
    """Annotate a page of results with `headline`, the matching passage with the search
    words between MARK_START and MARK_STOP (None on SQLite: `highlight` finds them in
    `document`). Only for the rows shown: ts_headline reads the whole text."""
    words = normalise_query(text)
    if uses_full_text() and words:
        return rows.annotate(headline=_headline(words))
    return rows.annotate(
        headline=Value(None, output_field=TextField()), document=F("search_document")
    )


def _headline(words: str) -> SearchHeadline:
    _words, query = _compiled_or_stand_in(words)
    assert query is not None  # only for a search's words
    return SearchHeadline(
        "search_document",
        query,
        config=_config_of_row(),
        start_sel=MARK_START,
        stop_sel=MARK_STOP,
        max_words=_EXCERPT_WORDS,
        min_words=15,
        max_fragments=2,
        fragment_delimiter=" … ",
    )


def headline_sql(model: type[Model], words: str) -> tuple[str, tuple]:
    """`with_headlines`' passage as SQL over the model's table (PostgreSQL only), for a
    query written out: with the stand-in for the words, compiled once per model, for
    `with_query` to put the words' query in; with the words themselves, compiled by
    Django each time (what the first, the words put in, must equal)."""
    if words == STAND_IN:
        return _headline_sql(model)
    return _compiled_headline(model, words)


@lru_cache(maxsize=8)
def _headline_sql(model: type[Model]) -> tuple[str, tuple]:
    return _compiled_headline(model, STAND_IN)


def _compiled_headline(model: type[Model], words: str) -> tuple[str, tuple]:
    query = Query(model)
    compiler = query.get_compiler(connection=connection)
    sql, params = compiler.compile(_headline(words).resolve_expression(query))
    return sql, tuple(params)


def _plain_words(words: str) -> list[str]:
    # The fallback ignores websearch syntax: quotes and a leading minus are just text.
    return [w.strip('"').lstrip("-") for w in words.split() if w.strip('"').lstrip("-")]


def highlight(headline: str | None, document: str, words: str) -> SafeString:
    """The passage to show for a result, escaped, with the search words in <mark>."""
    if headline is not None:
        marked = escape(headline)
        return mark_safe(  # noqa: S308 - escaped above; only our own markers become tags
            marked.replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")
        )
    return _highlight_in_python(document, _plain_words(normalise_query(words)))


def _highlight_in_python(document: str, words: list[str]) -> SafeString:
    if not words:
        return escape(_excerpt_around(document, 0))
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    first = pattern.search(document)
    excerpt = _excerpt_around(document, first.start() if first else 0)
    pieces, last = [], 0
    for match in pattern.finditer(excerpt):
        pieces += [
            escape(excerpt[last : match.start()]),
            "<mark>",
            escape(match.group()),
            "</mark>",
        ]
        last = match.end()
    pieces.append(escape(excerpt[last:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of text is escaped


def _excerpt_around(document: str, position: int) -> str:
    """About 40 words of the document around a position, with ellipses where cut."""
    before = document[:position].split()
    after = document[position:].split()
    start = max(0, len(before) - 10)
    words = before[start:] + after[: _EXCERPT_WORDS - (len(before) - start)]
    excerpt = " ".join(words)
    if start > 0:
        excerpt = "… " + excerpt
    if len(before) - start + len(after) > len(words):
        excerpt += " …"
    return excerpt
