"""The public figures of what the review that followed a series made of the
recommendations its CSOs presented: per State under Review and per theme, how many were
presented, how many the review raised (at least one confirmed match) and how many of
those the State supported.

Only what the public may read counts: the recommendations of `published.recommendations()`
(shared by their speaker, of a statement published by a coordinator), so a recommendation
kept private, or of a statement not published or withdrawn, is not even a number here.
The figures are counts by State and theme, never a name. The staff figures, consent
aside, are `panels.series_page.uptake`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

from django.db.models import Exists, OuterRef
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from applications.forms import collation_key
from panels.enums import MatchStatus, RecordResponse
from panels.models import RecommendationMatch
from panels.statements import page_cache, published
from presessions.models.calendar import in_active_language


@dataclass(frozen=True)
class UptakeRow:
    label: str
    presented: int
    raised: int  # at least one confirmed match
    supported: int  # of those raised, with at least one supported match
    # What the row counts, for the link to the statements filtered on it.
    country: str = ""  # alpha-2, on a row of a State under Review
    theme_id: int | None = None  # on a row of a theme

    @property
    def raised_share(self) -> int:
        """The raised recommendations, in per cent of those presented."""
        return round(100 * self.raised / self.presented) if self.presented else 0


@dataclass(frozen=True)
class PublicUptake:
    series_number: int
    total: UptakeRow
    by_country: tuple[UptakeRow, ...]
    by_theme: tuple[UptakeRow, ...]

    @property
    def has_figures(self) -> bool:
        """True once the review raised at least one of the public recommendations: until
        then there is nothing to show but zeros."""
        return self.total.raised > 0


@dataclass(frozen=True)
class _Theme:
    name: str
    name_fr: str
    name_es: str

    @property
    def label(self) -> str:
        return in_active_language(cast("Any", self), "name")


def _theme_of(row: Mapping[str, Any], prefix: str) -> tuple[int, _Theme] | None:
    if row[f"{prefix}id"] is None:
        return None
    names = _Theme(row[f"{prefix}name"], row[f"{prefix}name_fr"], row[f"{prefix}name_es"])
    return row[f"{prefix}id"], names


def series_uptake(number: int) -> PublicUptake:
    """The public uptake of the series before Working Group session `number`, per
    language for each version of the published lists (a decided match renews them):
    one query when not cached, whatever the number of recommendations. A
    recommendation without a theme counts under its statement's main theme, as in the
    staff figures."""
    return page_cache.cached_value(f"review-uptake:{number}", lambda: _series_uptake(number))


def _series_uptake(number: int) -> PublicUptake:
    confirmed = RecommendationMatch.objects.filter(
        recommendation=OuterRef("pk"), status=MatchStatus.CONFIRMED
    )
    rows = (
        published.recommendations()
        .filter(statement__presession__series__session__number=number)
        .annotate(
            raised=Exists(confirmed),
            supported=Exists(
                confirmed.filter(upr_recommendation__response=RecordResponse.SUPPORTED)
            ),
        )
        .order_by()
        .values(
            "statement__presession__country",
            "theme__id",
            "theme__name",
            "theme__name_fr",
            "theme__name_es",
            "statement__theme__id",
            "statement__theme__name",
            "statement__theme__name_fr",
            "statement__theme__name_es",
            "raised",
            "supported",
        )
    )
    by_country: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    by_theme: dict[int | None, list[int]] = defaultdict(lambda: [0, 0, 0])
    theme_labels: dict[int | None, str] = {None: _("No theme")}
    total = [0, 0, 0]
    for row in rows:
        theme = _theme_of(row, "theme__") or _theme_of(row, "statement__theme__")
        theme_id = theme[0] if theme else None
        if theme is not None and theme_id not in theme_labels:
            theme_labels[theme_id] = theme[1].label
        country = str(row["statement__presession__country"])
        for counts in (by_country[country], by_theme[theme_id], total):
            counts[0] += 1
            counts[1] += row["raised"]
            counts[2] += row["raised"] and row["supported"]
    language = get_language()
    countries = [
        _row(published.country_name(code, language), counts, country=code)
        for code, counts in by_country.items()
    ]
    themes = [_row(theme_labels[pk], counts, theme_id=pk) for pk, counts in by_theme.items()]
    return PublicUptake(
        series_number=number,
        total=_row(_("All recommendations"), total),
        by_country=_ordered(countries),
        by_theme=_ordered(themes),
    )


def _row(label: str, counts: list[int], **what: Any) -> UptakeRow:
    presented, raised, supported = counts
    return UptakeRow(label, presented, raised, supported, **what)


def _ordered(rows: list[UptakeRow]) -> tuple[UptakeRow, ...]:
    """The most presented first, then by name."""
    return tuple(sorted(rows, key=lambda row: (-row.presented, collation_key(row.label))))
