"""The one door through which public pages read statements.

Whatever staff click, a page sees only what the speaker agreed to publish: a statement
must be published by a coordinator and have at least one item its speaker shared, each
item is read only if shared, and the organisation is named only if every published item
allows it (its items appear together, so naming one would name them all). Files are
named from the series, the country and the item, and when the organisation is not named
the public gets their copies without the author's details, or nothing if a file has
none. Public views receive the frozen dataclasses below, never the model rows.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from enum import Enum
from functools import lru_cache
from types import SimpleNamespace
from typing import Any, NamedTuple, cast

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    Window,
)
from django.db.models.fields.files import FieldFile
from django.urls import get_script_prefix, reverse
from django.utils.safestring import SafeString
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _
from django_countries import countries
from django_countries.fields import Country

from applications.forms import collation_key
from panels import fulltext
from panels.enums import Cleaning, MatchStatus, Sharing
from panels.models import Material, Recommendation, RecommendationMatch, Statement
from panels.statements import held_search, page_cache, public_files, search
from presessions.models import Series, Theme
from presessions.models.calendar import in_active_language

SHARED = [Sharing.NAMED, Sharing.ANONYMOUS]


def organisation_is_named(statement_ref: str) -> ExpressionWrapper:
    """True when no published item of the statement asks not to be named (for filtering
    on a name in the database; the pages themselves check with `_items_of`)."""
    anonymous_items = Q(sharing=Sharing.ANONYMOUS, statement=OuterRef(statement_ref))
    own = "sharing" if statement_ref == "pk" else "statement__sharing"
    return ExpressionWrapper(
        ~Q(**{own: Sharing.ANONYMOUS})
        & ~Exists(Recommendation.objects.filter(anonymous_items))
        & ~Exists(Material.objects.filter(anonymous_items)),
        output_field=BooleanField(),
    )


def statements() -> QuerySet[Statement]:
    """The candidates for the public pages, newest first. `shares_anything` is kept by the
    services and makes the listing fast; each row is checked again item by item before it
    is shown (`public_page`)."""
    return _rows().filter(published_at__isnull=False, shares_anything=True)


# What the public pages read of a statement and its joins, as model rows or plain values.
_PUBLIC_FIELDS = [
    "pk",
    "position",
    "language",
    "text",
    "sharing",
    "file",
    "file_type",
    "public_file",
    "cleaning",
    "published_at",
    "presession__country",
    "presession__series__session__number",
    "theme__name",
    "theme__name_fr",
    "theme__name_es",
    "application__organisation_name",
    "application__organisation_country",
]


def _rows() -> QuerySet[Statement]:
    return (
        Statement.objects.select_related("presession__series__session", "theme", "application")
        .only(*_PUBLIC_FIELDS)
        .order_by("-published_at", "-pk")
    )


# What the public pages read of a recommendation and its statement, as model rows or
# plain values.
_PUBLIC_RECOMMENDATION_FIELDS = [
    "position",
    "text",
    "theme__name",
    "theme__name_fr",
    "theme__name_es",
    "statement__position",
    "statement__sharing",
    "statement__presession__country",
    "statement__presession__series__session__number",
    "statement__application__organisation_name",
    "statement__application__organisation_country",
]


def recommendations() -> QuerySet[Recommendation]:
    """The shared recommendations of published statements, newest statement first."""
    return (
        Recommendation.objects.filter(
            sharing__in=SHARED,
            statement__published_at__isnull=False,
            statement__shares_anything=True,
        )
        .select_related(
            "theme",
            "statement__presession__series__session",
            "statement__application",
        )
        .only("pk", "sharing", *_PUBLIC_RECOMMENDATION_FIELDS)
        .order_by("-statement__published_at", "-statement__pk", "position")
    )


@dataclass
class _Items:
    """What one statement's items allow, read from the items themselves."""

    shared_recommendations: int = 0
    shares_an_item: bool = False
    anonymous_item: bool = False


def _items_of(statement_ids: list[int]) -> dict[int, _Items]:
    """The sharing of every recommendation and material of these statements: one query."""
    recommendations = (
        Recommendation.objects.filter(statement__in=statement_ids)
        .order_by()
        .values_list("statement_id", "sharing", Value(True))
    )
    materials = (
        Material.objects.filter(statement__in=statement_ids)
        .order_by()
        .values_list("statement_id", "sharing", Value(False))
    )
    items: dict[int, _Items] = {pk: _Items() for pk in statement_ids}
    if not statement_ids:
        return items
    for statement_id, sharing, is_recommendation in recommendations.union(materials, all=True):
        entry = items[statement_id]
        if sharing in SHARED:
            entry.shares_an_item = True
            entry.shared_recommendations += 1 if is_recommendation else 0
        entry.anonymous_item |= sharing == Sharing.ANONYMOUS
    return items


def _allows(statement: Statement, items: _Items) -> tuple[bool, bool]:
    """(anything to show, may the organisation be named) for one statement."""
    shows = statement.sharing in SHARED or items.shares_an_item
    named = shows and statement.sharing != Sharing.ANONYMOUS and not items.anonymous_item
    return shows, named


# Filters ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    series: int | None = None
    country: str | None = None  # alpha-2
    theme: int | None = None
    organisation: str = ""
    text: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.series or self.country or self.theme or self.organisation or self.text)


def filter_statements(queryset: QuerySet[Statement], filters: Filters) -> QuerySet[Statement]:
    if filters.series:
        queryset = queryset.filter(presession__series__session__number=filters.series)
    if filters.country:
        queryset = queryset.filter(presession__country=filters.country)
    if filters.theme:
        themed = Recommendation.objects.filter(
            statement=OuterRef("pk"), sharing__in=SHARED, theme=filters.theme
        )
        queryset = queryset.filter(Q(theme=filters.theme) | Exists(themed))
    if filters.organisation:
        # Only named statements: filtering on a name must never find anonymous ones.
        queryset = queryset.filter(
            application__organisation_name__iexact=filters.organisation
        ).filter(organisation_is_named("pk"))
    if filters.text:
        queryset = search.search(queryset, filters.text)
    return queryset


