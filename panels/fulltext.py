"""Full-text search over public texts: the published statements and the UPR record.

A searchable model has `search_document` (the text, holding nothing that is not public),
`search_vector` (a GIN-indexed tsvector, PostgreSQL only) and `language` (a
StatementLanguage); on PostgreSQL also `search_words`, where each word of the document
is, by the lexeme the vector holds for it. On PostgreSQL: the stored tsvector, built in
the row's own language, queried in English, French, Spanish and without stemming at once,
ranked, with the words that match the query's lexemes marked in a passage (`passage`).
On SQLite: every word must appear (case-insensitive), newest first, marked where the
words are found. On both, the last word also matches as the start of a word, for the
visitor still typing it.
"""

from __future__ import annotations

import html
import json
import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from django.contrib.postgres.search import (
    SearchQuery,
    SearchQueryField,
    SearchRank,
    SearchVector,
)
from django.db import connection
from django.db.models import (
    Case,
    F,
    Func,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from panels.enums import StatementLanguage

# Private-use characters, removed from what speakers and visitors type, so that a passage
# can be escaped first and marked up after (`passage`).
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
    """Rebuild the stored vectors and words from the documents (PostgreSQL only)."""
    if not uses_full_text():
        return
    rows.update(
        search_vector=SearchVector("search_document", config=_config_of_row()),
        search_words=_WordSpans(
            Func(_config_of_row(), template="(%(expressions)s)::regconfig"), F("search_document")
        ),
    )


class _WordSpans(Func):
    """Where each lexeme of the document's vector is in the document: {lexeme: [start,
    ..., end, ...]}, the offsets in characters of every word it stands for, the starts
    first; kept as the text PostgreSQL writes for that jsonb value, which a page reads as
    it is (writing out the jsonb of twenty rows took 0.6 ms, reading the text 0.35). Read
    from PostgreSQL's own parser and dictionaries (ts_debug), as the vector is built: its
    tokens, in order, make up the document, except that a compound word (with a hyphen)
    or an address comes whole before its parts, which cover it again. A word the
    dictionaries drop (a stop word) has no lexeme."""

    output_field = TextField()
    template = """(SELECT jsonb_object_agg(lexeme, spans)::text FROM (
        SELECT lexeme, jsonb_agg(start ORDER BY ord)
                       || jsonb_agg(start + length(token) ORDER BY ord) AS spans
        FROM (
            SELECT token, lexemes, ord, COALESCE(SUM(
                CASE WHEN alias IN ('asciihword', 'hword', 'numhword', 'url')
                THEN 0 ELSE length(token) END
            ) OVER (ORDER BY ord ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS start
            FROM ts_debug(%(expressions)s) WITH ORDINALITY
                AS parsed (alias, description, token, dictionaries, dictionary, lexemes, ord)
        ) AS tokens, unnest(lexemes) AS lexeme
        GROUP BY lexeme
    ) AS words)"""


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
    query = _compiled(normalise_query(words))
    return _put(sql, params, query.sql, query.params)


def with_query_text(sql: str, params: Sequence[Any], text: str) -> tuple[str, tuple[Any, ...]]:
    """The same where the query is only read as text (the passages' columns), with its
    text already read (`query_text`): given as it is, not built again."""
    return _put(sql, params, "(%s::text)", (text,))


def _put(
    sql: str, params: Sequence[Any], query_sql: str, query_params: Sequence[Any]
) -> tuple[str, tuple[Any, ...]]:
    pieces = sql.split(_STAND_IN_SQL)
    counts = [re.findall(r"%[%s]", piece).count("%s") for piece in pieces]
    if sum(counts) != len(params):
        raise ValueError("the parameters do not match the query's placeholders")
    placed: list[Any] = []
    for index, count in enumerate(counts):
        taken = sum(counts[:index])
        placed += params[taken : taken + count]
        if index < len(pieces) - 1:
            placed += query_params
    return query_sql.join(pieces), tuple(placed)


@lru_cache(maxsize=512)
def _compiled(words: str) -> _CompiledQuery:
    """The query of the words as SQL, a scalar subquery: PostgreSQL builds it once per
    execution. Written inline, a query prepared on the connection (a generic plan, whose
    words are parameters) would build it again for every row it ranks or highlights,
    four languages' stemmers each time (14 ms a search on 10,000 statements, against 4)."""
    sql, params = _query_sql(words)
    return _CompiledQuery(f"(SELECT {sql})", tuple(params))


_CONFIGS_IN_ORDER = ("simple", "english", "french", "spanish")  # as `_query_sql` joins them
_PLAIN_WORD = re.compile(r"[^\W\d_]+")


def query_text(words: str) -> str:
    """The query of the words (`_query_sql`) as PostgreSQL writes it out (PostgreSQL
    only): what panels.search_index reads, and the passages mark. For words made of
    letters alone, put together from each word's own query in each language, which this
    process holds (a word's query never changes, and most searches are of words searched
    before): the same operands, joined by the same operators, in parentheses."""
    plain = words.split()
    if not all(_PLAIN_WORD.fullmatch(word) and word.lower() != "or" for word in plain):
        return _read_query_text(words)
    queries = _word_queries(plain)
    *head, last = plain
    prefixed = len(last) >= _MIN_PREFIX  # as `_prefix_parts` finds the prefix
    parts = []
    for index in range(0, 2 * len(_CONFIGS_IN_ORDER), 2):
        pieces = [queries[word][index] for word in (head if prefixed else plain)]
        if prefixed:
            pieces.append(queries[last][index + 1])
        part = " & ".join(f"( {piece} )" for piece in pieces if piece)
        if part:
            parts.append(part)
    return " | ".join(f"( {part} )" for part in parts)


@lru_cache(maxsize=512)
def _read_query_text(words: str) -> str:
    query = _compiled(words)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {query.sql}::text", query.params)
        return cursor.fetchone()[0]


# Each word's query in each language as PostgreSQL writes it out, then as a prefix (the
# word quoted, as `_prefix_parts` quotes it): (simple, simple prefix, english...), ""
# for a stop word.
_WORD_QUERIES_SQL = "SELECT word, {} FROM unnest(%s::text[]) AS word".format(  # noqa: S608 - constants
    ", ".join(
        f"websearch_to_tsquery('{config}', word)::text,"
        f" to_tsquery('{config}', quote_literal(word) || ':*')::text"
        for config in _CONFIGS_IN_ORDER
    )
)
_WORDS_HELD = 20_000
_words_held: OrderedDict[str, tuple[str, ...]] = OrderedDict()
_words_lock = threading.Lock()


def _word_queries(words: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """The queries of these words (letters only): those this process does not hold yet
    read in one query."""
    with _words_lock:
        found = {word: _words_held[word] for word in words if word in _words_held}
        for word in found:
            _words_held.move_to_end(word)
    missing = sorted(set(words) - set(found))
    if missing:
        with connection.cursor() as cursor:
            cursor.execute(_WORD_QUERIES_SQL, [missing])
            read = {word: tuple(texts) for word, *texts in cursor.fetchall()}
        found.update(read)
        with _words_lock:
            _words_held.update(read)
            while len(_words_held) > _WORDS_HELD:
                _words_held.popitem(last=False)
    return found


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


def with_passages(rows: QuerySet, text: str) -> QuerySet:
    """Annotate a page of results with what `passage` reads: `document`, and on PostgreSQL
    `words` (the row's `search_words`, as PostgreSQL writes it) and `query` (the search's
    query as text, with its lexemes). Only for the rows shown."""
    rows = rows.annotate(document=F("search_document"))
    words = normalise_query(text)
    if uses_full_text() and words:
        query = _compiled_or_stand_in(words)[1]
        assert query is not None  # words there are
        return rows.annotate(words=F("search_words"), query=Cast(query, TextField()))
    return rows.annotate(
        words=Value(None, output_field=TextField()), query=Value("", output_field=TextField())
    )


def passage_columns_sql(table: str) -> str:
    """`with_passages`' words and query as SQL columns over a table (PostgreSQL only), with
    the stand-in for the search's query, for `with_query` to put the words' query in."""
    return f"{table}.search_words, {_STAND_IN_SQL}::text"


def _plain_words(words: str) -> list[str]:
    # The fallback ignores websearch syntax: quotes and a leading minus are just text.
    return [w.strip('"').lstrip("-") for w in words.split() if w.strip('"').lstrip("-")]


def passage(document: str, words: str | None, query: str, text: str) -> SafeString:
    """The passage to show for a result, escaped, with the words of the search in <mark>:
    on PostgreSQL (`words` known: the row's `search_words` as PostgreSQL writes it) the
    words whose lexeme the query holds, on SQLite where the words typed appear."""
    if words is None:
        return _highlight_in_python(document, _plain_words(normalise_query(text)))
    return _marked_passage(document, _spans(words, *_query_keys(query)))


# A lexeme of a query as PostgreSQL writes it: quoted (a quote doubled, a backslash
# escaped), then :* when it stands for the start of a word; negated after "!".
_OPERAND = re.compile(r"(!?)\s*'((?:[^'\\]|''|\\.)*)'(?::([*A-D]+))?")


def _query_lexemes(query: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """(the lexemes a query matches whole, those it matches as the start of a lexeme),
    from the query written out by PostgreSQL; not those it excludes."""
    whole: set[str] = set()
    starts: set[str] = set()
    for negated, quoted, flags in _OPERAND.findall(query):
        if negated:
            continue
        lexeme = re.sub(r"\\(.)", r"\1", quoted.replace("''", "'"))
        (starts if "*" in flags else whole).add(lexeme)
    return frozenset(whole), tuple(sorted(starts))


@lru_cache(maxsize=512)
def _query_keys(query: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """`_query_lexemes` as they start the keys of `search_words` written out by
    PostgreSQL (jsonb: `{"lexeme": [1, 2], "other": [3, 4]}`): a whole lexeme with its
    closing quote and the array's start, the start of a lexeme alone."""
    whole, starts = _query_lexemes(query)
    return (
        tuple(f"{_quoted(lexeme)}: [" for lexeme in sorted(whole)),
        tuple(_quoted(lexeme)[:-1] for lexeme in starts),
    )


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _spans(
    words: str, whole: tuple[str, ...], starts: tuple[str, ...]
) -> list[tuple[int, int, str]]:
    """Where the words matching the query are in the document, in order, overlapping
    ones (a compound word and its parts) joined: (start, end, the lexeme's key, quoted,
    which tells the words apart). Found by their
    keys in the JSON text rather than by reading it whole (a row's words run to about a
    kilobyte, and a search's lexemes are a few): the keys are the only strings there, so a
    quote after "{" or ", " starts one."""
    found: list[tuple[int, int, str]] = []
    for key in whole:
        at = words.find(key)
        while at > 0 and words[at - 1] not in "{ ":
            at = words.find(key, at + 1)
        if at > 0:
            found += _places(words, at + len(key), key[:-3])
    for key in starts:
        at = words.find(key)
        while at > 0:
            end = words.find('": [', at)
            if words[at - 1] in "{ ":
                found += _places(words, end + 4, words[at : end + 1])
            at = words.find(key, end)
    found.sort()
    joined: list[tuple[int, int, str]] = []
    for span in found:
        if joined and span[0] < joined[-1][1]:
            last = joined[-1]
            joined[-1] = (last[0], max(last[1], span[1]), last[2])
        else:
            joined.append(span)
    return joined


def _places(words: str, at: int, key: str) -> list[tuple[int, int, str]]:
    """The (start, end, key) of the array of offsets that starts at `at` (the starts,
    then the ends)."""
    listed = words[at : words.index("]", at)]
    offsets = [int(number) for number in listed.split(",")] if listed else []
    half = len(offsets) // 2
    return list(zip(offsets[:half], offsets[half:], [key] * half, strict=True))


_FRAGMENT_WORDS = 40  # the first passage; the second, for words the first lacks, half
_WORDS_BEFORE = 10
_WHITESPACE = re.compile(r"\s+")
_SHORT_WORD = 12  # characters, with a space: how far back to look first, for each word
_LONGEST_WORD = 30  # characters: how far back to look for the words before a match


def _marked_passage(document: str, spans: list[tuple[int, int, str]]) -> SafeString:
    """About 40 words around the first match, and about 20 more around the first match of
    a word that these lack, joined by an ellipsis; the matches in <mark>."""
    if not spans:
        return escape(_excerpt_around(document, 0))
    first = _window(document, spans[0][0], _FRAGMENT_WORDS)
    fragments: list[tuple[int, int]] = [first]
    shown = {lexeme for start, end, lexeme in spans if first[0] <= start and end <= first[1]}
    missing = next((s for s in spans if s[2] not in shown and s[0] >= first[1]), None)
    if missing is not None:
        second = _window(document, missing[0], _FRAGMENT_WORDS // 2)
        fragments.append((max(second[0], first[1]), second[1]))
    pieces = ["… " if first[0] > 0 else ""]
    for index, (start, end) in enumerate(fragments):
        if index:
            pieces.append(" … ")
        at = start
        for span_start, span_end, _lexeme in spans:
            if span_start >= start and span_end <= end:
                pieces += [document[at:span_start], MARK_START, document[span_start:span_end]]
                pieces.append(MARK_STOP)
                at = span_end
        pieces.append(document[at:end])
    if fragments[-1][1] < len(document):
        pieces.append(" …")
    # The markers cannot be in the document (clean_text): escaped with it, then marked up.
    marked = html.escape("".join(pieces))
    return mark_safe(  # noqa: S308 - escaped above; only our own markers become tags
        marked.replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")
    )


def _window(document: str, position: int, words: int) -> tuple[int, int]:
    """(start, end) of about `words` words of the document from a few words before the
    position, cut where words are apart."""
    before = max(1, min(_WORDS_BEFORE, words // 4))
    # Words are mostly short: looked for close first, then as far as the longest go.
    reach = max(0, position - _SHORT_WORD * (before + 1))
    start = _after_gaps(document, reach, position, before)
    if start is None and reach > 0:
        reach = max(0, position - _LONGEST_WORD * before)
        start = _after_gaps(document, reach, position, before)
    if start is None:
        if reach == 0:
            start = 0
        else:  # words longer than any: from the first gap seen
            gap = _WHITESPACE.search(document, reach, position)
            start = gap.end() if gap else position
    ending = _words_from(words).match(document, start)  # it may match nothing, never fails
    return start, ending.end() if ending else len(document)


def _after_gaps(document: str, reach: int, position: int, count: int) -> int | None:
    """Where the word after the (count + 1)-th gap between words before `position` (in
    the text from `reach`) starts, or None if there are no more than `count`: read
    backwards, in one match."""
    backwards = document[reach:position][::-1]
    found = _gaps(count).match(backwards)
    return None if found is None else position - found.end()


@lru_cache(maxsize=4)
def _gaps(count: int) -> re.Pattern[str]:
    """`count` words and the gaps after them, then a word and a gap (not taken), read
    backwards; each word and each gap whole (possessive: never split to count more)."""
    return re.compile(rf"(?:\S*+\s++){{{count}}}\S*+(?=\s)")


@lru_cache(maxsize=4)
def _words_from(words: int) -> re.Pattern[str]:
    """Up to `words` words from a position (where one starts), without what follows."""
    return re.compile(rf"\s*\S*(?:\s+\S+){{0,{words - 1}}}")


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
