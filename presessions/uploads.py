"""Uploads are refused as they arrive, not after: a file is dropped as soon as it passes
MAX_UPLOAD_SIZE (the rest of the form is kept, and the form says why), and a request far
larger than any form can need is refused before it is read."""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


class SizeLimitedUploadHandler(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS: counts each file's bytes and skips the file (the
    next handlers never store the rest) once it is too large."""

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > settings.MAX_UPLOAD_SIZE:
            oversized = getattr(self.request, "oversized_uploads", set())
            oversized.add(self.field_name)
            self.request.oversized_uploads = oversized
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def report_oversized(request: HttpRequest, forms_: Iterable[forms.Form]) -> bool:
    """Add the size error to each form whose file was dropped; True if any was."""
    oversized = getattr(request, "oversized_uploads", set())
    found = False
    for form in forms_:
        for name in form.fields:
            if form.add_prefix(name) in oversized:
                # Its other errors (such as "please attach the file") would mislead.
                form.errors.pop(name, None)
                form.add_error(
                    name,
                    _("The file is larger than %(limit)s. Please upload a smaller file.")
                    % {"limit": filesizeformat(settings.MAX_UPLOAD_SIZE)},
                )
                found = True
    return found


class RequestSizeLimitMiddleware:
    """A body larger than every file of a form at the limit is refused unread (413)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_SIZE:
            return render(
                request,
                "413.html",
                {"limit": filesizeformat(settings.MAX_UPLOAD_SIZE)},
                status=413,
            )
        return self.get_response(request)
