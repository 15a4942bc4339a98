"""The address of the "who to approach" page for a country and a theme, for the pages
and emails that send CSOs there."""

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
