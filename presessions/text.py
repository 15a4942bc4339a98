"""What people type, made safe to store, export and publish.

Control characters and the bidirectional overrides and isolates are removed on input:
they are never typed on purpose, break the XLSX export and the calendar files, and an
override (U+202E) can make a name or a file name read differently from what it is.
Everything else, including right-to-left scripts, combining accents and emoji, is kept.
"""

from __future__ import annotations

# C0 controls, DEL, the C1 controls, the bidirectional embeddings and overrides
# (U+202A-U+202E) and isolates (U+2066-U+2069), and the two non-characters XML cannot hold.
_REMOVED = frozenset(
    [
        *range(0x00, 0x20),
        *range(0x7F, 0xA0),
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
        0xFFFE,
        0xFFFF,
    ]
)
# What separates words on one line: kept as a space so that words do not run together.
_SPACES = frozenset([0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x1F, 0x85, 0x2028, 0x2029])
# In a text of several lines, tabs and line breaks stay (as "\n").
_BREAKS = frozenset([0x0A, 0x0B, 0x0C, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029])

_LINE = {c: " " if c in _SPACES else None for c in _REMOVED | _SPACES}
_TEXT = {c: None for c in _REMOVED} | {c: "\n" for c in _BREAKS} | {0x09: "\t"}


def clean_line(value: str) -> str:
    """A name or another one-line value: without control characters or bidirectional
    controls; a tab or line break becomes a space."""
    return value.translate(_LINE)


def clean_text(value: str) -> str:
    """A text of several lines (a summary, a statement, notes): the same, but tabs and
    line breaks stay, every line break as "\\n"."""
    return value.replace("\r\n", "\n").replace("\r", "\n").translate(_TEXT)


# What a spreadsheet program reads as the start of a formula (OWASP, "CSV Injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value: object) -> object:
    """A cell of an export: text that a spreadsheet would run as a formula (an
    organisation named `=HYPERLINK(...)`) is prefixed with an apostrophe, so that it is
    shown as typed. Numbers, dates and empty cells are left as they are."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value
