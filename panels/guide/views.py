"""The public pages of the guide: a series' practical information and its documents, and
how the Pre-sessions work. They only read, outside the request's transaction."""

from __future__ import annotations

from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from panels.guide import queries
from panels.guide.topics import DOCUMENTS
from presessions import downloads
from presessions.models import Series


def _series(number: int) -> Series:
    return get_object_or_404(Series.objects.select_related("session"), session__number=number)


@transaction.non_atomic_requests
def series_guide(request: HttpRequest, number: int) -> HttpResponse:
    series = _series(number)
    return render(
        request,
        "panels/guide.html",
        {"series": series, "guide": queries.series_guide(series)},
    )


@transaction.non_atomic_requests
def guide_document(request: HttpRequest, number: int, document: str) -> FileResponse:
    if document not in DOCUMENTS:
        raise Http404
    found = queries.guide_document(_series(number), document)
    if found is None:
        raise Http404
    file, kind, stem = found
    return downloads.serve_file(file, stem=stem, kind=kind, private=False)


@transaction.non_atomic_requests
def how_it_works(request: HttpRequest) -> HttpResponse:
    return render(request, "panels/how_it_works.html")
