"""Reading the published files of recommendations into plain rows, or saying why not.

Two formats: the OHCHR "matrix of recommendations" (.xlsx: title rows, then a header
row with at least a "Recommendation" column) and the UPR Info database's export (.csv,
comma, semicolon or tab separated, a header row first). Columns are found by their
header, in any order and case; other columns are ignored (COLUMNS lists the accepted
names). A file that cannot be read at all raises UnreadableFileError and nothing of it is used.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO

from django.utils.translation import gettext_lazy as _

from panels.enums import ImportFormat
from panels.record.names import normalise

# The canonical column, and the headers each is recognised by (normalised).
COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("recommendation", "recommendation text", "text"),
    "recommending_state": ("recommending state", "recommending country", "from"),
    "state_under_review": ("state under review", "sur", "country under review"),
    "session": ("session", "upr session", "working group session"),
    "cycle": ("cycle", "upr cycle"),
    "response": ("response", "position", "response to recommendation"),
    "issues": ("issues", "issue", "themes", "theme", "full list of themes"),
    "action_category": ("action category", "action", "category"),
}
# The header each canonical column is named by in messages (the first of UPR Info's).
HEADERS = {
    "text": "Recommendation",
    "recommending_state": "Recommending State",
    "state_under_review": "State under Review",
    "session": "Session",
    "cycle": "Cycle",
    "response": "Response",
    "issues": "Issues",
    "action_category": "Action category",
}
_BY_HEADER = {header: column for column, headers in COLUMNS.items() for header in headers}
# A matrix has a few title rows above its header.
_HEADER_SEARCH_ROWS = 10
MAX_ROWS = 100_000
_XLSX_MAGIC = b"PK\x03\x04"

PROBLEMS = {
    "not_xlsx": _("This file is not a readable Excel workbook (.xlsx)."),
    "not_text": _("This file is not a text file: a .csv file must be plain text."),
    "not_csv": _("This file cannot be read as CSV: %(error)s"),
    "no_header": _("No header row with a “Recommendation” column was found in the first ten rows."),
    "missing_columns": _("These columns are missing: %(columns)s."),
    "too_many_rows": _("The file has more than %(limit)s lines: please split it."),
    "empty": _("The file has no recommendations."),
    "wrong_extension": _("Only .xlsx and .csv files can be imported."),
}


class UnreadableFileError(Exception):
    """Why a whole file cannot be read; its message is translated when shown."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code, self.params = code, params

    @property
    def message(self) -> str:
        return str(PROBLEMS[self.code]) % self.params if self.params else str(PROBLEMS[self.code])


@dataclass(frozen=True)
class RawRow:
    line: int
    values: dict[str, str] = field(default_factory=dict)


def format_of(name: str) -> str:
    """The import format from a file name, or UnreadableFileError."""
    lowered = name.lower()
    if lowered.endswith(".xlsx"):
        return ImportFormat.OHCHR_MATRIX
    if lowered.endswith(".csv"):
        return ImportFormat.UPR_INFO
    raise UnreadableFileError("wrong_extension")


def check_type(handle: IO[bytes], fmt: str) -> None:
    """The first bytes say the same as the name: a workbook is a zip, a CSV has no NUL."""
    start = handle.read(8192)
    handle.seek(0)
    if fmt == ImportFormat.OHCHR_MATRIX and not start.startswith(_XLSX_MAGIC):
        raise UnreadableFileError("not_xlsx")
    if fmt == ImportFormat.UPR_INFO and (b"\x00" in start or start.startswith(_XLSX_MAGIC)):
        raise UnreadableFileError("not_text")


def read_rows(handle: IO[bytes], fmt: str, *, required: tuple[str, ...]) -> list[RawRow]:
    """Every data row of the file with its line number (as a spreadsheet numbers it),
    blank rows left out. `required` names the columns the file must have."""
    check_type(handle, fmt)
    rows_iter = _xlsx_rows(handle) if fmt == ImportFormat.OHCHR_MATRIX else _csv_rows(handle)
    columns: dict[int, str] | None = None
    rows: list[RawRow] = []
    try:
        for line, cells in rows_iter:
            if columns is None:
                columns = _header(cells)
                if columns is None and line >= _HEADER_SEARCH_ROWS:
                    raise UnreadableFileError("no_header")
                if columns is not None:
                    missing = [c for c in required if c not in columns.values()]
                    if missing:
                        raise UnreadableFileError(
                            "missing_columns", columns=", ".join(HEADERS[c] for c in missing)
                        )
                continue
            values = {
                name: cells[index].strip() for index, name in columns.items() if index < len(cells)
            }
            if not any(values.values()):
                continue
            if len(rows) >= MAX_ROWS:
                raise UnreadableFileError("too_many_rows", limit=MAX_ROWS)
            rows.append(RawRow(line=line, values=values))
    except csv.Error as error:
        raise UnreadableFileError("not_csv", error=str(error)) from error
    if columns is None:
        raise UnreadableFileError("no_header")
    if not rows:
        raise UnreadableFileError("empty")
    return rows


def _header(cells: list[str]) -> dict[int, str] | None:
    found: dict[int, str] = {}
    for index, cell in enumerate(cells):
        column = _BY_HEADER.get(normalise(cell))
        if column and column not in found.values():
            found[index] = column
    return found if "text" in found.values() else None


def _xlsx_rows(handle: IO[bytes]) -> Iterator[tuple[int, list[str]]]:
    # openpyxl is imported here: only the admin's imports need it.
    from openpyxl import load_workbook

    # A broken workbook fails in openpyxl in many ways (not a zip, missing parts, bad
    # XML, bad values): each is the same message to the person who uploaded it.
    try:
        book = load_workbook(handle, read_only=True, data_only=True)
    except Exception as error:
        raise UnreadableFileError("not_xlsx") from error
    try:
        rows = book.worksheets[0].iter_rows(values_only=True)
        for line, row in enumerate(rows, start=1):
            yield line, ["" if cell is None else str(cell) for cell in row]
    except Exception as error:
        raise UnreadableFileError("not_xlsx") from error
    finally:
        book.close()


def _csv_rows(handle: IO[bytes]) -> Iterator[tuple[int, list[str]]]:
    raw = handle.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            # What Excel writes on Windows when asked for "CSV".
            text = raw.decode("cp1252")
        except UnicodeDecodeError as error:
            raise UnreadableFileError("not_text") from error
    # The separator the header uses most (title lines above it may use others).
    head = text.split("\n", _HEADER_SEARCH_ROWS)[:_HEADER_SEARCH_ROWS]
    delimiter = max(",;\t", key=lambda d: max(line.count(d) for line in head))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    yield from enumerate(reader, start=1)
