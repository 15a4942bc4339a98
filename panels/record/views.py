"""The public pages of the UPR record: who recommended what to whom at earlier reviews.

Read only through panels.record.queries; each page runs a fixed number of queries."""

from __future__ import annotations

from urllib.parse import urlencode

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from panels import fulltext
from panels.record import queries
from panels.record.filters import RecordFilterForm, code_of, state_choices

PER_PAGE = 25


def _state(alpha3: str) -> queries.State:
    code = code_of(alpha3)
    if code is None:
        raise Http404(_("There is no such State."))
    return queries.State(code)


@transaction.non_atomic_requests
def record_index(request: HttpRequest) -> HttpResponse:
    received, made = queries.states_in_record()
    return render(
        request,
        "panels/record/index.html",
        {
            "received": received,
            "made": made,
            "themes": queries.theme_names(),
            "member_states": state_choices(members_only=True),
        },
    )


def _list(request: HttpRequest, state: queries.State, *, received: bool) -> HttpResponse:
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
    return render(
        request,
        "panels/record/state.html",
        {
            "state": state,
            "received": received,
            "filter_form": form,
            "filters": filters,
            "query_string": form.query_string(),
            "page": queries.entry_page(filters, request.GET.get("page"), PER_PAGE),
            "by_theme": by_theme,
            "by_state": by_state,
        },
    )


@transaction.non_atomic_requests
def record_received(request: HttpRequest, code: str) -> HttpResponse:
    """The recommendations a State under Review received, by theme and by recommending
    State, with its responses."""
    return _list(request, _state(code), received=True)


@transaction.non_atomic_requests
def record_made(request: HttpRequest, code: str) -> HttpResponse:
    """What a State recommended, to whom."""
    return _list(request, _state(code), received=False)


@transaction.non_atomic_requests
def record_approach(request: HttpRequest) -> HttpResponse:
    """Who to approach: the States that recommended on a theme to a State under Review."""
    state = code_of(request.GET.get("state", ""))
    theme_value = request.GET.get("theme", "")
    theme = queries.theme_name(int(theme_value)) if theme_value.isdigit() else None
    if state is None or theme is None:
        return render(
            request,
            "panels/record/approach.html",
            {
                "missing": True,
                "themes": queries.theme_names(),
                "member_states": state_choices(members_only=True),
            },
            status=400 if request.GET else 200,
        )
    return render(
        request,
        "panels/record/approach.html",
        {
            "state": queries.State(state),
            "theme": theme,
            "approach": queries.who_to_approach(state, theme.pk),
        },
    )


@transaction.non_atomic_requests
def record_search(request: HttpRequest) -> HttpResponse:
    words = fulltext.normalise_query(request.GET.get("q", ""))
    filters = queries.Filters(text=words)
    page = queries.entry_page(filters, request.GET.get("page"), PER_PAGE) if words else None
    return render(
        request,
        "panels/record/search.html",
        {"words": words, "page": page, "query_string": urlencode({"q": words}) if words else ""},
    )