def filter_recommendations(
    queryset: QuerySet[Recommendation], filters: Filters
) -> QuerySet[Recommendation]:
    if filters.series:
        queryset = queryset.filter(statement__presession__series__session__number=filters.series)
    if filters.country:
        queryset = queryset.filter(statement__presession__country=filters.country)
    if filters.theme:
        queryset = queryset.filter(theme=filters.theme)
    return queryset


def statement_page(filters: Filters, number: str | None, per_page: int) -> Page:
    """One page of the public listing, as PublicStatement: the page's ids are found on the
    statement table alone (its index serves deep pages), or among those held of the whole
    listing, then only those rows are read with their joins, their items and, for a
    search, their highlighted passages."""
    if filters.is_empty:
        # Every statement, a page of the archive: their ids are held in order, once per
        # version, rather than skipped through for each page (hundreds of pages).
        every = page_cache.cached_value("statement-ids", _every_statement_id, per_language=False)
        page: Page[Any] = Paginator(every, per_page).get_page(number)
        page.object_list = public_statements(list(page.object_list))
        return page
    # A page of ids, whose objects then become the statements they are: a search's found
    # in this process when it can be, the others' by the database.
    searched = _found_in_index(filters, number, per_page)
    if searched is not None:
        page, ids, query = searched
    else:
        listed = _listed_as_filtered("statements", filters)
        (page, ids), query = _counted_page(listed, f"count:{filters!r}", number, per_page), None
    page.object_list = public_statements(ids, words=filters.text, query=query)
    return page


def _found_in_index(
    filters: Filters, number: str | None, per_page: int
) -> held_search.Searched | None:
    """A search's page found in the index that each process holds (`held_search`), when
    it can be: a search alone, or with a series or a country."""
    if not filters.text or filters.theme or filters.organisation:
        return None
    return held_search.page(
        filters.text,
        series=filters.series,
        country=filters.country,
        number=number,
        per_page=per_page,
        listed=lambda: _listed_statements(Filters()),
    )


def _every_statement_id() -> array[int]:
    """The ids of every listed statement, in the order of the pages (8 bytes each)."""
    sql, params = _listed_statements(Filters()).values_list("pk", flat=True).query.sql_with_params()
    return array("q", (pk for (pk,) in _fetch(sql, params)))


def _listed_statements(filters: Filters) -> QuerySet[Statement]:
    candidates = Statement.objects.filter(published_at__isnull=False, shares_anything=True)
    return filter_statements(candidates.order_by("-published_at", "-pk"), filters)


class _Listed(NamedTuple):
    """The SQL of a list's ids in order (`ids`), and of the same with the count of every
    row beside each (`counted`), with their parameters; and how to count the rows apart."""

    ids: tuple[str, tuple[Any, ...]] | None  # None: nothing to find
    counted: tuple[str, tuple[Any, ...]] | None
    count_rows: Callable[[], int]


def _listed(rows: QuerySet) -> _Listed:
    counted = rows.annotate(_matches=Window(Count("pk"))).values_list("pk", "_matches")
    try:
        ids = rows.values_list("pk", flat=True).query.sql_with_params()
        if "rank" in rows.query.annotations and all(
            isinstance(name, str) for name in rows.query.order_by
        ):
            with_count = _ranked_with_count(rows)
        else:
            with_count = counted.query.sql_with_params()
    except EmptyResultSet:  # filters that Django knows to find nothing
        return _Listed(None, None, lambda: 0)
    return _Listed(ids, with_count, rows.count)


def _ranked_with_count(rows: QuerySet) -> tuple[str, tuple[Any, ...]]:
    """The ids of ranked rows (a search) in their order, each with the count of every row:
    the rank is computed in a subquery that PostgreSQL keeps apart (OFFSET 0), so that the
    window counting the rows holds only the few columns of the order. Written plainly,
    the window would hold every matching row whole, search vector included, and the rank
    be computed after it: a third more time for a search matching thousands."""
    fields = [name for name in rows.query.order_by if isinstance(name, str)]  # all (_listed)
    order = [(name.lstrip("-"), name.startswith("-")) for name in fields]
    columns = [name for name, _descending in order]
    if "pk" not in columns:
        columns.append("pk")
    sql, params = rows.order_by().values_list(*columns).query.sql_with_params()
    names = ", ".join(f"c{index}" for index in range(len(columns)))
    ordering = ", ".join(
        f"c{index}{' DESC' if descending else ''}"
        for index, (_name, descending) in enumerate(order)
    )
    written = _RANKED_WITH_COUNT_SQL.format(
        pk=columns.index("pk"), rows=sql, names=names, ordering=ordering
    )
    return written, params


# The columns of the rows (their SQL compiled by Django) are named c0, c1...
_RANKED_WITH_COUNT_SQL = (
    "SELECT c{pk}, COUNT(*) OVER () FROM ({rows} OFFSET 0) AS ranked ({names}) ORDER BY {ordering}"
)


_LISTS: dict[str, Callable[[Filters], QuerySet]] = {
    "statements": _listed_statements,
    "recommendations": lambda filters: filter_recommendations(recommendations(), filters),
}
# Stand-ins for the filters' values in the lists' queries, compiled once for every way of
# filtering them (building and compiling a query costs more than PostgreSQL takes to run
# it): found among the parameters, where each value is then put. Two sets, to show that
# the compiler passes each value on as it is.
_STAND_INS: list[dict[str, Any]] = [
    {"series": 32_001, "country": "\ue002a", "theme": 2_147_000_011},
    {"series": 32_002, "country": "\ue002b", "theme": 2_147_000_012},
]


def _listed_as_filtered(name: str, filters: Filters) -> _Listed:
    """A list's queries for these filters: compiled once for the filters it takes values
    for (a series, a country, a theme) and, on PostgreSQL, a search, whose words' query
    is put in place of its stand-in (`fulltext.with_query`). An organisation is compiled
    each time (a name is escaped by the database's own rules), and so is a search on
    SQLite (its words shape the query)."""
    filtering = tuple(field for field in _STAND_INS[0] if getattr(filters, field))
    searching = bool(filters.text) and fulltext.uses_full_text()
    shaped = None
    if (searching or not filters.text) and not filters.organisation and _in_range(filters):
        shaped = _shaped(name, filtering, searching)
    if shaped is None:
        return _listed(_LISTS[name](filters))
    values = {_STAND_INS[0][field]: getattr(filters, field) for field in filtering}

    def put(query: tuple[str, tuple[Any, ...]]) -> tuple[str, tuple[Any, ...]]:
        sql, params = query
        params = tuple(_swapped(value, values) for value in params)
        return fulltext.with_query(sql, params, filters.text) if searching else (sql, params)

    assert shaped.ids is not None and shaped.counted is not None
    return _Listed(put(shaped.ids), put(shaped.counted), lambda: _LISTS[name](filters).count())


