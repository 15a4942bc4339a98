"""The programme's page and print view in the page cache (presessions/page_cache.py).

They name people as they consented, so they are kept under one version that every
change to what they read renews at once: a meeting published or moved, a speaker's
answer, withdrawal or consent, an application's details, an observer's document or
pass, the series and its States. The receivers below catch every save and deletion of
those rows; the few changes made without one (a queryset's update, a bulk update) renew
it themselves. A kept page also lives at most SECONDS."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import get_language

from applications.models import Application
from panels.models import Meeting, ObserverDocument, Placement, Room, Timetable
from presessions import page_cache as pages
from presessions.models import Accreditation, PreSession, Series, WorkingGroupSession

VERSION = "programme:version"
SECONDS = 5 * 60

# Every model whose rows the programme reads (panels.programme.public, .documents).
READ_MODELS = (
    Meeting, Timetable, Room, Placement, Application, PreSession, Series,
    WorkingGroupSession, ObserverDocument, Accreditation,
)  # fmt: skip


def renew() -> None:
    """What the programme shows may have changed: its kept pages are out of date."""
    pages.renew(VERSION)


def page_key(number: int, *, printable: bool) -> str:
    return f"programme:page:{get_language()}:{number}:{'print' if printable else 'page'}"


def _changed(sender: Any, **kwargs: Any) -> None:
    renew()


for _model in READ_MODELS:
    for _signal in (post_save, post_delete):
        receiver(_signal, sender=_model, dispatch_uid=f"programme-page.{_model.__name__}")(_changed)
