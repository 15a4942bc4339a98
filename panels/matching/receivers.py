"""The matching's answers to what the record says (`panels.record.signals`)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from panels.matching import services
from panels.record.signals import recommendations_changed


@receiver(recommendations_changed, dispatch_uid="matching-renews-pages-of-changed-record")
def renew_pages_of_changed(sender: Any, ids: list[int], **kwargs: Any) -> None:
    services.renew_pages_of(upr_ids=ids)