# What a value put in a query compiled once may be: what fits the columns (beyond, Django
# knows that nothing is found, without asking the database, or the database refuses it).
_RANGES = {"series": 2**15, "theme": 2**31}  # past the largest
_POSITION_END = 2**15  # a statement's number in its Pre-session, a small integer


def _in_range(filters: Filters) -> bool:
    values = [(getattr(filters, field), beyond) for field, beyond in _RANGES.items()]
    return all(value is None or 0 < value < beyond for value, beyond in values)


def _swapped(value: Any, values: dict[Any, Any]) -> Any:
    """The value a parameter stands in for, in the parameter's own type (the compiler
    wraps a small integer for PostgreSQL), or the parameter itself."""
    if isinstance(value, int | str) and not isinstance(value, bool | Enum) and value in values:
        return type(value)(values[value])
    return value


def _typed(values: Sequence[Any]) -> list[tuple[type, Any]]:
    return [(type(value), value) for value in values]


@lru_cache(maxsize=64)
def _shaped(name: str, filtering: tuple[str, ...], searching: bool = False) -> _Listed | None:
    """A list's queries compiled with the first stand-ins for the values of these filters
    (and for a search's words, which `fulltext.with_query` replaces), or None unless the
    second stand-ins give the same SQL with each of them, as it is, where each of the
    first is, and the same other parameters."""
    text = fulltext.STAND_IN if searching else ""
    first, second = (
        _listed(_LISTS[name](Filters(**{field: values[field] for field in filtering}, text=text)))
        for values in _STAND_INS
    )
    swapped = {_STAND_INS[0][field]: _STAND_INS[1][field] for field in filtering}
    pairs = [(first.ids, second.ids), (first.counted, second.counted)]
    for query, other in pairs:
        if query is None or other is None:
            return None
        (sql, params), (other_sql, other_params) = query, other
        expected = [_swapped(value, swapped) for value in params]
        if sql != other_sql or _typed(expected) != _typed(other_params):
            return None
        if {value for value in params if _swapped(value, swapped) is not value} != set(swapped):
            return None  # a stand-in is not a parameter
    return first


def _counted_page(
    listed: _Listed, count_name: str, number: str | None, per_page: int
) -> tuple[Page, list[int]]:
    """The page asked for of a list, as Paginator.get_page finds it, and its ids.

    The count is the same for every page of these filters: kept once for each version
    of the lists. Until it is, the ids of the page asked for are read with the count of
    every row, in one query (a window over the rows, which a search ranks in full
    anyway); the rows are counted apart only when that page is past the last."""
    paginator = Paginator((), per_page)
    read: dict[int, list[int]] = {}

    def count() -> int:
        asked = _page_number(number)
        if asked is None or listed.counted is None:
            return listed.count_rows()
        rows = _rows_of_page(listed.counted, per_page, (asked - 1) * per_page)
        if not rows:
            return 0 if asked == 1 else listed.count_rows()
        read[asked] = [pk for pk, _matches in rows]
        return rows[0][1]

    paginator.count = page_cache.cached_value(count_name, count)
    page: Page[Any] = paginator.get_page(number)
    if page.number in read:
        return page, read[page.number]
    if not paginator.count or listed.ids is None:
        return page, []
    rows = _rows_of_page(listed.ids, per_page, page.start_index() - 1)
    return page, [pk for (pk,) in rows]


def _page_number(number: str | None) -> int | None:
    """The page Paginator.get_page shows for this number when it is not past the last
    (None: the last, which only the count tells; also for a number past any list, whose
    rows' offset would not fit in the database's integers)."""
    try:
        asked = int(number or 1)
    except (TypeError, ValueError):
        return 1
    return asked if 1 <= asked <= _PAGES_AT_MOST else None


_PAGES_AT_MOST = 10**6  # pages of any list: 20 million statements


def _rows_of_page(query: tuple[str, tuple[Any, ...]], limit: int, offset: int) -> list[tuple]:
    """The rows of a query from `offset`, at most `limit`, with the bounds as parameters
    (Django writes them into the SQL), so that the query of every page of these filters
    is one prepared statement."""
    sql, params = query
    return _fetch(f"{sql} LIMIT %s OFFSET %s", [*params, limit, offset])


def _fetch(sql: str, params: Sequence[Any]) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def public_statements(
    ids: list[int], *, words: str = "", query: str | None = None
) -> list[PublicStatement]:
    """What the public may see of these statements, in this order, as `public_page` sees
    it: their rows, joins and items read in one query, written out so that it is compiled
    once per number of rows (and search or not) and PostgreSQL plans it once per
    connection. The same rows as `statements()`, the same items as `_items_of`. For a
    search, `query`: its query as PostgreSQL writes it, when it is already read."""
    if not ids:
        return []
    full_text = fulltext.uses_full_text()
    sql, params = _page_sql(len(ids), bool(words), full_text)
    params = (*params, *ids)
    if words and full_text and query is not None:
        sql, params = fulltext.with_query_text(sql, params, query)
    elif words and full_text:  # the passage's query, compiled once for every search
        sql, params = fulltext.with_query(sql, params, words)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()
    # Rows shaped as the model rows that `_allows` and `_public_statement` read.
    by_id: dict[int, Any] = {}
    items: dict[int, _Items] = {}
    for row in found:
        values = dict(zip(_PAGE_COLUMNS, row, strict=False))
        pk = values["pk"]
        items[pk] = _Items(
            shared_recommendations=values["shared_recommendations"],
            shares_an_item=bool(values["shares_an_item"]),
            anonymous_item=bool(values["anonymous_item"]),
        )
        values["published_at"] = _aware(values["published_at"])
        extra = dict(zip(_PASSAGE_COLUMNS, row[-3:], strict=True)) if words else {}
        by_id[pk] = _light_row(values, extra)
    page = []
    for pk in ids:
        row = by_id.get(pk)
        if row is None:
            continue
        shows, named = _allows(row, items[pk])
        if shows:
            page.append(
                _public_statement(
                    row,
                    named=named,
                    recommendation_count=items[pk].shared_recommendations,
                    words=words,
                )
            )
    return page


