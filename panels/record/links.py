"""The addresses of the record's pages for a State (what it received, what it made) and
of the "who to approach" page for a country and a theme, for the pages, emails and the
read API that send people there."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from django_countries import countries


def approach_path(country_code: str, theme_id: int | None) -> str | None:
    """The path (in the active language) of the States that recommended on this theme to
    this State under Review; None without a theme."""
    if theme_id is None:
        return None
    query = urlencode({"state": countries.alpha3(country_code), "theme": theme_id})
    return f"{reverse('panels:record-approach')}?{query}"


def _with_query(path: str, query: dict[str, object]) -> str:
    pairs = [(name, str(value)) for name, value in query.items() if value]
    return f"{path}?{urlencode(pairs)}" if pairs else path


def received_path(country_code: str, **query: object) -> str:
    """The path (in the active language) of what a State under Review received, with
    the page's filters (theme, state: the recommending State's alpha-3, cycle, q)."""
    path = reverse("panels:record-received", args=[countries.alpha3(country_code)])
    return _with_query(path, query)


def made_path(country_code: str, **query: object) -> str:
    """The path (in the active language) of what a State recommended, with the page's
    filters (state: the State under Review's alpha-3)."""
    path = reverse("panels:record-made", args=[countries.alpha3(country_code)])
    return _with_query(path, query)
