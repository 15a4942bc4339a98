"""Documents cleaned of their author's details: nothing that names the author is left,
the content is, and what cannot be cleaned reliably is refused with its reason."""

import io
import zipfile

import pikepdf
import pytest
from PIL import Image

from applications.validators import detect_document_type
from presessions import file_metadata
from presessions.file_metadata import CannotClean, images, office, remove_identifying_metadata
from tests.authored_documents import (
    ARTIST_TAG,
    BODY,
    ORGANISATION,
    docx_by,
    everything_in,
    jpeg_by,
    names,
    odt_by,
    pdf_by,
    png_by,
)
from tests.documents import DOC_BYTES, upload

KINDS = [("pdf", pdf_by), ("docx", docx_by), ("odt", odt_by)]


@pytest.mark.parametrize(("kind", "build"), KINDS)
def test_cleaned_document_names_its_author_nowhere_and_keeps_its_words(kind, build):
    original = build(ORGANISATION)
    assert names(original, ORGANISATION)

    cleaned = remove_identifying_metadata(original, kind)

    assert not names(cleaned, ORGANISATION)
    assert BODY.encode() in everything_in(cleaned)
    assert detect_document_type(upload(f"cleaned.{kind}", cleaned)) == kind


def test_pdf_loses_its_document_information_and_xmp():
    cleaned = remove_identifying_metadata(pdf_by(ORGANISATION), "pdf")

    with pikepdf.open(io.BytesIO(cleaned)) as document:
        assert dict(document.docinfo.items()) == {}
        assert "/Metadata" not in document.Root
        assert len(document.pages) == 1
        [annotation] = document.pages[0].obj.Annots
        assert "/T" not in annotation
        assert str(annotation.Contents) == "Check the figures"


def test_docx_keeps_its_comments_and_changes_without_their_authors():
    cleaned = remove_identifying_metadata(docx_by(ORGANISATION), "docx")

    with zipfile.ZipFile(io.BytesIO(cleaned)) as archive:
        comments = archive.read("word/comments.xml").decode()
        document = archive.read("word/document.xml").decode()
        core = archive.read("docProps/core.xml").decode()
        picture = Image.open(io.BytesIO(archive.read("word/media/image1.jpeg")))
    assert 'w:author=""' in comments
    assert "Check the figures" in comments
    assert "and of lawyers" in document
    assert 'w:author=""' in document
    assert "creator" not in core
    assert ARTIST_TAG not in picture.getexif()
    assert picture.size == (8, 8)


def test_odt_keeps_its_mimetype_first_and_uncompressed():
    cleaned = remove_identifying_metadata(odt_by(ORGANISATION), "odt")

    with zipfile.ZipFile(io.BytesIO(cleaned)) as archive:
        first = archive.infolist()[0]
        meta = archive.read("meta.xml").decode()
    assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
    assert "initial-creator" not in meta
    assert "user-defined" not in meta


def test_pictures_lose_exif_and_text_but_not_their_pixels():
    jpeg = images.strip_picture(jpeg_by(ORGANISATION))
    png = images.strip_picture(png_by(ORGANISATION))

    assert ORGANISATION.encode() not in jpeg
    assert ORGANISATION.encode() not in png
    assert Image.open(io.BytesIO(jpeg)).getpixel((1, 1)) == (
        Image.open(io.BytesIO(jpeg_by(ORGANISATION))).getpixel((1, 1))
    )
    assert Image.open(io.BytesIO(png)).getpixel((1, 1)) == (30, 30, 200)


def test_embedded_word_document_is_cleaned_too():
    outer = docx_by("Someone else", embedded=docx_by(ORGANISATION))

    cleaned = remove_identifying_metadata(outer, "docx")

    assert not names(cleaned, ORGANISATION)


def _docx_with(name: str, content: bytes) -> bytes:
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(docx_by("x")), "r") as original,
        zipfile.ZipFile(buffer, "w") as archive,
    ):
        for info in original.infolist():
            archive.writestr(info.filename, original.read(info.filename))
        archive.writestr(name, content)
    return buffer.getvalue()


ENTITIES = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 '
    b'"&lol;&lol;&lol;&lol;">]><w:comments>&lol2;</w:comments>'
)


@pytest.mark.parametrize(
    ("data", "kind", "reason"),
    [
        (DOC_BYTES, "doc", file_metadata.OLD_WORD_FORMAT),
        (b"%PDF-1.4 not a real PDF", "pdf", file_metadata.UNREADABLE),
        (b"PK\x03\x04 not a zip", "docx", file_metadata.UNREADABLE),
        (_docx_with("word/footer1.xml", b"<w:ftr><unclosed>"), "docx", file_metadata.UNREADABLE),
        (_docx_with("word/footer1.xml", ENTITIES), "docx", file_metadata.UNREADABLE),
        (docx_by("x", embedded=DOC_BYTES), "docx", file_metadata.EMBEDDED_OBJECT),
        (_docx_with("_xmlsignatures/sig1.xml", b"<Signature/>"), "docx", file_metadata.SIGNED),
        (odt_by("x"), "docx", file_metadata.UNREADABLE),
        (b"plain text", "", file_metadata.UNREADABLE),
    ],
)
def test_what_cannot_be_cleaned_reliably_is_refused_with_its_reason(data, kind, reason):
    with pytest.raises(CannotClean) as refusal:
        remove_identifying_metadata(data, kind)

    assert refusal.value.reason == reason


def test_encrypted_pdf_cannot_be_cleaned():
    buffer = io.BytesIO()
    with pikepdf.open(io.BytesIO(pdf_by(ORGANISATION))) as document:
        document.save(buffer, encryption=pikepdf.Encryption(owner="o", user="secret"))

    with pytest.raises(CannotClean) as refusal:
        remove_identifying_metadata(buffer.getvalue(), "pdf")

    assert refusal.value.reason == file_metadata.UNREADABLE


def test_pdf_with_an_attached_file_cannot_be_cleaned():
    buffer = io.BytesIO()
    with pikepdf.open(io.BytesIO(pdf_by("x"))) as document:
        document.attachments["notes.txt"] = pikepdf.AttachedFileSpec(
            document, ORGANISATION.encode()
        )
        document.save(buffer)

    with pytest.raises(CannotClean) as refusal:
        remove_identifying_metadata(buffer.getvalue(), "pdf")

    assert refusal.value.reason == file_metadata.EMBEDDED_OBJECT


def test_package_that_unpacks_beyond_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr(office, "MAX_UNPACKED", 1024 * 1024)
    bomb = _docx_with("word/media/padding.bin", b"\0" * (2 * 1024 * 1024))

    with pytest.raises(CannotClean) as refusal:
        remove_identifying_metadata(bomb, "docx")

    assert refusal.value.reason == file_metadata.UNREADABLE
