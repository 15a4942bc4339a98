"""Reads of the UPR record for the public pages (and the read API): frozen data, never
model rows, each list in a fixed number of queries whatever its length.

Everything in the record is public already (the UN publishes it); these reads are still
the one door to it, so that the pages and the API say the same."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, cast

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.utils.safestring import SafeString
from django_countries import countries

from applications.forms import collation_key
from panels import fulltext
from panels.enums import RecordResponse
from panels.models import UPRRecommendation
from presessions.models import Theme
from presessions.models.calendar import in_active_language

_NEWEST_FIRST = ("-session", "state_under_review", "recommending_state", "pk")


@dataclass(frozen=True)
class ThemeName:
    pk: int
    name: str
    name_fr: str
    name_es: str

    @property
    def label(self) -> str:
        return in_active_language(cast("Any", self), "name")


@dataclass(frozen=True)
class State:
    code: str

    @property
    def name(self) -> str:
        """In the active language (django-countries translates it)."""
        return str(countries.name(self.code))

    @property
    def alpha3(self) -> str:
        return str(countries.alpha3(self.code))


@dataclass(frozen=True)
class Entry:
    """One recommendation as the public reads it."""

    pk: int
    text: str
    state_under_review: State
    recommending_state: State
    session: int
    cycle: int
    response: str
    action_category: int | None
    themes: tuple[ThemeName, ...]
    # The passage matching a search, its words marked; None outside a search.
    excerpt: SafeString | None = None

    @property
    def response_label(self) -> str:
        return str(RecordResponse(self.response).label) if self.response else ""


@dataclass(frozen=True)
class Filters:
    state_under_review: str = ""
    recommending_state: str = ""
    theme: int | None = None
    cycle: int | None = None
    session: int | None = None
    # A RecordResponse value, or "" for any response.
    response: str = ""
    text: str = ""


@dataclass(frozen=True)
class StateCount:
    state: State
    count: int
    supported: int = 0
    noted: int = 0


@dataclass(frozen=True)
class ThemeCount:
    theme: ThemeName
    count: int


def _filtered(filters: Filters) -> QuerySet[UPRRecommendation]:
    rows = UPRRecommendation.objects.all()
    if filters.state_under_review:
        rows = rows.filter(state_under_review=filters.state_under_review)
    if filters.recommending_state:
        rows = rows.filter(recommending_state=filters.recommending_state)
    if filters.theme:
        rows = rows.filter(themes=filters.theme)
    if filters.cycle:
        rows = rows.filter(cycle=filters.cycle)
    if filters.session:
        rows = rows.filter(session=filters.session)
    if filters.response:
        rows = rows.filter(response=filters.response)
    if filters.text:
        rows = fulltext.search(rows, filters.text, newest_first=_NEWEST_FIRST)
    else:
        rows = rows.order_by(*_NEWEST_FIRST)
    return rows


def entry_page(filters: Filters, number: str | int | None, per_page: int) -> Page:
    """A page of the recommendations matching the filters, best match (or newest session)
    first, as Entry. Four queries: the count, the page's ids, its rows, their themes."""
    ids = _filtered(filters).values_list("pk", flat=True)
    page: Page[Any] = Paginator(ids, per_page).get_page(number)
    page.object_list = entries(list(page.object_list), text=filters.text)
    return page


def entries(ids: list[int], *, text: str = "") -> list[Entry]:
    """These recommendations, in this order, as Entry (with the excerpt of a search)."""
    rows = UPRRecommendation.objects.filter(pk__in=ids)
    if text:
        rows = fulltext.with_passages(rows, text)
    fields = ["pk", "text", "state_under_review", "recommending_state", "session", "cycle",
              "response", "action_category"]  # fmt: skip
    extra = [name for name in ("document", "words", "query") if name in rows.query.annotations]
    by_id = {row["pk"]: row for row in rows.values(*fields, *extra)}
    themes = _themes_of(list(by_id))
    found = []
    for pk in ids:
        row = by_id.get(pk)
        if row is None:
            continue
        excerpt = (
            fulltext.passage(row["document"], row["words"], row["query"], text) if text else None
        )
        found.append(
            Entry(
                pk=pk,
                text=row["text"],
                state_under_review=State(str(row["state_under_review"])),
                recommending_state=State(str(row["recommending_state"])),
                session=row["session"],
                cycle=row["cycle"],
                response=row["response"],
                action_category=row["action_category"],
                themes=themes.get(pk, ()),
                excerpt=excerpt,
            )
        )
    return found


