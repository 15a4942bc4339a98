"""The version of the UPR record in the page cache (presessions/page_cache.py): the read
API's answers about the record are kept under it, and an import that writes
recommendations (importing.apply) or a deletion in the admin (services) renews it, so
that the next answer shows the change."""

from __future__ import annotations

from presessions import page_cache as pages

RECORD = "upr-record:version"
# The record changes only through imports, which renew it; this bounds how long an answer
# keeps what the version does not follow (a theme's new name).
SECONDS = 60 * 60


def renew_record() -> None:
    """Recommendations were created, updated or deleted: every answer about the record is
    out of date."""
    pages.renew(RECORD)
