"""The version of the UPR record in the page cache (presessions/page_cache.py): the
record's public pages and the read API's answers about the record are kept under it, and
an import that writes recommendations (importing.apply) or a deletion in the admin
(services) renews it, so that the next page or answer shows the change."""

from __future__ import annotations

import hashlib

from django.utils.translation import get_language

from presessions import page_cache as pages

_PREFIX = "upr-record"
RECORD = f"{_PREFIX}:version"
# The record changes only through imports, which renew it; this bounds how long an answer
# or a page keeps what the version does not follow (a theme's new name).
SECONDS = 60 * 60


def renew_record() -> None:
    """Recommendations were created, updated or deleted: every answer about the record is
    out of date."""
    pages.renew(RECORD)


def page_key(name: str, variant: str) -> str:
    """Where a page of the record is kept, by address and language (the version is kept
    with the page)."""
    digest = hashlib.sha256(variant.encode()).hexdigest()[:32]
    return f"{_PREFIX}:page:{name}:{get_language()}:{digest}"
