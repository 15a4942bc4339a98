"""Small real PDF documents for the demo's advocacy materials: one A4 page with a title
and paragraphs, and the document information a word processor writes (its author), so
that the copy without the author's details has something to remove."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence

import pikepdf

_PAGE = (595, 842)  # A4, in points
_MARGIN = 72
_LINE_WIDTH = 88  # characters of 11-point Helvetica across the page
_MAX_LINES = 46


def _pdf_string(text: str) -> bytes:
    """A literal string of the page's content, in the font's encoding (WinAnsi)."""
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def pdf_document(*, title: str, paragraphs: Sequence[str], author: str) -> bytes:
    """A one-page PDF with the title and as much of the paragraphs as fits."""
    lines: list[str] = []
    for paragraph in paragraphs:
        lines += [*textwrap.wrap(paragraph, _LINE_WIDTH), ""]
    lines = lines[:_MAX_LINES]
    document = pikepdf.new()
    document.add_blank_page(page_size=_PAGE)
    page = document.pages[0]
    font = document.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.Type1,
            BaseFont=pikepdf.Name.Helvetica,
            Encoding=pikepdf.Name.WinAnsiEncoding,
        )
    )
    page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    top = _PAGE[1] - _MARGIN
    content = [
        b"BT /F1 16 Tf %d %d Td " % (_MARGIN, top) + _pdf_string(title) + b" Tj",
        b"/F1 11 Tf 15 TL 0 -30 Td",
        *(_pdf_string(line) + b" Tj T*" for line in lines),
        b"ET",
    ]
    page.obj.Contents = document.make_stream(b"\n".join(content))
    document.docinfo["/Title"] = title
    document.docinfo["/Author"] = author
    document.docinfo["/Creator"] = "Writer"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