# The columns of `_page_sql`, in order: `_PUBLIC_FIELDS`, then the items' figures, then
# for a search what its passage is cut from.
_PAGE_COLUMNS = [*_PUBLIC_FIELDS, "shared_recommendations", "shares_an_item", "anonymous_item"]
_PASSAGE_COLUMNS = ["document", "words", "query"]
_THEME_COLUMNS = ["theme__name", "theme__name_fr", "theme__name_es"]


# `_items_of` for the statement of each row: its shared recommendations, whether any item
# is shared, whether any asks not to name the organisation. Only the models' table names
# go into the texts below ({statement}...); every value is a parameter.
_ITEMS_SQL = """
  (SELECT COUNT(*) FROM {recommendation} WHERE {recommendation}.statement_id = {statement}.id
     AND {recommendation}.sharing IN (%s, %s)),
  (EXISTS (SELECT 1 FROM {recommendation} WHERE {recommendation}.statement_id = {statement}.id
     AND {recommendation}.sharing IN (%s, %s))
   OR EXISTS (SELECT 1 FROM {material} WHERE {material}.statement_id = {statement}.id
     AND {material}.sharing IN (%s, %s))),
  (EXISTS (SELECT 1 FROM {recommendation} WHERE {recommendation}.statement_id = {statement}.id
     AND {recommendation}.sharing = %s)
   OR EXISTS (SELECT 1 FROM {material} WHERE {material}.statement_id = {statement}.id
     AND {material}.sharing = %s))"""
_ITEMS_PARAMS = [str(v) for v in [*SHARED, *SHARED, *SHARED, Sharing.ANONYMOUS, Sharing.ANONYMOUS]]
_JOINS_SQL = """
  INNER JOIN {presession} ON {statement}.presession_id = {presession}.id
  INNER JOIN {series} ON {presession}.series_id = {series}.id
  INNER JOIN {session} ON {series}.session_id = {session}.id"""

# The rows of `statements()`, with their items.
_PAGE_SQL = """SELECT {statement}.id, {statement}.position, {statement}.language,
  {statement}.text, {statement}.sharing, {statement}.file, {statement}.file_type,
  {statement}.public_file, {statement}.cleaning, {statement}.published_at,
  {presession}.country, {session}.number, {theme}.name, {theme}.name_fr, {theme}.name_es,
  {application}.organisation_name, {application}.organisation_country,{items}{search}
FROM {statement}{joins}
  LEFT OUTER JOIN {theme} ON {statement}.theme_id = {theme}.id
  INNER JOIN {application} ON {statement}.application_id = {application}.id
WHERE {statement}.published_at IS NOT NULL AND {statement}.shares_anything
  AND {statement}.id IN ({ids})"""

# The rows of `recommendations()`, with their statements' items.
_RECOMMENDATION_PAGE_SQL = """SELECT {recommendation}.id, {recommendation}.position,
  {recommendation}.text, {theme}.name, {theme}.name_fr, {theme}.name_es,
  {statement}.id, {statement}.position, {statement}.sharing, {presession}.country,
  {session}.number, {application}.organisation_name, {application}.organisation_country,
  {items}
FROM {recommendation}
  INNER JOIN {statement} ON {recommendation}.statement_id = {statement}.id{joins}
  LEFT OUTER JOIN {theme} ON {recommendation}.theme_id = {theme}.id
  INNER JOIN {application} ON {statement}.application_id = {application}.id
WHERE {recommendation}.sharing IN (%s, %s) AND {statement}.published_at IS NOT NULL
  AND {statement}.shares_anything AND {recommendation}.id IN ({ids})"""


# One statement found by its address: the columns of `_PAGE_SQL`.
_DETAIL_SQL = _PAGE_SQL.replace(
    "AND {statement}.id IN ({ids})",
    "AND {session}.number = %s AND {presession}.country = %s AND {statement}.position = %s",
)

# The items of one statement: its recommendations, each with the review's confirmed
# matches of it when it is shared (one line per match), then its materials.
_DETAIL_ITEMS_SQL = """SELECT 0, {recommendation}.position, {recommendation}.sharing,
  {recommendation}.text, {theme}.name, {theme}.name_fr, {theme}.name_es,
  '', '', '', '', '', {match}.id, {upr}.recommending_state, {upr}.response
FROM {recommendation}
  LEFT OUTER JOIN {theme} ON {recommendation}.theme_id = {theme}.id
  LEFT OUTER JOIN {match} ON {match}.recommendation_id = {recommendation}.id
    AND {match}.status = %s AND {recommendation}.sharing IN (%s, %s)
  LEFT OUTER JOIN {upr} ON {match}.upr_recommendation_id = {upr}.id
WHERE {recommendation}.statement_id = %s
UNION ALL
SELECT 1, {material}.position, {material}.sharing, '', NULL, NULL, NULL, {material}.title,
  {material}.file, {material}.file_type, {material}.public_file, {material}.cleaning,
  NULL, NULL, NULL
FROM {material} WHERE {material}.statement_id = %s
ORDER BY 1, 2, 13"""


def _written_out(template: str, count: int, **parts: str) -> str:
    """One of the queries above for `count` ids."""
    tables = _quoted_tables()
    items = _ITEMS_SQL.format(**tables)
    joins = _JOINS_SQL.format(**tables)
    ids = ", ".join(["%s"] * count)
    return template.format(**tables, items=items, joins=joins, ids=ids, **parts)


@lru_cache(maxsize=64)
def _page_sql(count: int, searching: bool, full_text: bool) -> tuple[str, tuple[Any, ...]]:
    """The query of `public_statements` for `count` ids, and its parameters before the
    ids: the sharing values. For a search, also what its passage is cut from
    (`search.with_passages`): the document, and when PostgreSQL searches in full text
    where its words are and the search's query (with its stand-in)."""
    statement = _quoted_tables()["statement"]
    columns = ""
    if searching:
        passage = fulltext.passage_columns_sql(statement) if full_text else "NULL, ''"
        columns = f", {statement}.search_document, {passage}"
    return _written_out(_PAGE_SQL, count, search=columns), tuple(_ITEMS_PARAMS)


