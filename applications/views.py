"""Public views of the call for applications: they translate HTTP into service calls."""

from __future__ import annotations

import functools

from crispy_forms.utils import render_crispy_form
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from panels import public_pages as panel_pages
from panels import queries as panel_queries
from panels import services as panel_services
from panels import statements as panel_statements
from presessions import downloads, ratelimits, uploads
from presessions import queries as series_queries
from presessions.models import Series

from . import access, services
from .forms import ApplicationForm
from .models import Application
from .validators import detect_document_type

_SESSION_KEY = "applications.just_submitted"
EMPTY_FORM_SECONDS = 300


def _private(response: HttpResponse) -> HttpResponse:
    """Pages opened by a private link: never cached, never indexed, and the link is never
    passed on to other sites through the Referer header. ("same-origin", not
    "no-referrer": with no referrer at all browsers post the page's own forms with
    "Origin: null", which the CSRF check rightly refuses.)"""
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, number: int) -> HttpResponse:
    series = get_object_or_404(series_queries.series_with_countries(), session__number=number)
    call_open = series.call_is_open()
    if request.method == "POST":
        form = ApplicationForm(request.POST, request.FILES, series=series)
        if not call_open:
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
        if form.duplicate_application:
            services.resend_private_link(application=form.duplicate_application)
        form.keep_valid_upload()
        status = 200
    else:
        initial = {}
        country = request.GET.get("country", "").upper()
        match = next((p for p in series.presessions.all() if p.country.code == country), None)
        if match:
            initial["presession"] = match.pk
        form = ApplicationForm(series=series, initial=initial)
        status = 200
        # The empty form is the same for everyone (its CSRF token is outside it): it is
        # rendered once per series, country and language, for a few minutes.
        key = (
            f"applications:empty-form:{series.pk}:{initial.get('presession', '')}:"
            f"{get_language()}:{int(call_open)}"
        )
        form_html = cache.get(key)
        if form_html is None:
            form_html = render_crispy_form(form)
            cache.set(key, form_html, EMPTY_FORM_SECONDS)
        return render(
            request,
            "applications/apply.html",
            {
                "series": series,
                "form": form,
                "call_open": call_open,
                "form_html": mark_safe(form_html),  # noqa: S308 - rendered just above
            },
        )
    return render(
        request,
        "applications/apply.html",
        {"series": series, "form": form, "call_open": call_open},
        status=status,
    )


def _too_many(request: HttpRequest, form, template: str, context: dict) -> HttpResponse:
    """The form as typed, with the rate limit's message, and nothing done (429)."""
    form.is_valid()
    form.errors.clear()
    form.add_error(None, ratelimits.too_many_message())
    return render(request, template, {**context, "form": form, "call_open": True}, status=429)


def _format_deadline(series: Series) -> str:
    return formats.date_format(timezone.localtime(series.call_closes_at), "DATETIME_FORMAT")


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


def opened_by_private_link(view):
    """Resolve the token of a private link into the application, or show the same
    clear error page for any link that is not valid (it reveals nothing)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, token: str) -> HttpResponse:
        try:
            application = access.application_from_token(token)
        except access.InvalidLinkError:
            response = render(request, "applications/link_invalid.html", status=404)
        else:
            response = view(request, application, token)
        return _private(response)

    return wrapper


@never_cache
@opened_by_private_link
def private(request: HttpRequest, application: Application, token: str) -> HttpResponse:
    may_submit = panel_statements.may_submit_statement(application)
    # A statement already handed in stays visible, so that its consent can always be
    # taken back, even after the application was withdrawn.
    statement = panel_queries.speaker_statement(application)
    return render(
        request,
        "applications/private.html",
        {
            "application": application,
            "token": token,
            "can_edit": not application.is_withdrawn
            and application.presession.series.call_is_open(),
            "related_themes": application.related_themes.all(),
            "placement": panel_queries.told_placement(application),
            "may_submit_statement": may_submit,
            "statement": statement,
            "statement_preview": panel_pages.speaker_preview(statement) if statement else None,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
@opened_by_private_link
def private_edit(request: HttpRequest, application: Application, token: str) -> HttpResponse:
    series = application.presession.series
    if application.is_withdrawn or not series.call_is_open():
        messages.error(
            request,
            _("This application was withdrawn and can no longer be changed.")
            if application.is_withdrawn
            else _(
                "The call for applications is closed: the application can no longer be changed."
            ),
        )
        return redirect("applications:private", token=token)
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
                return redirect("applications:private", token=token)
        form.keep_valid_upload()
    else:
        form = ApplicationForm(series=series, editing=True, instance=application)
    return render(
        request,
        "applications/edit.html",
        {"application": application, "form": form, "token": token, "series": series},
    )


@never_cache
@require_POST
@opened_by_private_link
def private_answer(request: HttpRequest, application: Application, token: str) -> HttpResponse:
    """A selected speaker confirms or declines the invitation."""
    answer = request.POST.get("answer")
    if answer not in {"confirm", "decline"}:
        messages.error(request, _("Please choose to confirm or to decline."))
        return redirect("applications:private", token=token)
    try:
        panel_services.respond_to_invitation(
            application=application,
            accept=answer == "confirm",
            may_name_publicly=request.POST.get("may_name_publicly") == "yes",
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Thank you: you have confirmed. We look forward to seeing you in Geneva.")
            if answer == "confirm"
            else _("Thank you for telling us. Your seat will be offered to another organisation."),
        )
    return redirect("applications:private", token=token)


@never_cache
@require_http_methods(["GET", "POST"])
@opened_by_private_link
def private_withdraw(request: HttpRequest, application: Application, token: str) -> HttpResponse:
    if request.method == "POST" and not application.is_withdrawn:
        # Through the panels side, which also frees the speaker's seat if it held one.
        panel_services.withdraw_speaker(application=application)
        messages.success(request, _("Your application is withdrawn."))
        return redirect("applications:private", token=token)
    return render(
        request, "applications/withdraw.html", {"application": application, "token": token}
    )


def download_report(request: HttpRequest, pk: int) -> FileResponse:
    """Staff only: the report uploaded with an application, as an attachment."""
    if not access.can_download_report(request.user):
        raise PermissionDenied
    application = get_object_or_404(Application, pk=pk)
    if not application.upr_report:
        raise Http404
    with application.upr_report.open("rb") as report:
        kind = detect_document_type(report)
    return downloads.serve_file(
        application.upr_report, stem=f"{application.reference}-report", kind=kind, private=True
    )
