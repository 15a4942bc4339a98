"""The searches of the published statements found and ranked in this process
(panels.search_index), exactly as PostgreSQL would: the vectors of every listed
statement are held by each process for each version of the lists, and a search's page
is found there, then read from the database with the rest of its rows
(`published.public_statements`, which reads only what is published and shared, as for
any page). PostgreSQL only, and only for a search alone or with a series or a country;
the others are found by PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import QuerySet

from panels import fulltext
from panels.models import Statement
from panels.search_index import Index
from panels.statements import page_cache

# In one statement (one snapshot of the table): the listed statements' ids, series'
# numbers and countries, in the order of the list ({ids}, {numbers}, {countries}: that
# list's queries, ordered), on the row without a lexeme; then each lexeme of their
# vectors, the places in the list of the statements holding it (from 0) and, for each,
# the weights of its positions ("DDD"; "" without positions), in the same order in both.
_HELD_SQL = """WITH listed AS MATERIALIZED (
  SELECT listed.id, listed.place FROM unnest(ARRAY({ids})) WITH ORDINALITY AS listed (id, place)
)
SELECT NULL, array_to_string(ARRAY({ids}), ','), array_to_string(ARRAY({numbers}), ','),
  array_to_string(ARRAY({countries}), ',')
UNION ALL
SELECT entry.lexeme, string_agg((listed.place - 1)::text, ','),
  string_agg(COALESCE(array_to_string(entry.weights, ''), ''), ','), NULL
FROM listed
  INNER JOIN {statement} ON {statement}.id = listed.id
  CROSS JOIN LATERAL unnest({statement}.search_vector) AS entry
GROUP BY entry.lexeme"""


@dataclass(frozen=True)
class HeldStatements:
    """The listed statements in the order of the list: their ids, their series' numbers
    and countries, and the index of their vectors."""

    ids: np.ndarray
    series: np.ndarray
    countries: np.ndarray
    index: Index


def read(listed: QuerySet[Statement]) -> HeldStatements:
    """The statements of the list (ordered as it is) and the index of their vectors, in
    one query."""
    parts = {
        name: listed.values_list(field, flat=True).query.sql_with_params()
        for name, field in [
            ("ids", "pk"),
            ("numbers", "presession__series__session__number"),
            ("countries", "presession__country"),
        ]
    }
    params = [*parts["ids"][1], *parts["ids"][1], *parts["numbers"][1], *parts["countries"][1]]
    sql = _HELD_SQL.format(
        statement=connection.ops.quote_name(Statement._meta.db_table),
        **{name: sql for name, (sql, _params) in parts.items()},
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    ((_none, ids, numbers, countries),) = [row for row in rows if row[0] is None]
    postings = [
        (lexeme, places.split(","), weights.split(","))
        for lexeme, places, weights, _none in rows
        if lexeme is not None
    ]
    listed_ids = np.asarray(ids.split(",") if ids else [], dtype=np.int64)
    return HeldStatements(
        ids=listed_ids,
        series=np.asarray(numbers.split(",") if numbers else [], dtype=np.int64),
        countries=np.asarray(countries.split(",") if countries else [], dtype="<U2"),
        index=Index(len(listed_ids), postings),
    )


class Searched(NamedTuple):
    page: Page
    ids: list[int]  # the page's statements, best first
    query: str  # the search's query as PostgreSQL writes it (what the passages mark)


def page(
    words: str,
    *,
    series: int | None,
    country: str | None,
    number: str | None,
    per_page: int,
    listed: Callable[[], QuerySet[Statement]],
) -> Searched | None:
    """The page asked for of a search (as Paginator.get_page finds it) and its
    statements' ids, best first; None when PostgreSQL must find them. `listed`: the
    listed statements in the order of the list, read once for each version."""
    if not fulltext.uses_full_text():
        return None
    words = fulltext.normalise_query(words)
    if not words:
        return None
    held: HeldStatements = page_cache.held_value("search-index", lambda: read(listed()))
    among = None
    if series is not None:
        among = held.series == series
    if country is not None:
        in_country = held.countries == country
        among = in_country if among is None else among & in_country
    query = fulltext.query_text(words)
    found = held.index.find(query, among)
    if found is None:
        return None
    paginator: Paginator = Paginator((), per_page)
    paginator.count = found.count
    shown: Page = paginator.get_page(number)
    places = found.best(shown.start_index() - 1, per_page) if found.count else []
    return Searched(shown, [int(held.ids[place]) for place in places], query)
