"""What the upload checks cost on hostile and large files:

    .venv/bin/python bench/zip_bomb.py [--gib 1]

It builds, in memory and in chunks, an ODT and a DOCX of about 1 MB whose main part
inflates to 1 GiB (compression level 9, the smallest such file), and
a real PDF of 10 MB with 2,000 pages and one of 3.5 MB with 26,000 objects (2,000 pages
of 10 links each); then it times `validate_document` on each (and
`pdf_active_content` on the PDFs) and prints the best of three times, the peak of memory
allocated by Python during the check (tracemalloc) and how much the process's peak
resident memory rose (qpdf's C++ memory included). The file itself is already in memory
and not counted. Figures only; it never fails on a slow result. Linux only (/proc).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import time
import tracemalloc
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "presessions.settings")

import django  # noqa: E402

django.setup()

import pikepdf  # noqa: E402
from django.core.exceptions import ValidationError  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402

from applications.validators import pdf_active_content, validate_document  # noqa: E402
from tests.documents import zip_bomb  # noqa: E402


def _peak_rss() -> int:
    """The process's peak resident memory (VmHWM), in bytes: Python's and qpdf's."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def _reset_peak_rss() -> None:
    # Linux resets VmHWM to the current size when "5" is written here.
    Path("/proc/self/clear_refs").write_text("5")


def measure(label: str, check: Callable[[], object]) -> None:
    """Three runs: the best time (no tracing, which slows allocations), then the peak of
    Python's allocations (tracemalloc) and the rise of the process's peak memory."""
    times = []
    for _ in range(3):
        started = time.perf_counter()
        try:
            outcome = repr(check())
        except ValidationError as error:
            outcome = f"refused ({error.code})"
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    with contextlib.suppress(ValidationError):
        check()
    _current, python_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    _reset_peak_rss()
    before = _peak_rss()
    with contextlib.suppress(ValidationError):
        check()
    rss_rise = _peak_rss() - before
    print(
        f"{label:<36} {min(times) * 1000:9.2f} ms  Python peak {python_peak / 2**20:6.2f} MiB"
        f"  RSS rise {rss_rise / 2**20:6.2f} MiB  {outcome}"
    )


def large_pdf(pages: int = 2000, page_bytes: int = 5000) -> bytes:
    document = pikepdf.new()
    for _ in range(pages):
        document.add_blank_page()
        # Incompressible-looking text, so that the file is as large as a scanned report.
        text = os.urandom(page_bytes // 2).hex().encode()
        document.pages[-1].Contents = document.make_stream(b"BT (" + text + b") Tj ET")
    buffer = io.BytesIO()
    document.save(buffer, compress_streams=False)
    return buffer.getvalue()


def linked_pdf(pages: int = 2000, links: int = 10) -> bytes:
    """Many small objects, as in a long report with a linked table of contents."""
    document = pikepdf.new()
    for _ in range(pages):
        document.add_blank_page()
        document.pages[-1].Annots = document.make_indirect(
            pikepdf.Array(
                document.make_indirect(
                    pikepdf.Dictionary(
                        Type=pikepdf.Name.Annot,
                        Subtype=pikepdf.Name.Link,
                        Rect=[0, 0, 10, 10],
                        A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI="https://example.org"),
                    )
                )
                for _ in range(links)
            )
        )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gib", type=int, default=1, help="what the bombs inflate to")
    args = parser.parse_args()
    for kind in ("odt", "docx"):
        started = time.perf_counter()
        content = zip_bomb(kind, args.gib * 1024**3, compresslevel=9)
        print(
            f"built a {kind.upper()} of {len(content) / 1024 / 1024:.2f} MB that inflates to "
            f"{args.gib} GiB in {time.perf_counter() - started:.1f} s"
        )
        bomb = SimpleUploadedFile(f"report.{kind}", content)
        measure(f"validate_document, {kind.upper()} bomb", partial(validate_document, bomb))
    content = large_pdf()
    print(f"built a PDF of {len(content) / 1024 / 1024:.2f} MB with 2,000 pages")
    upload = SimpleUploadedFile("report.pdf", content)
    measure("validate_document, large PDF", partial(validate_document, upload))
    measure("pdf_active_content, large PDF", partial(pdf_active_content, upload))
    content = linked_pdf()
    print(f"built a PDF of {len(content) / 1024 / 1024:.2f} MB with 2,000 pages of 10 links")
    upload = SimpleUploadedFile("report.pdf", content)
    measure("validate_document, linked PDF", partial(validate_document, upload))
    measure("pdf_active_content, linked PDF", partial(pdf_active_content, upload))


if __name__ == "__main__":
    main()