@lru_cache(maxsize=8)
def _recommendation_page_sql(count: int) -> str:
    return _written_out(_RECOMMENDATION_PAGE_SQL, count)


_RECOMMENDATION_COLUMNS = [
    "pk",
    "position",
    "text",
    "theme__name",
    "theme__name_fr",
    "theme__name_es",
    "statement_id",
    "statement__position",
    "statement__sharing",
    "statement__presession__country",
    "statement__presession__series__session__number",
    "statement__application__organisation_name",
    "statement__application__organisation_country",
    "shared_recommendations",
    "shares_an_item",
    "anonymous_item",
]


def public_recommendation_rows(ids: list[int]) -> list[PublicRecommendation]:
    """What the public may see of these recommendations, in this order, as
    `public_recommendations` sees it: their rows, their statements' joins and items in
    one query written out, as `public_statements` reads statements."""
    if not ids:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            _recommendation_page_sql(len(ids)),
            [*_ITEMS_PARAMS, *(str(value) for value in SHARED), *ids],
        )
        found = cursor.fetchall()
    by_id: dict[int, Any] = {}
    items: dict[int, _Items] = {}
    for row in found:
        values = dict(zip(_RECOMMENDATION_COLUMNS, row, strict=True))
        items[values["statement_id"]] = _Items(
            shared_recommendations=values["shared_recommendations"],
            shares_an_item=bool(values["shares_an_item"]),
            anonymous_item=bool(values["anonymous_item"]),
        )
        by_id[values["pk"]] = _light_recommendation_row(values)
    return public_recommendations([by_id[pk] for pk in ids if pk in by_id], items=items)


@lru_cache(maxsize=1)
def _quoted_tables() -> dict[str, str]:
    from applications.models import Application
    from panels.models import UPRRecommendation
    from presessions.models import PreSession, WorkingGroupSession

    models = {
        "match": RecommendationMatch,
        "upr": UPRRecommendation,
        "statement": Statement,
        "recommendation": Recommendation,
        "material": Material,
        "presession": PreSession,
        "series": Series,
        "session": WorkingGroupSession,
        "theme": Theme,
        "application": Application,
    }
    quote = connection.ops.quote_name
    return {name: quote(model._meta.db_table) for name, model in models.items()}


def _aware(value: Any) -> dt.datetime | None:
    """A datetime column read without the ORM: aware, as the model field gives it (SQLite
    hands naive UTC datetimes, or text, to a query written out)."""
    if value is None or (isinstance(value, dt.datetime) and value.tzinfo is not None):
        return value
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value


@dataclass(frozen=True)
class _ThemeNames:
    name: str
    name_fr: str
    name_es: str

    @property
    def label(self) -> str:
        return in_active_language(cast("Any", self), "name")

    @classmethod
    def of(cls, row: dict[str, Any]) -> _ThemeNames | None:
        """The theme of a row of plain values, or None."""
        if row["theme__name"] is None:
            return None
        return cls(row["theme__name"], row["theme__name_fr"], row["theme__name_es"])


def light_rows(rows: QuerySet[Statement]) -> list[SimpleNamespace]:
    """The rows of a list of statements read as plain values, shaped as the model rows
    that `public_page` reads (statement.presession.country, .application...), for the
    same rules at a fraction of the cost of building five model objects per row. With
    the annotations of a search's passages (`search.with_passages`) when it has them."""
    annotations = [name for name in _PASSAGE_COLUMNS if name in rows.query.annotations]
    return [
        _light_row(row, {name: row[name] for name in annotations})
        for row in rows.values(*_PUBLIC_FIELDS, *annotations)
    ]


def _light_row(row: dict[str, Any], extra: dict[str, Any]) -> SimpleNamespace:
    """A row of `_PUBLIC_FIELDS` shaped as the model rows that `public_page` reads."""
    series = SimpleNamespace(
        session=SimpleNamespace(number=row["presession__series__session__number"])
    )
    return SimpleNamespace(
        pk=row["pk"],
        position=row["position"],
        language=row["language"],
        text=row["text"],
        sharing=row["sharing"],
        file=row["file"],
        file_type=row["file_type"],
        public_file=row["public_file"],
        cleaning=row["cleaning"],
        published_at=row["published_at"],
        presession=SimpleNamespace(country=_country(row["presession__country"]), series=series),
        theme=_ThemeNames.of(row),
        application=SimpleNamespace(
            organisation_name=row["application__organisation_name"],
            organisation_country=_country(row["application__organisation_country"]),
        ),
        **extra,
    )


@lru_cache(maxsize=1000)
def _country(code: str) -> Country:
    """A country of a row read as plain values: some 250 of them, thousands of rows (a
    Country is only read, and costs a lookup of its code to make)."""
    return Country(code)


def recommendation_page(filters: Filters, number: str | None, per_page: int) -> Page:
    """One page of the public recommendations, as PublicRecommendation: the rows of the
    page found by their ids, then read with their statements' items in one query."""
    # The page's rows found by their ids first, then read with what they show: a deep page
    # skips thousands of rows, which cost least without the joins of the shown columns.
    held = _held_recommendation_ids(filters)
    if held is not None:
        page: Page[Any] = Paginator(held, per_page).get_page(number)
        page.object_list = public_recommendation_rows(list(page.object_list))
        return page
    listed = _listed_as_filtered("recommendations", filters)
    page, ids = _counted_page(listed, f"recommendation-count:{filters!r}", number, per_page)
    page.object_list = public_recommendation_rows(ids)
    return page


# The filters of the recommendations whose ids are held, and the column each one reads.
_HELD_FILTERS = {
    "series": "statement__presession__series__session__number",
    "country": "statement__presession__country",
    "theme": "theme",
}


class _HeldIds(NamedTuple):
    every: array[int]  # of every public recommendation, in the order of the pages
    by: dict[str, dict[Any, array[int]]]  # for each filter, for each value, in that order


