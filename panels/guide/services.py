"""Saving a practical guide, as staff change it."""

from __future__ import annotations

from functools import partial

from django.db import transaction

from panels.guide.topics import DOCUMENTS
from panels.models import PracticalGuide

_FILE_FIELDS = tuple(field for field, _stem, _label in DOCUMENTS.values())


@transaction.atomic
def save_practical_guide(*, guide: PracticalGuide) -> None:
    """Save the guide as staff changed it (its texts, its documents).

    Side effects: the row saved; a document it replaced or removed deleted from the
    storage once the transaction commits (so that a failed save loses nothing)."""
    before = (
        PracticalGuide.objects.filter(pk=guide.pk).values(*_FILE_FIELDS).first()
        if guide.pk
        else None
    )
    guide.save()
    if before is None:
        return
    for field in _FILE_FIELDS:
        old_name = before[field]
        if old_name and old_name != getattr(guide, field).name:
            transaction.on_commit(partial(getattr(guide, field).storage.delete, old_name))
