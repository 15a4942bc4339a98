"""Public views of the call for applications: they translate HTTP into service calls."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from applications import access, form_page, rules, services
from applications.forms import ApplicationForm
from applications.models import Application
from applications.validators import detect_document_type
from presessions import downloads, ratelimits, uploads
from presessions import queries as series_queries
from presessions.dates import date_and_time
from presessions.models import Series

_SESSION_KEY = "applications.just_submitted"


@never_cache
@transaction.non_atomic_requests
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, number: int) -> HttpResponse:
    if request.method == "GET":
        # Read without a transaction: the page comes from the cache, or is built from
        # reads alone.
        return form_page.serve_empty_form(request, number)
    with transaction.atomic():
        return _submit(request, number)


def _submit(request: HttpRequest, number: int) -> HttpResponse:
    series = get_object_or_404(series_queries.series_with_countries(), session__number=number)
    form = ApplicationForm(request.POST, request.FILES, series=series)
    if not series.call_is_open():
        # Keep what was typed on screen so nothing is lost, but accept nothing.
        form.is_valid()
        form.errors.clear()
        form.add_error(
            None,
            _("The call for applications is closed. It closed on %(date)s.")
            % {"date": _format_deadline(series)},
        )
        return render(
            request,
            "applications/apply.html",
            {"series": series, "form": form, "call_open": False},
            status=409,
        )
    if ratelimits.over_limit(request, "apply"):
        return _too_many(request, form, "applications/apply.html", {"series": series})
    valid = form.is_valid()
    if uploads.report_oversized(request, [form]):
        valid = False
    if valid:
        try:
            application = services.submit_application(
                presession=form.cleaned_data["presession"],
                fields=form.service_fields(),
                related_themes=form.cleaned_data["related_themes"],
                report=form.cleaned_data.get("upr_report"),
                pending_report=form.cleaned_data.get("upr_report_pending"),
                language=get_language(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            request.session[_SESSION_KEY] = application.pk
            return redirect("applications:received")
    services.answer_duplicate(existing=form.duplicate_application)
    form.keep_valid_upload()
    return render(
        request,
        "applications/apply.html",
        {"series": series, "form": form, "call_open": True},
    )


def _too_many(request: HttpRequest, form, template: str, context: dict) -> HttpResponse:
    """The form as typed, with the rate limit's message, and nothing done (429)."""
    form.is_valid()
    form.errors.clear()
    form.add_error(None, ratelimits.too_many_message())
    return render(request, template, {**context, "form": form, "call_open": True}, status=429)


def _format_deadline(series: Series) -> str:
    return date_and_time(timezone.localtime(series.call_closes_at))


@never_cache
def received(request: HttpRequest) -> HttpResponse:
    """The confirmation page, shown only in the browser session that submitted."""
    application_id = request.session.get(_SESSION_KEY)
    if application_id is None:
        return redirect("home")
    application = get_object_or_404(
        Application.objects.select_related("presession__series__session"), pk=application_id
    )
    return render(request, "applications/received.html", {"application": application})


@never_cache
@require_http_methods(["GET", "POST"])
@access.opened_by_private_link
def private_edit(request: HttpRequest, application: Application, token: str) -> HttpResponse:
    series = application.presession.series
    if not application.is_editable:
        messages.error(
            request,
            _("This application was withdrawn and can no longer be changed.")
            if application.is_withdrawn
            else _(
                "The call for applications is closed: the application can no longer be changed."
            ),
        )
        return redirect("panels:private", token=token)
    if request.method == "POST":
        form = ApplicationForm(
            request.POST, request.FILES, series=series, editing=True, instance=application
        )
        if ratelimits.over_limit(request, "edit"):
            return _too_many(
                request,
                form,
                "applications/edit.html",
                {"application": application, "token": token, "series": series},
            )
        valid = form.is_valid()
        if uploads.report_oversized(request, [form]):
            valid = False
        if valid:
            try:
                services.update_application(
                    application=application,
                    fields=form.service_fields(),
                    related_themes=form.cleaned_data["related_themes"],
                    report=form.cleaned_data.get("upr_report"),
                    pending_report=form.cleaned_data.get("upr_report_pending"),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your changes are saved."))
                return redirect("panels:private", token=token)
        form.keep_valid_upload()
    else:
        form = ApplicationForm(series=series, editing=True, instance=application)
    return render(
        request,
        "applications/edit.html",
        {"application": application, "form": form, "token": token, "series": series},
    )


def download_report(request: HttpRequest, pk: int) -> FileResponse:
    """Staff only: the report uploaded with an application, as an attachment."""
    if not rules.can_view_application_files(request.user):
        raise PermissionDenied
    application = get_object_or_404(Application, pk=pk)
    if not application.upr_report:
        raise Http404
    with application.upr_report.open("rb") as report:
        kind = detect_document_type(report)
    return downloads.serve_file(
        application.upr_report, stem=f"{application.reference}-report", kind=kind, private=True
    )
