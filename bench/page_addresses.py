"""The addresses that bench/pages.py asks for, page by page: a few dozen to serve from
the cache, and up to 6,000 distinct ones never asked before, all valid, drawn from the
database (statements, searches made of their own words, filters and pages that exist)."""

from __future__ import annotations

import math
import random
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from urllib.parse import urlencode

LANGUAGES = ("en", "fr", "es")
CACHED_ADDRESSES = 30
COLD_ADDRESSES = 6000


@dataclass
class Page:
    name: str
    cached: list[str]
    cold: list[str]
    note: str = ""  # why the cold list is short, when it is


def _in_languages(paths: list[str], rng: random.Random) -> list[str]:
    """Every path in each language, shuffled."""
    addresses = [f"/{language}{path}" for path in paths for language in LANGUAGES]
    rng.shuffle(addresses)
    return addresses


def _page(name: str, cached: list[str], cold: list[str], what: str = "") -> Page:
    cold = list(dict.fromkeys(cold))[:COLD_ADDRESSES]
    note = f"only {len(cold):,} distinct addresses ({what})" if what else ""
    return Page(name, cached[:CACHED_ADDRESSES], cold, note)


_WORD = re.compile(r"[^\W\d_]{4,}")
_COMMON = {"that", "with", "from", "their", "have", "this", "been", "which", "they", "were",
           "when", "only", "into", "more", "than", "also", "them", "there", "where", "would",
           "should", "does", "other", "after", "without", "those", "every", "these", "must",
           "still", "most", "such", "very", "even", "before", "while"}  # fmt: skip


