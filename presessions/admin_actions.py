"""Helpers of the admin's actions."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.response import TemplateResponse

from presessions import outbox

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def run_each(modeladmin, request, objects, action: Callable, done: StrOrPromise) -> None:
    """Apply a service to each object; report successes (done: an ngettext_lazy message
    keyed on "count") and each refusal by name."""
    succeeded = 0
    for obj in objects:
        try:
            with transaction.atomic():
                action(obj)
        except ValidationError as error:
            modeladmin.message_user(request, f"{obj}: {' '.join(error.messages)}", messages.ERROR)
        else:
            succeeded += 1
    if succeeded:
        modeladmin.message_user(request, done % {"count": succeeded}, messages.SUCCESS)


def confirm_send(
    modeladmin,
    request,
    queryset: Iterable[Any],
    *,
    send_each: Callable[[Any], object],
    done: StrOrPromise,
    title: StrOrPromise,
    preview_each: Callable[[Any], object] | None = None,
    preview: outbox.Preview | None = None,
    form: forms.Form | None = None,
    template: str = "admin/confirm_send.html",
    extra_context: Mapping[str, Any] | None = None,
) -> TemplateResponse | None:
    """An action that sends emails, in two steps (as Django's delete_selected): first a
    page with what would be sent, then, posted again with post=yes, the sending itself
    through run_each.

    The preview is the dry run of preview_each (send_each by default) unless given. A
    form (a reason, say) is shown on the page and must be valid to send; send_each
    reads its cleaned_data. Returns the page, or None once sent (back to the list).
    """
    objects = list(queryset)
    if request.POST.get("post") == "yes" and (form is None or form.is_valid()):
        run_each(modeladmin, request, objects, send_each, done)
        return None
    if preview is None:
        preview = outbox.dry_run(preview_each or send_each, objects)
    opts = modeladmin.model._meta
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "opts": opts,
        "objects": objects,
        "preview": preview,
        "form": form,
        "action": request.POST.get("action", ""),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        **(extra_context or {}),
    }
    request.current_app = modeladmin.admin_site.name
    return TemplateResponse(request, template, context)
