"""Statements: handed in through the speaker's private link, browsed by the public.

Public views read only through `panels.statements.published`."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, overload

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import translate_url
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_countries import countries

from applications.access import opened_by_private_link
from applications.models import Application
from applications.rules import can_view_application_files
from applications.validators import detect_document_type
from panels.enums import StatementLanguage
from panels.models import Material, Statement
from panels.statements import (
    page_cache,
    public_files,
    public_pages,
    public_uptake,
    published,
    queries,
    services,
)
from panels.statements.feeds import LatestStatementsFeed
from panels.statements.filters import RecommendationFilterForm, StatementFilterForm
from panels.statements.forms import (
    MaterialForm,
    NewMaterialFormSet,
    RecommendationFormSet,
    StatementForm,
)
from presessions import downloads, ratelimits, uploads
from presessions import page_cache as pages
from presessions.models import Series

STATEMENTS_PER_PAGE = 20
RECOMMENDATIONS_PER_PAGE = 50
LIST_SECONDS = page_cache.LIST_SECONDS


# The speaker's side ----------------------------------------------------------------------


def _initial(application: Application, statement) -> tuple[dict, list[dict]]:
    if statement is None:
        language = application.language if application.language in StatementLanguage else "en"
        return {"language": language, "theme": application.main_theme_id}, []
    return (
        {
            "language": statement.language,
            "theme": statement.theme_id,
            "text": statement.text,
            "sharing": statement.sharing,
        },
        [
            {"text": r.text, "theme": r.theme_id, "sharing": r.sharing}
            for r in statement.recommendations.all()
        ],
    )


@never_cache
@require_http_methods(["GET", "POST"])
@opened_by_private_link
def statement_edit(request: HttpRequest, application: Application, token: str) -> HttpResponse:
    if not services.may_submit_statement(application):
        messages.error(
            request, _("Only a speaker who confirmed their seat can hand in a statement.")
        )
        return redirect("panels:private", token=token)
    statement = queries.speaker_statement(application)
    if statement and statement.is_published:
        messages.info(request, _("Your statement is published and can no longer be changed."))
        return redirect("panels:private", token=token)
    existing = list(statement.materials.all()) if statement else []
    status = 200
    if request.method == "POST":
        form = StatementForm(request.POST, request.FILES, statement=statement)
        recommendations = RecommendationFormSet(request.POST, prefix="recommendations")
        new_materials = NewMaterialFormSet(request.POST, request.FILES, prefix="materials")
        material_forms = [MaterialForm(request.POST, material=m) for m in existing]
        checks = [form.is_valid(), recommendations.is_valid(), new_materials.is_valid()]
        checks += [f.is_valid() for f in material_forms]
        checks.append(not uploads.report_oversized(request, [form, *new_materials.forms]))
        if ratelimits.over_limit(request, "statement"):
            form.add_error(None, ratelimits.too_many_message())
            checks.append(False)
            status = 429
        if all(checks):
            try:
                _save(application, form, recommendations, new_materials, material_forms)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Thank you: your statement is saved."))
                return redirect("panels:private", token=token)
        form.keep_valid_upload()
        new_materials.keep_valid_uploads()
    else:
        initial, recommendation_initial = _initial(application, statement)
        form = StatementForm(initial=initial, statement=statement)
        recommendations = RecommendationFormSet(
            prefix="recommendations", initial=recommendation_initial
        )
        new_materials = NewMaterialFormSet(prefix="materials")
        material_forms = [MaterialForm(material=m) for m in existing]
    return render(
        request,
        "panels/statement_form.html",
        {
            "application": application,
            "token": token,
            "statement": statement,
            "form": form,
            "recommendations": recommendations,
            "new_materials": new_materials,
            "material_forms": material_forms,
            "can_add_materials": len(existing) < services.MAX_MATERIALS,
            "statement_deadline": queries.statement_deadline(application),
            "summary": _error_summary(form, recommendations, new_materials, material_forms),
        },
        status=status,
    )


def _error_summary(form, recommendations, new_materials, material_forms) -> list[tuple]:
    """(anchor, label, message) for every error of the page, in the order of the page."""
    if not form.is_bound:
        return []
    rows = list(form.error_summary())
    rows += [("recommendation-1", "", str(e)) for e in recommendations.non_form_errors()]
    rows += [("", "", str(e)) for e in new_materials.non_form_errors()]
    groups = [
        (_("Recommendation %(number)d"), list(recommendations)),
        (_("Material %(number)d"), list(material_forms) + list(new_materials)),
    ]
    for title, forms in groups:
        for number, subform in enumerate(forms, start=1):
            for name, errors in subform.errors.items():
                anchor = subform[name].auto_id if name in subform.fields else ""
                label = title % {"number": number}
                if name in subform.fields:
                    label = f"{label}, {subform[name].label}"
                rows += [(anchor, label, str(error)) for error in errors]
    return rows


def _save(application, form, recommendations, new_materials, material_forms) -> None:
    data = form.cleaned_data
    services.save_statement(
        application=application,
        language=data["language"],
        theme=data["theme"],
        text=data["text"],
        sharing=data["sharing"],
        file=data.get("file"),
        pending_file=data.get("file_pending") if not data.get("file") else None,
        remove_file=data.get("remove_file", False),
        recommendations=[
            services.RecommendationInput(
                text=f.cleaned_data["text"],
                theme=f.cleaned_data.get("theme"),
                sharing=f.cleaned_data["sharing"],
            )
            for f in recommendations.filled()
        ],
        new_materials=[
            services.NewMaterial(
                title=f.cleaned_data.get("title", ""),
                sharing=f.cleaned_data["sharing"],
                upload=f.cleaned_data.get("file"),
                pending=f.cleaned_data.get("file_pending")
                if not f.cleaned_data.get("file")
                else None,
            )
            for f in new_materials.has_changed_forms()
        ],
        material_changes=[
            services.MaterialChange(
                material=f.material,
                title=f.cleaned_data.get("title", ""),
                sharing=f.cleaned_data["sharing"],
                remove=f.cleaned_data.get("remove", False),
            )
            for f in material_forms
        ],
    )


@never_cache
@require_POST
@opened_by_private_link
def statement_restrict(request: HttpRequest, application: Application, token: str) -> HttpResponse:
    """The speaker takes back consent: everything, or the organisation's name."""
    statement = queries.speaker_statement(application)
    choice = request.POST.get("restrict")
    if statement is None or choice not in {"withdraw", "anonymous"}:
        messages.error(request, _("Please choose what to take back."))
        return redirect("panels:private", token=token)
    services.restrict_publication(statement=statement, withdraw_all=choice == "withdraw")
    messages.success(
        request,
        _("Done: nothing of your statement is public any more.")
        if choice == "withdraw"
        else _("Done: your organisation is no longer named with your statement."),
    )
    return redirect("panels:private", token=token)


