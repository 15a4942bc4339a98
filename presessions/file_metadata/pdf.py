"""PDF documents without their document information, XMP metadata, application data
and the author names of their comments. The file is written anew, so the earlier
revisions an incremental save leaves behind are gone too."""

from __future__ import annotations

import io

import pikepdf

from presessions.file_metadata.reasons import EMBEDDED_OBJECT, SIGNED, UNREADABLE, CannotClean

# Keys that hold metadata wherever they appear (the catalog, pages, pictures, fonts).
_METADATA_KEYS = ("/Metadata", "/PieceInfo", "/LastModified")
# Annotations that are form fields or links carry a field name in /T, not an author.
_NOT_MARKUP = {"/Widget", "/Link", "/Popup"}


def clean_pdf(data: bytes) -> bytes:
    try:
        with pikepdf.open(io.BytesIO(data)) as document:
            _refuse_what_cannot_be_cleaned(document)
            if "/Info" in document.trailer:
                del document.trailer["/Info"]
            for obj in document.objects:
                if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
                    _drop_metadata(obj)
            for page in document.pages:
                _drop_metadata(page.obj)
                for annotation in page.obj.get("/Annots", []):
                    _drop_metadata(annotation)
                    if annotation.get("/Subtype") not in _NOT_MARKUP and "/T" in annotation:
                        del annotation["/T"]
            out = io.BytesIO()
            document.save(out, encryption=False, fix_metadata_version=False)
            return out.getvalue()
    except (
        pikepdf.PdfError,
        pikepdf.PasswordError,
        ValueError,
        TypeError,
        RecursionError,
    ) as error:
        raise CannotClean(UNREADABLE) from error


def _refuse_what_cannot_be_cleaned(document: pikepdf.Pdf) -> None:
    names = document.Root.get("/Names")
    if names is not None and "/EmbeddedFiles" in names:
        raise CannotClean(EMBEDDED_OBJECT)
    form = document.Root.get("/AcroForm")
    if form is not None and int(form.get("/SigFlags", 0)) & 1:
        raise CannotClean(SIGNED)
    for page in document.pages:
        for annotation in page.obj.get("/Annots", []):
            if annotation.get("/Subtype") == "/FileAttachment":
                raise CannotClean(EMBEDDED_OBJECT)


def _drop_metadata(obj) -> None:
    if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
        return
    for key in _METADATA_KEYS:
        if key in obj:
            del obj[key]
