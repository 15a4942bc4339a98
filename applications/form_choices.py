"""The choices of the application form that do not change from one visitor to the
next (the active themes, the countries), sorted in each language once per process
instead of on every request.

The themes' choices are keyed by a version held in the shared cache, which a change to
any theme replaces (the signals below): an edit by staff shows at once in every
process. The form still validates a submitted theme against the database, so a
stale list could never refuse a theme that was just added."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import get_language

from presessions.models import Theme

Choices = list[tuple[Any, str]]

_THEMES_VERSION_KEY = "applications:themes-version"
_lock = threading.Lock()
# (what, language, version) -> the sorted choices; only the current version is kept.
_built: dict[tuple[str, str, str], Choices] = {}


def themes_version() -> str:
    """The version of the themes: it changes whenever a theme is saved or deleted."""
    version = cache.get(_THEMES_VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        # Another process may have set it meanwhile: theirs wins (add), read it back.
        cache.add(_THEMES_VERSION_KEY, version, timeout=None)
        version = cache.get(_THEMES_VERSION_KEY, version)
    return version


def cached_choices(what: str, version: str, build: Callable[[], Choices]) -> Choices:
    """The choices `build` gives, built once per language, process and `version`."""
    key = (what, get_language() or "", version)
    choices = _built.get(key)
    if choices is None:
        choices = build()
        with _lock:
            for stale in [k for k in _built if k[0] == what and k[2] != version]:
                del _built[stale]
            _built[key] = choices
    return choices


@receiver([post_save, post_delete], sender=Theme, dispatch_uid="applications.themes-changed")
def _themes_changed(**kwargs: Any) -> None:
    # Now, for this request, and again once committed: a list built meanwhile by
    # another process, from the rows as they were before, is not kept either.
    _new_themes_version()
    transaction.on_commit(_new_themes_version)


def _new_themes_version() -> None:
    cache.set(_THEMES_VERSION_KEY, uuid.uuid4().hex, timeout=None)