# The public side ---------------------------------------------------------------------------


@overload
def _alpha2(code: str) -> str: ...
@overload
def _alpha2(code: None) -> None: ...
def _alpha2(code: str | None) -> str | None:
    if code is None:
        return None
    # Only ASCII letters and digits can be a code: django-countries reads any digit as a
    # numeric code, and int("²") fails.
    alpha2 = countries.alpha2(code) if code.isascii() and code.isalnum() else None
    if not alpha2:
        raise Http404(_("There is no such country."))
    return alpha2


_LIST_PARAMETERS = {"q", "series", "country", "theme", "organisation", "page"}


def _list_key(request: HttpRequest, name: str) -> str | None:
    """The cache key of a list page, from its address alone (`pages.address_variant`)."""
    variant = pages.address_variant(request, _LIST_PARAMETERS)
    return None if variant is None else page_cache.page_key(name, variant)


# Public pages only read (from the cache, most of the time): no transaction.
@transaction.non_atomic_requests
def statement_list(
    request: HttpRequest, number: int | None = None, code: str | None = None
) -> HttpResponse:
    """Published statements, filtered and searched; a fixed number of queries per page."""
    alpha2 = _alpha2(code)

    def build() -> dict[str, Any]:
        filter_form = StatementFilterForm(request.GET or None, number=number, country=alpha2)
        filters = filter_form.filters()
        page = published.statement_page(filters, request.GET.get("page"), STATEMENTS_PER_PAGE)
        context = {
            "filter_form": filter_form,
            "filters": filters,
            "page": page,
            "query_string": filter_form.query_string(),
            "language_notice": _language_notice(request, page) if filters.text else None,
        }
        title = (
            _("Statements matching “%(words)s”") % {"words": filters.text}
            if filters.text
            else _("Statements of civil society")
        )
        body = render_to_string("panels/_statement_list_body.html", context, request)
        return {"title": title, "body": mark_safe(body)}  # noqa: S308 - rendered above

    return pages.serve(
        request,
        key=_list_key(request, request.path),
        version_key=page_cache.LISTS,
        build=build,
        template="panels/statement_list.html",
        seconds=LIST_SECONDS,
    )


def _language_notice(request: HttpRequest, page: Page) -> dict[str, Any] | None:
    """When some results of a search are in another language than the page: a sentence
    saying which, in the page's language, and the same search in the other languages of
    the site. Read from the page's rows: no query."""
    current = translation.get_language()
    others = {s.language for s in page.object_list} - {current}
    if not others:
        return None
    names = [str(StatementLanguage(code).label) for code in StatementLanguage if code in others]
    if StatementLanguage.OTHER in others:
        names[-1] = _("other languages")
    links_text = {
        "en": _("Search in English"),
        "fr": _("Search in French"),
        "es": _("Search in Spanish"),
    }
    path = request.get_full_path()
    return {
        "text": _("Some of these statements are in %(languages)s.")
        % {"languages": get_text_list(names, _("and"))},
        "links": [
            {"language": code, "text": links_text[code], "url": _in_language(path, code)}
            for code in links_text
            if code != current
        ],
    }


