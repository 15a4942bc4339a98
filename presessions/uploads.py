"""Uploads are refused as they arrive, not after: a file is dropped as soon as it passes
MAX_UPLOAD_SIZE (the rest of the form is kept, and the form says why), a request far
larger than any form can need is refused before it is read, and a file name too long to
be read gets a page that says to rename the file. A file that passed its checks in a form
that failed for another reason is kept, so that it need not be uploaded again
(KeepsUploadMixin)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.conf import settings
from django.core.files import File
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext as _

from presessions.forms import FormMixinBase
from presessions.signing import InvalidLinkError, make_token, row_from_token

if TYPE_CHECKING:
    from django.http import QueryDict


class SizeLimitedUploadHandler(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS: counts each file's bytes and skips the file (the
    next handlers never store the rest) once it is too large."""

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > settings.MAX_UPLOAD_SIZE:
            request = self.request
            assert request is not None, "Django's parser gives each upload handler the request"
            oversized: set[str] = getattr(request, "oversized_uploads", set())
            oversized.add(self.field_name)
            # An attribute of this project's own, read back by report_oversized below.
            request.oversized_uploads = oversized  # type: ignore[attr-defined]
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def report_oversized(request: HttpRequest, forms_: Iterable[forms.BaseForm]) -> bool:
    """Add the size error to each form whose file was dropped; True if any was."""
    oversized: set[str] = getattr(request, "oversized_uploads", set())
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


# How long the key of a kept file stays valid in a form; files nobody came back for are
# purged after as long (applications.services.purge_pending_uploads).
KEPT_UPLOAD_MAX_AGE = 60 * 60 * 24


class KeptUploadField(forms.CharField):
    """The hidden field that carries the signed key of a file kept from an earlier,
    failed submission of the same form. It cleans to the kept row (of `queryset`, found
    by its `key`), or to None when there is none or its token is forged or expired: the
    person is then asked for the file again. `stash` keeps a new file and returns its
    row (with `key` and `original_name`)."""

    widget = forms.HiddenInput

    def __init__(
        self,
        *,
        queryset: QuerySet[Any],
        salt: str,
        stash: Callable[[File], Any],
        max_age: int = KEPT_UPLOAD_MAX_AGE,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.queryset, self.salt, self.stash, self.max_age = queryset, salt, stash, max_age

    def clean(self, value: Any) -> Any:
        token = super().clean(value)
        if not token:
            return None
        try:
            return row_from_token(
                self.queryset.all(), token, salt=self.salt, field="key", max_age=self.max_age
            )
        except InvalidLinkError:
            return None

    def token_for(self, kept: Any) -> str:
        return make_token(kept.key, salt=self.salt, expires=True)


class KeepsUploadMixin(FormMixinBase):
    """A form with a file field (`upload_field`) and its KeptUploadField (`kept_field`).
    When the form fails for another reason, keep_valid_upload() keeps a file that passed
    its checks, so that the person need not upload it again, and puts its signed key in
    the form shown again; a file kept before stays kept until another one is chosen."""

    upload_field = "file"
    kept_field = "file_pending"
    pending_upload: Any = None

    def keep_valid_upload(self) -> None:
        data = getattr(self, "cleaned_data", None)
        if data is None:
            return
        kept_field = self.fields[self.kept_field]
        assert isinstance(kept_field, KeptUploadField), kept_field
        upload = data.get(self.upload_field)
        # None: no file chosen now (False: a file field's "clear" box was ticked).
        pending = data.get(self.kept_field) if upload is None else None
        if upload and self.upload_field not in self.errors:
            pending = kept_field.stash(upload)
        if pending:
            self.pending_upload = pending
            # A bound form's data is request.POST (a QueryDict) or, in tests, a dict.
            self.data = form_data = cast("QueryDict | dict[str, Any]", self.data).copy()
            form_data[self.add_prefix(self.kept_field)] = kept_field.token_for(pending)
