"""The empty application form, kept whole in the page cache (presessions/page_cache.py).

The empty form is the same for everyone but the country it starts on: each address (a
series, `?country=`, a language) is kept under a version that any change to a series,
its Pre-sessions, its Working Group session or a theme renews, and never past the
moment the call opens or closes. The form's own HTML is rendered once per series and
language, without a country, and the country chosen in the address is selected in it:
rendering the form's widgets is the costly part of the page (some 50 ms)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any

from crispy_forms.utils import render_crispy_form
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from applications import form_choices
from applications.forms import ApplicationForm
from presessions import page_cache as pages
from presessions import queries as series_queries
from presessions.home_page import kept_for
from presessions.models import PreSession, Series, Theme, WorkingGroupSession

VERSION_KEY = "applications:form-page-version"
# The form's own HTML, and the whole page, at most (a change the signals do not see).
EMPTY_FORM_SECONDS = 300
_COUNTRY = re.compile(r"[A-Z]{2}")


def serve_empty_form(request: HttpRequest, number: int) -> HttpResponse:
    now = timezone.now()
    country = request.GET.get("country", "").upper()
    cacheable = set(request.GET) <= {"country"} and (country == "" or _COUNTRY.fullmatch(country))
    key = f"applications:form-page:{number}:{country}:{get_language()}" if cacheable else None
    next_change: list[dt.datetime | None] = []

    def build() -> dict[str, Any]:
        series = _series_of(number)
        next_change.append(_next_change(series, now))
        match = next((p for p in series.presessions.all() if p.country.code == country), None)
        call_open = series.call_is_open()
        # The page shows the form's kept HTML, or no form once the call is closed: the
        # form itself is only built to be rendered, once per series and language.
        return {
            "series": series,
            "form": None,
            "call_open": call_open,
            "form_html": with_country_chosen(empty_form_html(series), match) if call_open else "",
        }

    return pages.serve(
        request,
        key=key,
        version_key=VERSION_KEY,
        build=build,
        template="applications/apply.html",
        seconds=lambda: min(EMPTY_FORM_SECONDS, kept_for(now, next_change[0])),
    )


# The series of the form pages, with its session and its Pre-sessions, as read for an
# earlier form page of the same version (another country or language), by number.
_held_series: pages.HeldValues[Series] = pages.HeldValues(
    VERSION_KEY, seconds=EMPTY_FORM_SECONDS, at_most=64
)


def _series_of(number: int) -> Series:
    return _held_series.get(
        number,
        lambda: get_object_or_404(series_queries.series_with_countries(), session__number=number),
    )


def _next_change(series: Series, now: dt.datetime) -> dt.datetime | None:
    """When the page changes by itself: the call opening, then closing."""
    moments = (series.call_opens_at, series.call_closes_at)
    return next((moment for moment in moments if moment > now), None)


def empty_form_html(series: Series) -> str:
    """The form without a country chosen, rendered once per series and language for a few
    minutes, and again as soon as a theme or the series' countries change."""
    countries = ",".join(f"{p.pk}{p.country.code}" for p in series.presessions.all())
    key = (
        f"applications:empty-form:{series.pk}:{get_language()}:{form_choices.themes_version()}:"
        f"{hashlib.sha256(countries.encode()).hexdigest()[:16]}"
    )
    html = cache.get(key)
    if html is None:
        html = render_crispy_form(ApplicationForm(series=series))
        cache.set(key, html, EMPTY_FORM_SECONDS)
    return html


_PRESESSION_SELECT = re.compile(r'<select name="presession"[^>]*>.*?</select>', re.DOTALL)


def with_country_chosen(html: str, presession: PreSession | None) -> str:
    """The empty form with the Pre-session's country chosen in its first field, as the
    form rendered with that initial value would have it."""
    if presession is None:
        return mark_safe(html)  # noqa: S308 - the form as crispy rendered it
    option = f'<option value="{escape(presession.pk)}">'
    select = _PRESESSION_SELECT.search(html)
    assert select is not None and select.group().count(option) == 1, "no such option"
    # The empty choice, selected while no country is, is no longer.
    chosen = select.group().replace('<option value="" selected>', '<option value="">')
    chosen = chosen.replace(option, option[:-1] + " selected>")
    return mark_safe(html[: select.start()] + chosen + html[select.end() :])  # noqa: S308


@receiver([post_save, post_delete], sender=Series, dispatch_uid="form-page.series")
@receiver([post_save, post_delete], sender=PreSession, dispatch_uid="form-page.presession")
@receiver([post_save, post_delete], sender=WorkingGroupSession, dispatch_uid="form-page.session")
@receiver([post_save, post_delete], sender=Theme, dispatch_uid="form-page.theme")
def _form_page_changed(**kwargs: Any) -> None:
    pages.renew(VERSION_KEY)