def _in_language(address: str, language: str) -> str:
    """`translate_url(address, language)`, its path translated once per process: the
    same path, with thousands of searches after it (translating it takes 0.15 ms)."""
    path, _mark, query = address.partition("?")
    translated = _path_in_language(path, language)
    return f"{translated}?{query}" if query else translated


@lru_cache(maxsize=1024)
def _path_in_language(path: str, language: str) -> str:
    return translate_url(path, language)


@transaction.non_atomic_requests
def statement_detail(request: HttpRequest, number: int, code: str, position: int) -> HttpResponse:
    alpha2 = _alpha2(code)

    def build() -> dict[str, Any]:
        parts = public_pages.statement_parts(number, alpha2, position)
        if parts is None:
            raise Http404(_("There is no published statement at this address."))
        return parts

    return pages.serve(
        request,
        key=page_cache.statement_page_key(number, alpha2, position, translation.get_language()),
        version_key=page_cache.statement_version_key(number, alpha2, position),
        build=build,
        template=public_pages.STATEMENT_TEMPLATE,
        seconds=page_cache.STATEMENT_SECONDS,
    )


def statement_file(
    request: HttpRequest, number: int, code: str, position: int, item: int | None = None
) -> FileResponse:
    found = published.downloadable_file(number, _alpha2(code), position, item)
    if found is None:
        raise Http404(_("There is no published file at this address."))
    return downloads.serve_file(found.file, stem=found.stem, kind=found.kind, private=False)


@transaction.non_atomic_requests
def recommendation_list(request: HttpRequest) -> HttpResponse:
    """Every published recommendation, by country and theme, for missions drafting theirs."""

    def build() -> dict[str, Any]:
        filter_form = RecommendationFilterForm(request.GET or None)
        filters = filter_form.filters()
        page = published.recommendation_page(
            filters, request.GET.get("page"), RECOMMENDATIONS_PER_PAGE
        )
        context = {
            "filter_form": filter_form,
            "page": page,
            "query_string": filter_form.query_string(),
        }
        body = render_to_string("panels/_recommendation_list_body.html", context, request)
        return {"body": mark_safe(body)}  # noqa: S308 - rendered above

    return pages.serve(
        request,
        key=_list_key(request, "recommendations"),
        version_key=page_cache.LISTS,
        build=build,
        template="panels/recommendation_list.html",
        seconds=LIST_SECONDS,
    )


@transaction.non_atomic_requests
def statement_feed(request: HttpRequest) -> HttpResponse:
    """The Atom feed, cached like the pages until the next change."""

    def build() -> pages.Entry:
        response = LatestStatementsFeed()(request)
        return pages.Entry(0, response.content.decode(), response["Content-Type"], "")

    return pages.serve(
        request,
        key=page_cache.page_key("feed", ""),
        version_key=page_cache.LISTS,
        build=build,
        seconds=LIST_SECONDS,
    )


def staff_statement_file(request: HttpRequest, pk: int, item: int) -> FileResponse:
    """Staff only: the original of a file handed in with a statement (item 0: the
    statement itself), published or not, as an attachment under a name made from the
    application's reference."""
    if not can_view_application_files(request.user):
        raise PermissionDenied
    statement = get_object_or_404(Statement.objects.select_related("application"), pk=pk)
    owner: Statement | Material = statement
    if item != 0:
        owner = get_object_or_404(Material, statement=statement, position=item)
    if not owner.file:
        raise Http404
    with owner.file.open("rb") as original:
        kind = owner.file_type or detect_document_type(original)
    stem = public_files.staff_stem(statement.application.reference, item or None)
    return downloads.serve_file(owner.file, stem=stem, kind=kind, private=True)


@transaction.non_atomic_requests
def review_uptake(request: HttpRequest, number: int) -> HttpResponse:
    """What the review that followed a series made of its public recommendations, per
    State under Review and per theme; a sentence instead while there is nothing to count.
    Two queries, one when the figures are cached, whatever their number."""
    series = get_object_or_404(Series.objects.select_related("session"), session__number=number)
    figures = public_uptake.series_uptake(number)
    return render(
        request,
        "panels/review_uptake.html",
        {
            "series": series,
            "uptake": figures,
            "review_is_over": series.session.ends_on < timezone.localdate(),
            "tables": [
                (
                    "by-country",
                    _("By State under Review"),
                    _("State under Review"),
                    figures.by_country,
                ),
                ("by-theme", _("By theme"), _("Theme"), figures.by_theme),
            ],
        },
    )
