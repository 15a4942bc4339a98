"""Why a document cannot be cleaned of its author's details."""

from __future__ import annotations

OLD_WORD_FORMAT = "old_word"
UNREADABLE = "unreadable"
EMBEDDED_OBJECT = "embedded"
SIGNED = "signed"


class CannotClean(Exception):  # noqa: N818 - reads as the outcome: "cannot clean"
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