def _held_recommendation_ids(filters: Filters) -> array[int] | None:
    """The ids of the recommendations these filters find, in order, when they are all of
    them or those of one series, one country or one theme: held once per version, since
    the database would sort them all (their order is their statements') for each page.
    None for any other filters (two of them, which `filter_recommendations` combines)."""
    given = [each.name for each in fields(filters) if getattr(filters, each.name)]
    if len(given) > 1 or (given and given[0] not in _HELD_FILTERS):
        return None
    # Named anew whenever its shape changes: a value of an earlier shape, left in the
    # shared cache by the release before, is then never read.
    held: _HeldIds = page_cache.cached_value(
        "recommendation-ids-by-filter", _recommendation_ids_by_filter, per_language=False
    )
    if not given:
        return held.every
    return held.by[given[0]].get(getattr(filters, given[0]), array("q"))


def _recommendation_ids_by_filter() -> _HeldIds:
    """The ids of every public recommendation in the order of the pages, and of those of
    each series, country and theme (8 bytes each, four times)."""
    rows = recommendations().values_list("pk", *_HELD_FILTERS.values())
    sql, params = rows.query.sql_with_params()
    every = array("q")
    by: dict[str, dict[Any, array[int]]] = {name: {} for name in _HELD_FILTERS}
    for pk, *values in _fetch(sql, params):
        every.append(pk)
        for name, value in zip(_HELD_FILTERS, values, strict=True):
            by[name].setdefault(value, array("q")).append(pk)
    return _HeldIds(every, by)


def series_choices() -> list[tuple[int, str]]:
    """The series that have published statements, newest first."""
    return page_cache.cached_value("series", _series_choices)


def _series_choices() -> list[tuple[int, str]]:
    published = Statement.objects.filter(
        presession__series=OuterRef("pk"), published_at__isnull=False
    )
    return [
        (s.session.number, str(s))
        for s in Series.objects.filter(Exists(published))
        .select_related("session")
        .order_by("-session__number")
    ]


def country_choices() -> list[tuple[str, str]]:
    """The States under Review that have published statements, by name."""
    return page_cache.cached_value("countries", _country_choices)


def _country_choices() -> list[tuple[str, str]]:
    # values_list gives the countries' codes (mypy's Django plugin takes them for Countries).
    codes = cast(
        "QuerySet[Statement, str]",
        Statement.objects.filter(published_at__isnull=False)
        .order_by()
        .values_list("presession__country", flat=True)
        .distinct(),
    )
    return sorted(((code, countries.name(code)) for code in codes), key=lambda c: c[1])


def theme_choices() -> list[tuple[int, str]]:
    """Every theme, by its name in the visitor's language."""
    return page_cache.cached_value("themes", _theme_choices)


def _theme_choices() -> list[tuple[int, str]]:
    themes = [(theme.pk, theme.label) for theme in Theme.objects.all()]
    return sorted(themes, key=lambda choice: collation_key(choice[1]))


# What the pages show ---------------------------------------------------------------------


@dataclass(frozen=True)
class PublicItem:
    position: int
    title: str
    file_name: str  # the neutral public name, never the uploaded one
    url: str  # empty in the speaker's preview, where nothing is downloadable yet


MIXED = "mixed"


@dataclass(frozen=True)
class Uptake:
    """What the review made of a shared recommendation: the States that raised it (its
    confirmed matches) and the response to what they recommended."""

    states: tuple[str, ...]  # alpha-2 codes
    response: str  # supported, noted, mixed, or "" when the record does not say

    @property
    def state_names(self) -> str:
        """The States' names in the active language, by name, separated by commas."""
        language = get_language()
        names = [country_name(code, language) for code in self.states]
        return ", ".join(sorted(names, key=collation_key))

    @classmethod
    def of(cls, matches: Sequence[RecommendationMatch]) -> Uptake | None:
        if not matches:
            return None
        states = tuple(dict.fromkeys(str(m.upr_recommendation.recommending_state) for m in matches))
        responses = {m.upr_recommendation.response for m in matches} - {""}
        response = MIXED if len(responses) > 1 else next(iter(responses), "")
        return cls(states, response)


@dataclass(frozen=True)
class PublicRecommendation:
    position: int
    text: str
    theme: str
    statement_url: str
    country: Country
    series_number: int
    organisation: str
    # Only on a statement's own page: None elsewhere, and when no match is confirmed.
    uptake: Uptake | None = None


@dataclass(frozen=True)
class PublicStatement:
    series_number: int
    country: Country
    position: int
    organisation: str
    named_organisation: str  # empty unless the organisation may be named
    organisation_country: Country
    theme: str
    language: str
    text: str
    file: PublicItem | None
    published_at: dt.datetime | None  # None in the preview of an unpublished statement
    recommendation_count: int
    recommendations: list[PublicRecommendation] = field(default_factory=list)
    materials: list[PublicItem] = field(default_factory=list)
    highlight: SafeString | None = None

    def get_absolute_url(self) -> str:
        return statement_url(self.series_number, alpha3_of(self.country.code), self.position)

    @property
    def title(self) -> str:
        language = get_language()
        if self.named_organisation:
            return _("%(country)s: statement by %(organisation)s") % {
                "country": country_name(self.country.code, language),
                "organisation": self.named_organisation,
            }
        return _("%(country)s: statement by an organisation from %(origin)s") % {
            "country": country_name(self.country.code, language),
            "origin": country_name(self.organisation_country.code, language),
        }


@lru_cache(maxsize=1000)
def country_name(code: str, language: str | None) -> str:
    """A country's name in a language (the lists name thousands, of some 250 countries)."""
    with override(language):
        return str(Country(code).name)


@lru_cache(maxsize=1000)
def alpha3_of(code: str) -> str:
    """A country's three letters, as `Country(code).alpha3` gives them (a list gives them
    for each of its rows, of some 250 countries)."""
    return countries.alpha3(code)


def statement_url(number: int, alpha3: str, position: int) -> str:
    code = alpha3.lower()
    if not (code.isascii() and code.isalpha()):
        return reverse(
            "panels:statement", kwargs={"number": number, "code": code, "position": position}
        )
    return _statement_path(get_language(), get_script_prefix()).format(
        number=int(number), code=code, position=int(position)
    )


_SENTINELS = {"number": 918273645, "code": "qqqqq", "position": 546372819}


