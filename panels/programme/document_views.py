"""The pages of observers' documents: the observer's own page, reached from the pass
(its signed token is the one door), the public download of an approved document, and
staff's download of the file as it was uploaded."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_countries import countries

from panels import rules
from panels.models import ObserverDocument
from panels.models.observer_document import MAX_PER_MEETING
from panels.programme import documents
from panels.programme.document_forms import ObserverDocumentForm
from presessions import downloads, ratelimits
from presessions.attendance import accreditation as accreditations
from presessions.models import Accreditation
from presessions.signing import InvalidLinkError
from presessions.uploads import report_oversized


def _private(response: HttpResponse) -> HttpResponse:
    # The address holds the pass's token: never sent on, never indexed.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _holder(token: str) -> Accreditation | None:
    try:
        return accreditations.accreditation_from_pass(token)
    except InvalidLinkError:
        return None


def _is_valid(request: HttpRequest, form: ObserverDocumentForm) -> bool:
    # A file dropped for its size is said so, whatever else the form says.
    valid = form.is_valid()
    return not report_oversized(request, [form]) and valid


@never_cache
@require_http_methods(["GET", "POST"])
def observer_documents(request: HttpRequest, token: str) -> HttpResponse:
    holder = _holder(token)
    if holder is None:
        return _private(render(request, "presessions/pass_invalid.html", status=404))
    may_upload = documents.may_upload(holder)
    form = ObserverDocumentForm(
        request.POST or None,
        request.FILES or None,
        meetings=documents.meetings_for(holder),
        use_required_attribute=False,
    )
    status = 200
    if request.method == "POST":
        if not may_upload:
            raise PermissionDenied
        if ratelimits.over_limit(request, "observer-document"):
            form.is_valid()
            form.errors.clear()
            form.add_error(None, ratelimits.too_many_message())
            status = 429
        elif _is_valid(request, form):
            data = form.cleaned_data
            try:
                document = documents.upload_document(
                    holder=holder,
                    presession=data["presession"],
                    title=data["title"],
                    upload=data.get("file"),
                    pending=data.get("file_pending") if not data.get("file") else None,
                    named=form.named_consented,
                    remove_details=data["remove_details"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Thank you: “%(title)s” is waiting for our approval. We will email you.")
                    % {"title": document.title},
                )
                return redirect("panels:observer-documents", token=token)
        if form.errors:
            form.keep_valid_upload()
            status = status if status != 200 else 400
    context = {
        "holder": holder,
        "token": token,
        "form": form,
        "may_upload": may_upload,
        "documents": documents.documents_of(holder),
        "max_per_meeting": MAX_PER_MEETING,
    }
    return _private(render(request, "panels/observer_documents.html", context, status=status))


@never_cache
@require_POST
def observer_document_withdraw(request: HttpRequest, token: str, pk: int) -> HttpResponse:
    holder = _holder(token)
    if holder is None:
        return _private(render(request, "presessions/pass_invalid.html", status=404))
    document = get_object_or_404(ObserverDocument, pk=pk, accreditation=holder)
    title = document.title
    documents.withdraw_document(document)
    messages.success(request, _("“%(title)s” is withdrawn.") % {"title": title})
    return redirect("panels:observer-documents", token=token)


def observer_document(request: HttpRequest, number: int, code: str, position: int) -> FileResponse:
    """An approved document of a meeting, as the public gets it, under its neutral name."""
    alpha2 = countries.alpha2(code) if code.isascii() and code.isalnum() else None
    found = documents.downloadable_document(number, alpha2, position) if alpha2 else None
    if found is None:
        raise Http404(_("There is no document at this address."))
    return downloads.serve_file(
        found.file, stem=found.stem, kind=found.document.file_type, private=False
    )


def staff_observer_document(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Staff only: the document as it was uploaded, approved or not."""
    if not admin.site.has_permission(request):
        return redirect_to_login(request.get_full_path(), "admin:login")
    if not rules.can_decide_observer_documents(request.user):
        raise PermissionDenied
    document = get_object_or_404(
        ObserverDocument.objects.select_related("presession__series__session"), pk=pk
    )
    presession = document.presession
    stem = (
        f"PS{presession.series.number}-{presession.country.alpha3}"
        f"-observer-document-{document.position}"
    )
    return downloads.serve_file(document.file, stem=stem, kind=document.file_type, private=True)