def _themes_of(ids: list[int]) -> dict[int, tuple[ThemeName, ...]]:
    through = UPRRecommendation.themes.through.objects.filter(uprrecommendation_id__in=ids)
    found: dict[int, list[ThemeName]] = {}
    for pk, theme_id, name, name_fr, name_es in through.order_by("theme__name").values_list(
        "uprrecommendation_id", "theme_id", "theme__name", "theme__name_fr", "theme__name_es"
    ):
        found.setdefault(pk, []).append(ThemeName(theme_id, name, name_fr, name_es))
    return {pk: tuple(names) for pk, names in found.items()}


def count_by_theme(filters: Filters) -> list[ThemeCount]:
    """How many of the matching recommendations each theme has (whatever the theme
    filter), most first. One query."""
    rows = _filtered(replace(filters, theme=None)).order_by()
    counted = (
        rows.filter(themes__isnull=False)
        .values("themes", "themes__name", "themes__name_fr", "themes__name_es")
        .annotate(count=Count("pk"))
        .order_by("-count", "themes__name")
    )
    return [
        ThemeCount(
            ThemeName(r["themes"], r["themes__name"], r["themes__name_fr"], r["themes__name_es"]),
            r["count"],
        )
        for r in counted
    ]


def count_by_state(filters: Filters, *, field: str) -> list[StateCount]:
    """How many of the matching recommendations each State made (field
    "recommending_state") or received ("state_under_review"), whatever that field's own
    filter, with how many were supported and noted, most first. One query."""
    unfiltered = (
        replace(filters, recommending_state="")
        if field == "recommending_state"
        else replace(filters, state_under_review="")
    )
    rows = _filtered(unfiltered).order_by()
    counted = (
        rows.values(field)
        .annotate(
            count=Count("pk"),
            supported=Count("pk", filter=Q(response=RecordResponse.SUPPORTED)),
            noted=Count("pk", filter=Q(response=RecordResponse.NOTED)),
        )
        .order_by("-count", field)
    )
    found = [
        StateCount(State(str(r[field])), r["count"], r["supported"], r["noted"]) for r in counted
    ]
    # Most first, then by name in the reader's language ("Égypte" with the E's).
    return sorted(found, key=lambda row: (-row.count, collation_key(row.state.name)))


def who_to_approach(state_under_review: str, theme: int) -> list[StateCount]:
    """The States that recommended on this theme to this State under Review, with how
    many times (and how many of those the State supported), most first: whom a CSO of
    that country working on that theme may ask for support. One query."""
    return count_by_state(
        Filters(state_under_review=state_under_review, theme=theme), field="recommending_state"
    )


def theme_names() -> list[ThemeName]:
    """Every theme of the taxonomy, retired ones too (the record is older than them)."""
    return [
        ThemeName(*row)
        for row in Theme.objects.order_by("name").values_list("pk", "name", "name_fr", "name_es")
    ]


def theme_name(pk: int) -> ThemeName | None:
    row = Theme.objects.filter(pk=pk).values_list("pk", "name", "name_fr", "name_es").first()
    return ThemeName(*row) if row else None


def states_in_record() -> tuple[list[StateCount], list[StateCount]]:
    """(the States under Review, the recommending States) of the record, each with how
    many recommendations it received or made. Two queries."""
    return (
        count_by_state(Filters(), field="state_under_review"),
        count_by_state(Filters(), field="recommending_state"),
    )