@lru_cache(maxsize=64)
def _statement_path(language: str | None, prefix: str) -> str:
    """The address of a statement in a language, with its parts as format fields: a list
    links to twenty statements, and `reverse` costs some 0.08 ms each. Numbers and
    plain letters come out of `reverse` as they went in, so they can be put in after."""
    path = reverse("panels:statement", kwargs=_SENTINELS)
    path = path.replace("{", "{{").replace("}", "}}")
    for name, value in _SENTINELS.items():
        assert path.count(str(value)) == 1, path
        path = path.replace(str(value), "{" + name + "}")
    return path


def _organisation(application, named: bool) -> str:
    if named:
        return application.organisation_name
    return _("An organisation from %(country)s") % {
        "country": application.organisation_country.name
    }


def _file_is_public(item: Statement | Material, named: bool) -> bool:
    """A shared item's file is public as it is when the organisation is named, else only
    through its copy without the author's details."""
    if not item.file or not item.file_type:
        return False
    return named or (item.cleaning == Cleaning.CLEANED and bool(item.public_file))


def _public_item(
    statement: Statement, material: Material | None, *, base: str, links: bool
) -> PublicItem:
    number = statement.presession.series.session.number
    alpha3 = alpha3_of(statement.presession.country.code)
    position = material.position if material else None
    name = public_files.public_name(
        number=number,
        alpha3=alpha3,
        position=statement.position,
        kind=(material or statement).file_type,
        material=position,
    )
    if material is None:
        return PublicItem(0, _("Statement"), name, base + "file/" if links else "")
    title = material.title or public_files.item_label(material.position)
    url = f"{base}materials/{material.position}/" if links else ""
    return PublicItem(material.position, title, name, url)


def _public_statement(
    statement: Statement,
    *,
    named: bool,
    recommendation_count: int,
    recommendations: Sequence[Recommendation] = (),
    materials: Sequence[Material] = (),
    words: str = "",
    links: bool = True,
) -> PublicStatement:
    number = statement.presession.series.session.number
    country = statement.presession.country
    base = statement_url(number, alpha3_of(country.code), statement.position)
    shared_text = statement.sharing in SHARED
    organisation = _organisation(statement.application, named)
    file = None
    if shared_text and _file_is_public(statement, named):
        file = _public_item(statement, None, base=base, links=links)
    highlight = None
    if words:
        highlight = search.passage(
            getattr(statement, "document", ""),
            getattr(statement, "words", None),
            getattr(statement, "query", ""),
            words,
        )
    return PublicStatement(
        series_number=number,
        country=country,
        position=statement.position,
        organisation=organisation,
        named_organisation=statement.application.organisation_name if named else "",
        organisation_country=statement.application.organisation_country,
        theme=statement.theme.label if statement.theme else "",
        language=statement.language,
        text=statement.text if shared_text else "",
        file=file,
        published_at=statement.published_at,
        recommendation_count=recommendation_count,
        recommendations=[
            PublicRecommendation(
                position=r.position,
                text=r.text,
                theme=r.theme.label if r.theme else "",
                statement_url=base,
                country=country,
                series_number=number,
                organisation=organisation,
                uptake=Uptake.of(getattr(r, "confirmed_matches", ())),
            )
            for r in recommendations
            if r.sharing in SHARED
        ],
        materials=[
            _public_item(statement, m, base=base, links=links)
            for m in materials
            if m.sharing in SHARED and _file_is_public(m, named)
        ],
        highlight=highlight,
    )


def public_page(rows, *, words: str = "") -> list[PublicStatement]:
    """What the public may see of a page of `statements()` rows: each checked against its
    items (one query), rows with nothing shared left out."""
    rows = list(rows)
    items = _items_of([row.pk for row in rows])
    page = []
    for row in rows:
        shows, named = _allows(row, items[row.pk])
        if shows:
            page.append(
                _public_statement(
                    row,
                    named=named,
                    recommendation_count=items[row.pk].shared_recommendations,
                    words=words,
                )
            )
    return page


def light_recommendation_rows(rows: QuerySet[Recommendation]) -> list[SimpleNamespace]:
    """The rows of a list of `recommendations()` read as plain values, shaped as the
    model rows that `public_recommendations` reads, as `light_rows` does for statements."""
    return [
        _light_recommendation_row(row)
        for row in rows.values("statement_id", *_PUBLIC_RECOMMENDATION_FIELDS)
    ]


def _light_recommendation_row(row: dict[str, Any]) -> SimpleNamespace:
    number = row["statement__presession__series__session__number"]
    statement = SimpleNamespace(
        pk=row["statement_id"],
        position=row["statement__position"],
        sharing=row["statement__sharing"],
        presession=SimpleNamespace(
            country=_country(row["statement__presession__country"]),
            series=SimpleNamespace(session=SimpleNamespace(number=number)),
        ),
        application=SimpleNamespace(
            organisation_name=row["statement__application__organisation_name"],
            organisation_country=_country(row["statement__application__organisation_country"]),
        ),
    )
    return SimpleNamespace(
        position=row["position"],
        text=row["text"],
        theme=_ThemeNames.of(row),
        statement_id=row["statement_id"],
        statement=statement,
    )


def public_recommendations(
    rows, *, items: dict[int, _Items] | None = None
) -> list[PublicRecommendation]:
    """What the public may see of a page of `recommendations()` rows (one query more,
    unless their statements' items are given)."""
    rows = list(rows)
    if items is None:
        items = _items_of(list({row.statement_id for row in rows}))
    page = []
    for row in rows:
        statement = row.statement
        _shows, named = _allows(statement, items[statement.pk])
        number = statement.presession.series.session.number
        country = statement.presession.country
        page.append(
            PublicRecommendation(
                position=row.position,
                text=row.text,
                theme=row.theme.label if row.theme else "",
                statement_url=statement_url(number, alpha3_of(country.code), statement.position),
                country=country,
                series_number=number,
                organisation=_organisation(statement.application, named),
            )
        )
    return page


def _one(number: int, alpha2: str, position: int) -> QuerySet[Statement]:
    return statements().filter(
        presession__series__session__number=number, presession__country=alpha2, position=position
    )


