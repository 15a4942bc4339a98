"""The search's query, written out (panels.fulltext), against the same query built from
Django's SearchQuery objects, which it replaces."""

from __future__ import annotations

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models.sql import Query
from hypothesis import given, settings
from hypothesis import strategies as st

from panels import fulltext


def django_query(words: str) -> SearchQuery:
    """The query as it was built before being written out: the same rules (the last word
    also a prefix, used alone unless websearch's "or" is among the words)."""
    head, prefix = fulltext._prefix_parts(words)
    alone = bool(prefix) and not any(word.lower() == "or" for word in words.split())
    query = None
    for config in ("simple", "english", "french", "spanish"):
        part = None
        if not alone:
            part = SearchQuery(words, config=config, search_type="websearch")
        if prefix:
            started = SearchQuery(prefix, config=config, search_type="raw")
            if head:
                started = SearchQuery(head, config=config, search_type="websearch") & started
            part = started if part is None else part | started
        query = part if query is None else query | part
    return query


def compiled_by_django(words: str) -> tuple[str, list]:
    query = Query(None)
    compiler = query.get_compiler(connection=connection)
    sql, params = django_query(words).resolve_expression(query).as_sql(compiler, connection)
    return sql, list(params)


SHAPES = [
    "detention",
    "detention law",
    "deten",
    "de",
    "law or torture",
    "law OR deten",
    "-law detention",
    "detention -law",
    '"rule of law" detention',
    '"rule of law',
    "law's deten",
    "%s 100% %%s",
    "a & | ! :* ( )",
    "deten:*",
    "détention arbitraire",
]


@pytest.mark.parametrize("words", SHAPES)
def test_the_query_written_out_is_the_query_django_compiles(words):
    words = fulltext.normalise_query(words)

    assert fulltext._query_sql(words) == compiled_by_django(words)


_WORD = st.one_of(
    st.sampled_from(["or", "OR", "-law", '"rule', 'law"', "de", "x", "%s", "%%", "'", "\\"]),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=12),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_WORD, min_size=1, max_size=9))
def test_any_words_written_out_are_compiled_as_django_does(words):
    normalised = fulltext.normalise_query(" ".join(words))
    if not normalised:
        return

    assert fulltext._query_sql(normalised) == compiled_by_django(normalised)


@pytest.mark.postgres
def test_the_query_written_out_runs_as_a_subquery(db):
    query = fulltext._compiled(fulltext.normalise_query("detention of journ"))

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {query.sql}::text", query.params)
        (text,) = cursor.fetchone()

    assert "'journ':*" in text
    assert "'detent'" in text  # stemmed in English and French
