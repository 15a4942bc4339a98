"""Uploads are refused as they arrive, not after: a file is dropped as soon as it passes
MAX_UPLOAD_SIZE (the rest of the form is kept, and the form says why), a request far
larger than any form can need is refused before it is read, and a file name too long to
be read gets a page that says to rename the file."""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils import translation
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


# What Django's multipart parser says when the headers of one part pass its limit
# (django.http.multipartparser.MAX_TOTAL_HEADER_SIZE, 1 KiB): with our short field names,
# only a file name of several hundred characters gets there.
_HEADER_TOO_LONG = "Request max total header size exceeded."


class RequestSizeLimitMiddleware:
    """A body larger than every file of a form at the limit is refused unread (413); a
    form whose file name is too long for the parser gets a page that says to rename the
    file (400), instead of a bare "Bad request". Both pages are in the visitor's language,
    although this runs before LocaleMiddleware (so that a refused body is never read)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_SIZE:
            return self._page(
                request, "413.html", {"limit": filesizeformat(settings.MAX_UPLOAD_SIZE)}, 413
            )
        if request.method == "POST" and request.content_type == "multipart/form-data":
            try:
                # Parsed here rather than in the CSRF check, the first to read it, so
                # that the parser's refusal can be told apart and explained.
                request.POST  # noqa: B018
            except MultiPartParserError as error:
                if str(error) != _HEADER_TOO_LONG:
                    raise
                return self._page(request, "400_file_name.html", {}, 400)
        return self.get_response(request)

    @staticmethod
    def _page(request: HttpRequest, template: str, context: dict, status: int) -> HttpResponse:
        with translation.override(translation.get_language_from_request(request, check_path=True)):
            return render(request, template, context, status=status)