def _search_queries(documents: list[str], rng: random.Random) -> tuple[list[str], list[str]]:
    """Queries made of the statements' own words: single words, and pairs of words of one
    statement; the second list only those with more than one page of results."""
    words_of = [set(_WORD.findall(text.lower())) - _COMMON for text in documents]
    holders: defaultdict[str, set[int]] = defaultdict(set)
    for index, words in enumerate(words_of):
        for word in words:
            holders[word].add(index)
    # Found at least this many times in the sample: more than a page of 20 in the archive.
    several = max(21 * len(documents) // 10_000, 1) * 2
    singles = sorted(holders)
    rng.shuffle(singles)
    pairs: set[str] = set()
    deep: list[str] = [word for word in singles if len(holders[word]) >= several]
    for _ in range(20_000):
        words = sorted(words_of[rng.randrange(len(words_of))])
        if len(words) < 2:
            continue
        first, second = rng.sample(words, 2)
        query = f"{first} {second}"
        if query in pairs:
            continue
        pairs.add(query)
        if len(holders[first] & holders[second]) >= several:
            deep.append(query)
    queries = singles + sorted(pairs)
    rng.shuffle(queries)
    return queries, deep


def addresses() -> dict[str, Page]:
    from django.core.paginator import Paginator
    from django_countries import countries

    from panels.enums import TimetableStatus
    from panels.models import Statement
    from panels.statements import published
    from panels.statements.views import RECOMMENDATIONS_PER_PAGE, STATEMENTS_PER_PAGE
    from presessions import queries
    from presessions.home_page import PAST_SERIES_PER_PAGE
    from presessions.models import Series

    rng = random.Random(7)
    statements = list(
        published.statements().values_list(
            "presession__series__session__number", "presession__country", "position", "theme"
        )
    )
    rng.shuffle(statements)
    pages: dict[str, Page] = {}

    last = min(500, math.ceil(len(statements) / STATEMENTS_PER_PAGE))
    # Each page also as "?page=07", "?page=007"...: the same page and work, another address
    # for the cache, so that the listing has as many addresses never asked before as the
    # other pages (its 500 pages in 3 languages are read through in a few seconds).
    padded = [f"{n:0{width}d}" for width in range(1, 7) for n in range(1, last + 1)]
    listing = _in_languages([f"/statements/?page={n}" for n in dict.fromkeys(padded)], rng)
    pages["listing"] = _page(
        "listing",
        [f"/{language}/statements/?page={n}" for n in range(1, 11) for language in LANGUAGES],
        listing,
        f"pages 1-{last} in {len(LANGUAGES)} languages, their numbers also written with "
        "leading zeros",
    )

    details = [
        f"/statements/{number}/{countries.alpha3(code).lower()}/{position}/"
        for number, code, position, _theme in statements[:COLD_ADDRESSES]
    ]
    pages["statement"] = _page(
        "statement", _in_languages(details[:10], rng), _in_languages(details, rng)
    )

    documents = list(
        Statement.objects.filter(published_at__isnull=False)
        .order_by("pk")
        .values_list("search_document", flat=True)[:3000]
    )
    searches, deep = _search_queries(documents, rng)

    def search_paths(words: list[str], extra: dict[str, str]) -> list[str]:
        return [f"/statements/?{urlencode({'q': q, **extra})}" for q in words]

    pages["search"] = _page(
        "search",
        _in_languages(search_paths(searches[:10], {}), rng),
        _in_languages(search_paths(searches[: COLD_ADDRESSES // 3], {}), rng),
    )
    pages["search, page 2"] = _page(
        "search, page 2",
        _in_languages(search_paths(deep[:10], {"page": "2"}), rng),
        _in_languages(search_paths(deep[: COLD_ADDRESSES // 3], {"page": "2"}), rng),
        "" if len(deep) * 3 >= COLD_ADDRESSES else "searches with more than 20 results",
    )

    rows = list(
        published.recommendations().values_list(
            "statement__presession__series__session__number",
            "statement__presession__country",
            "theme",
        )
    )
    combinations: Counter[tuple[tuple[str, object], ...]] = Counter()
    for number, code, theme in rows:
        combinations[()] += 1
        combinations[(("country", code),)] += 1
        combinations[(("series", number),)] += 1
        if theme is not None:
            combinations[(("theme", theme),)] += 1
            combinations[(("country", code), ("theme", theme))] += 1
            combinations[(("series", number), ("theme", theme))] += 1
    recommendations = [
        f"/statements/recommendations/?{urlencode([*pairs, ('page', page)])}"
        for pairs, count in combinations.items()
        for page in range(1, math.ceil(count / RECOMMENDATIONS_PER_PAGE) + 1)
    ]
    rng.shuffle(recommendations)
    pages["recommendations"] = _page(
        "recommendations",
        _in_languages(recommendations[:10], rng),
        _in_languages(recommendations[: COLD_ADDRESSES // 3], rng),
    )

    filters: set[str] = set()
    for number, code, _position, theme in statements:
        if theme is None:
            continue
        for pairs in (
            {"country": code, "theme": theme, "series": number},
            {"country": code, "theme": theme},
            {"series": number, "theme": theme},
        ):
            filters.add(f"/statements/?{urlencode(pairs)}")
    listing_filters = sorted(filters)
    rng.shuffle(listing_filters)
    pages["filters"] = _page(
        "filters",
        _in_languages(listing_filters[:10], rng),
        _in_languages(listing_filters[: COLD_ADDRESSES // 3], rng),
    )

    programmes = list(
        Series.objects.filter(timetable__status=TimetableStatus.PUBLISHED).values_list(
            "session__number", flat=True
        )
    )
    pages["programme"] = _page(
        "programme",
        [f"/{language}/series/{n}/programme/" for n in programmes for language in LANGUAGES],
        _in_languages(
            [f"/series/{n}/programme/{view}" for n in programmes for view in ("", "print/")], rng
        ),
        f"{len(programmes)} published programme, its page and print view in "
        f"{len(LANGUAGES)} languages",
    )

    past = Paginator(queries.past_series(), PAST_SERIES_PER_PAGE).num_pages
    pages["home"] = _page(
        "home",
        [f"/{language}/" for language in LANGUAGES],
        _in_languages(["/", *(f"/?page={n}" for n in range(2, past + 1))], rng),
        f"{past} pages of past series in {len(LANGUAGES)} languages",
    )

    series = next(iter(queries.current_series().open), None)
    assert series is not None  # prepare() opened one
    form = f"/series/{series.session.number}/apply/"
    pages["application form"] = _page(
        "application form",
        [f"/{language}{form}" for language in LANGUAGES],
        _in_languages(
            [form, *(f"{form}?country={p.country.code}" for p in series.presessions.all())],
            rng,
        ),
        f"one open call, its form for each of {series.presessions.count()} countries "
        f"and none, in {len(LANGUAGES)} languages",
    )
    return pages