def statement_detail(number: int, alpha2: str, position: int) -> PublicStatement | None:
    """One published statement with its shared recommendations, what the review made of
    them, and its materials, or None when there is nothing public at that address: two
    queries written out (the statement, then its items), read as `_detail` reads the
    model rows of `_with_items`."""
    if not (0 <= number < _RANGES["series"] and 0 <= position < _POSITION_END):
        return None  # beyond the columns: nothing there (SQLite refuses such a number)
    statement_sql, items_sql = _detail_sql()
    with connection.cursor() as cursor:
        cursor.execute(statement_sql, [*_ITEMS_PARAMS, number, alpha2, position])
        found = cursor.fetchone()
        if found is None:
            return None
        values = dict(zip(_PAGE_COLUMNS, found, strict=True))
        values["published_at"] = _aware(values["published_at"])
        row = _light_row(values, {})
        cursor.execute(
            items_sql,
            [str(MatchStatus.CONFIRMED), *_ITEMS_PARAMS[:2], row.pk, row.pk],
        )
        lines = cursor.fetchall()
    recommendations, materials = _detail_items(lines)
    return _detail_of(row, recommendations, materials, links=True)


@lru_cache(maxsize=1)
def _detail_sql() -> tuple[str, str]:
    return _written_out(_DETAIL_SQL, 0, search=""), _DETAIL_ITEMS_SQL.format(**_quoted_tables())


def _detail_items(lines: list[tuple]) -> tuple[list[SimpleNamespace], list[SimpleNamespace]]:
    """The lines of `_DETAIL_ITEMS_SQL` as the recommendations (with their confirmed
    matches) and the materials that `_detail` reads of the model rows."""
    recommendations: dict[int, SimpleNamespace] = {}
    materials = []
    for line in lines:
        kind, position, sharing, text = line[:4]
        if kind == 1:
            title, file, file_type, public_file, cleaning = line[7:12]
            materials.append(
                SimpleNamespace(
                    position=position,
                    sharing=sharing,
                    title=title,
                    file=file,
                    file_type=file_type,
                    public_file=public_file,
                    cleaning=cleaning,
                )
            )
            continue
        if position not in recommendations:
            recommendations[position] = SimpleNamespace(
                position=position,
                sharing=sharing,
                text=text,
                theme=_ThemeNames.of(dict(zip(_THEME_COLUMNS, line[4:7], strict=True))),
                confirmed_matches=[],
            )
        match, state, response = line[12:15]
        if match is not None:
            upr = SimpleNamespace(recommending_state=state, response=response)
            recommendations[position].confirmed_matches.append(
                SimpleNamespace(upr_recommendation=upr)
            )
    return list(recommendations.values()), materials


def _with_items(rows: QuerySet[Statement]) -> QuerySet[Statement]:
    # The confirmed matches of the shared recommendations only: a recommendation kept
    # private says nothing, not even that the review raised it.
    confirmed = (
        RecommendationMatch.objects.filter(
            status=MatchStatus.CONFIRMED, recommendation__sharing__in=SHARED
        )
        .select_related("upr_recommendation")
        .only(
            "recommendation_id",
            "upr_recommendation__recommending_state",
            "upr_recommendation__response",
        )
        .order_by("pk")
    )
    return rows.prefetch_related(
        Prefetch(
            "recommendations",
            queryset=Recommendation.objects.select_related("theme").prefetch_related(
                Prefetch("matches", queryset=confirmed, to_attr="confirmed_matches")
            ),
        ),
        "materials",
    )


def _named_with(row: Statement, items: list[Recommendation | Material]) -> bool:
    return row.sharing != Sharing.ANONYMOUS and all(
        item.sharing != Sharing.ANONYMOUS for item in items
    )


def _detail(row: Statement, *, links: bool) -> PublicStatement | None:
    return _detail_of(row, list(row.recommendations.all()), list(row.materials.all()), links=links)


def _detail_of(
    row: Any, recommendations: list, materials: list, *, links: bool
) -> PublicStatement | None:
    shared = [item for item in recommendations + materials if item.sharing in SHARED]
    if row.sharing not in SHARED and not shared:
        return None
    return _public_statement(
        row,
        named=_named_with(row, recommendations + materials),
        recommendation_count=sum(1 for r in recommendations if r.sharing in SHARED),
        recommendations=recommendations,
        materials=materials,
        links=links,
    )


def statement_preview(statement: Statement) -> PublicStatement | None:
    """What the public sees of this statement, or will see once it is published: the
    same rules and the same file names as `statement_detail`, published or not, without
    links to files that cannot be downloaded yet (four queries). None when the speaker
    shares nothing."""
    row = _with_items(_rows().filter(pk=statement.pk)).first()
    if row is None:
        return None
    return _detail(row, links=row.published_at is not None)


def withheld_files(statement: Statement) -> list[public_files.WithheldFile]:
    """The shared files the public does not get, because the organisation is not named
    and they cannot be cleaned of their author's details (for the speaker and staff)."""
    materials = list(statement.materials.all())
    items: list[Recommendation | Material] = [*statement.recommendations.all(), *materials]
    if _named_with(statement, items):
        return []
    reference = statement.application.reference
    withheld = [
        public_files.WithheldFile(reference, material.position, material.cleaning)
        for material in materials
        if material.sharing in SHARED and material.file and not _file_is_public(material, False)
    ]
    if statement.sharing in SHARED and statement.file and not _file_is_public(statement, False):
        withheld.insert(0, public_files.WithheldFile(reference, None, statement.cleaning))
    return withheld


@dataclass(frozen=True)
class Download:
    file: FieldFile  # the original, or its copy without the author's details
    stem: str  # the neutral name, without its extension
    kind: str  # the type detected from the content


def downloadable_file(number: int, alpha2: str, position: int, item: int | None) -> Download | None:
    """The file the public gets for a shared file of a published statement (item None:
    the statement's own file; else a material's number), or None (three queries)."""
    statement = _one(number, alpha2, position).first()
    if statement is None:
        return None
    shows, named = _allows(statement, _items_of([statement.pk])[statement.pk])
    if not shows:
        return None
    owner: Statement | Material | None = statement
    if item is None:
        if statement.sharing not in SHARED:
            return None
    else:
        owner = Material.objects.filter(
            statement=statement, position=item, sharing__in=SHARED
        ).first()
    if owner is None or not _file_is_public(owner, named):
        return None
    stem = public_files.public_stem(
        number=number, alpha3=statement.presession.country.alpha3, position=position, material=item
    )
    return Download(owner.file if named else owner.public_file, stem, owner.file_type)
