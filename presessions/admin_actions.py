"""Helpers of the admin's actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction

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
