"""What the review that followed a series made of the recommendations its CSOs
presented: per State under Review and per theme, how many were presented, how many the
review raised (a confirmed match) and how many of those the State supported. One query
whatever the number of recommendations; staff figures, consent aside (nothing is public)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any, cast

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from django_countries import countries

from panels.enums import MatchStatus, RecordResponse
from panels.models import Recommendation, RecommendationMatch
from presessions.models.calendar import in_active_language


@dataclass(frozen=True)
class UptakeRow:
    label: str
    presented: int
    matched: int  # raised at the review: at least one confirmed match
    supported: int  # of those, with at least one supported match

    @property
    def matched_share(self) -> int:
        """The matched recommendations, in per cent of those presented."""
        return round(100 * self.matched / self.presented) if self.presented else 0


@dataclass(frozen=True)
class SeriesUptake:
    total: UptakeRow
    by_country: tuple[UptakeRow, ...]
    by_theme: tuple[UptakeRow, ...]
    proposals_to_decide: int


def _theme_label(row: Mapping[str, Any], prefix: str) -> str | None:
    if row[f"{prefix}name"] is None:
        return None
    theme = SimpleNamespace(
        name=row[f"{prefix}name"], name_fr=row[f"{prefix}name_fr"], name_es=row[f"{prefix}name_es"]
    )
    return in_active_language(cast("Any", theme), "name")


def _rows(counts: dict[str, list[int]]) -> tuple[UptakeRow, ...]:
    return tuple(
        UptakeRow(label, *numbers)
        for label, numbers in sorted(counts.items(), key=lambda item: (-item[1][0], item[0]))
    )


def series_uptake(series_id: int) -> SeriesUptake:
    """The uptake of a series' recommendations (published or not), one query. A
    recommendation without a theme counts under its statement's main theme."""
    confirmed = RecommendationMatch.objects.filter(
        recommendation=OuterRef("pk"), status=MatchStatus.CONFIRMED
    )
    proposed = RecommendationMatch.objects.filter(
        recommendation=OuterRef("pk"), status=MatchStatus.PROPOSED
    )
    rows = (
        Recommendation.objects.filter(statement__presession__series=series_id)
        .annotate(
            matched=Exists(confirmed),
            supported=Exists(
                confirmed.filter(upr_recommendation__response=RecordResponse.SUPPORTED)
            ),
            to_decide=Exists(proposed),
        )
        .order_by()
        .values(
            "statement__presession__country",
            "theme__name",
            "theme__name_fr",
            "theme__name_es",
            "statement__theme__name",
            "statement__theme__name_fr",
            "statement__theme__name_es",
            "matched",
            "supported",
            "to_decide",
        )
    )
    by_country: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    by_theme: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    total = [0, 0, 0]
    to_decide = 0
    for row in rows:
        theme = (
            _theme_label(row, "theme__") or _theme_label(row, "statement__theme__") or _("No theme")
        )
        country = str(countries.name(str(row["statement__presession__country"])))
        for counts in (by_country[country], by_theme[theme], total):
            counts[0] += 1
            counts[1] += row["matched"]
            counts[2] += row["matched"] and row["supported"]
        to_decide += row["to_decide"]
    return SeriesUptake(
        total=UptakeRow(_("All recommendations"), *total),
        by_country=_rows(by_country),
        by_theme=_rows(by_theme),
        proposals_to_decide=to_decide,
    )
