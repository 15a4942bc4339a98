"""Helpers of the admin's actions."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from presessions import outbox

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# The mixins below are mixed into ModelAdmins, some of them untyped (simple_history's): to
# mypy their base is Any, as those admins' is.
ModelAdminBase: Any = object

# The POST field of an action's form that names the page to come back to afterwards.
RETURN_TO = "_return_to"


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


def return_address(request: HttpRequest) -> str:
    """The page an action's form asks to come back to (its `_return_to` field), if it is
    on this site; "" otherwise (an address elsewhere is ignored, never followed)."""
    target = request.POST.get(RETURN_TO, "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


class ReturnsAfterAction(ModelAdminBase):
    """Admin mixin: an action run from another page (the series page, an object's change
    page) goes back to that page once done, rather than to the list. Only when the action
    itself answered nothing: a page it shows (a preview to confirm) is shown as it is."""

    def response_action(self, request, queryset, *args: Any, **kwargs: Any):
        response = super().response_action(request, queryset, *args, **kwargs)
        to_the_list = (
            isinstance(response, HttpResponseRedirect) and response.url == request.get_full_path()
        )
        target = return_address(request)
        if to_the_list and target:
            return HttpResponseRedirect(target)
        return response


class ActionsOnChangePage(ReturnsAfterAction):
    """Admin mixin: some of the list's actions as buttons on an object's change page, each a
    plain form posting that action for this object and coming back to the page. Only the
    actions the user may run (the admin's own permission checks) that apply to the object
    as it stands (offers_action) are shown."""

    change_page_actions: tuple[str, ...] = ()

    def offers_action(self, request, obj, name: str) -> bool:
        return True

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        buttons = []
        if obj is not None and self.change_page_actions:
            available = self.get_actions(request)
            buttons = [
                (name, available[name][2])
                for name in self.change_page_actions
                if name in available and self.offers_action(request, obj, name)
            ]
        context = {
            **context,
            "object_actions": buttons,
            "object_action_ids": () if obj is None else (obj.pk,),
            "object_actions_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist",
                current_app=self.admin_site.name,
            ),
            "return_field": RETURN_TO,
        }
        return super().render_change_form(request, context, add, change, form_url, obj)


def return_context(request: HttpRequest) -> dict[str, str]:
    """For a page an action shows before it runs (a preview to confirm): the context of
    templates/admin/includes/return_to_field.html, which carries the page to come back to
    on to the confirming POST."""
    return {"return_field": RETURN_TO, "return_to": return_address(request)}


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
        **return_context(request),
        **(extra_context or {}),
    }
    request.current_app = modeladmin.admin_site.name
    return TemplateResponse(request, template, context)
