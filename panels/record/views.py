"""The public pages of the UPR record: who recommended what to whom at earlier reviews.

Read only through panels.record.queries; each page runs a fixed number of queries. The
pages are kept whole in the shared cache (presessions/page_cache.py) under the record's
version (panels/record/page_cache.py), which an import or a deletion renews: a page
served from the cache costs one cache request, no query and no transaction."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from panels import fulltext
from panels.record import page_cache, queries
from panels.record.filters import RecordFilterForm, code_of, state_choices
from presessions import page_cache as pages

PER_PAGE = 25


def _state(alpha3: str) -> queries.State:
    code = code_of(alpha3)
    if code is None:
        raise Http404(_("There is no such State."))
    return queries.State(code)


def _page_key(request: HttpRequest, parameters: frozenset[str]) -> str | None:
    """The cache key of a page, from its address alone (`pages.address_variant`)."""
    variant = pages.address_variant(request, parameters)
    return None if variant is None else page_cache.page_key(request.path, variant)


def _serve(
    request: HttpRequest,
    template: str,
    build: Callable[[], dict[str, Any]],
    parameters: frozenset[str] = frozenset(),
) -> HttpResponse:
    return pages.serve(
        request,
        key=_page_key(request, parameters),
        version_key=page_cache.RECORD,
        build=build,
        template=template,
        seconds=page_cache.SECONDS,
    )


# Public pages only read (from the cache, most of the time): no transaction.
@transaction.non_atomic_requests
def record_index(request: HttpRequest) -> HttpResponse:
    def build() -> dict[str, Any]:
        received, made = queries.states_in_record()
        return {
            "received": received,
            "made": made,
            "themes": queries.theme_names(),
            "member_states": state_choices(members_only=True),
        }

    return _serve(request, "panels/record/index.html", build)


_LIST_PARAMETERS = frozenset({"theme", "state", "cycle", "q", "page"})


def _list(request: HttpRequest, state: queries.State, *, received: bool) -> HttpResponse:
    def build() -> dict[str, Any]:
        themes = queries.theme_names()
        form = RecordFilterForm(
            request.GET or None,
            state_label=_("Recommended by") if received else _("Recommended to"),
            themes=themes,
        )
        values = form.values()
        other = code_of(values.get("state", "")) or ""
        theirs = "recommending_state" if received else "state_under_review"
        sur, by = (state.code, other) if received else (other, state.code)
        filters = queries.Filters(
            state_under_review=sur,
            recommending_state=by,
            theme=values.get("theme"),
            cycle=values.get("cycle"),
            text=fulltext.normalise_query(values.get("q", "")),
        )
        by_theme = [
            (row, form.query_string(theme=row.theme.pk)) for row in queries.count_by_theme(filters)
        ]
        by_state = [
            (row, form.query_string(state=row.state.alpha3))
            for row in queries.count_by_state(filters, field=theirs)
        ]
        return {
            "state": state,
            "received": received,
            "path": request.path,
            "filter_form": form,
            "filters": filters,
            "query_string": form.query_string(),
            "page": queries.entry_page(filters, request.GET.get("page"), PER_PAGE),
            "by_theme": by_theme,
            "by_state": by_state,
        }

    return _serve(request, "panels/record/state.html", build, _LIST_PARAMETERS)


@transaction.non_atomic_requests
def record_received(request: HttpRequest, code: str) -> HttpResponse:
    """The recommendations a State under Review received, by theme and by recommending
    State, with its responses."""
    return _list(request, _state(code), received=True)


@transaction.non_atomic_requests
def record_made(request: HttpRequest, code: str) -> HttpResponse:
    """What a State recommended, to whom."""
    return _list(request, _state(code), received=False)


class _NoSuchThemeError(Exception):
    """The theme asked for is not in the taxonomy: the page is the form again (a 400),
    and nothing is kept."""


def _approach_form() -> dict[str, Any]:
    return {
        "missing": True,
        "themes": queries.theme_names(),
        "member_states": state_choices(members_only=True),
    }


@transaction.non_atomic_requests
def record_approach(request: HttpRequest) -> HttpResponse:
    """Who to approach: the States that recommended on a theme to a State under Review."""
    template = "panels/record/approach.html"
    state = code_of(request.GET.get("state", ""))
    theme_value = request.GET.get("theme", "")
    if not request.GET:
        return _serve(request, template, _approach_form)
    if state is None or not theme_value.isdigit():
        return render(request, template, _approach_form(), status=400)

    def build() -> dict[str, Any]:
        theme = queries.theme_name(int(theme_value))
        if theme is None:
            raise _NoSuchThemeError
        return {
            "state": queries.State(state),
            "theme": theme,
            "approach": queries.who_to_approach(state, theme.pk),
        }

    try:
        return _serve(request, template, build, frozenset({"state", "theme"}))
    except _NoSuchThemeError:
        return render(request, template, _approach_form(), status=400)


@transaction.non_atomic_requests
def record_search(request: HttpRequest) -> HttpResponse:
    def build() -> dict[str, Any]:
        words = fulltext.normalise_query(request.GET.get("q", ""))
        filters = queries.Filters(text=words)
        page = queries.entry_page(filters, request.GET.get("page"), PER_PAGE) if words else None
        return {
            "words": words,
            "page": page,
            "query_string": urlencode({"q": words}) if words else "",
        }

    return _serve(request, "panels/record/search.html", build, frozenset({"q", "page"}))
