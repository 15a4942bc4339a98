import io

import pikepdf
from django.core.files.base import ContentFile

from applications.validators import validate_publishable_document
from panels.management.sample_documents import pdf_document


def test_a_sample_pdf_passes_the_checks_of_a_publishable_upload():
    data = pdf_document(
        title="Factsheet: access to safe water in Türkiye",
        paragraphs=["Water cuts (in the poorer districts) last for days \\ weeks.", "Second."],
        author="Réseau pour l'eau",
    )

    assert validate_publishable_document(ContentFile(data, name="factsheet.pdf")) == "pdf"


def test_a_sample_pdf_holds_its_title_and_text_on_one_page_and_names_its_author():
    data = pdf_document(
        title="Case studies", paragraphs=["A long paragraph. " * 40], author="Coastal Forum"
    )

    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 1
        content = pdf.pages[0].Contents.read_bytes()
        assert pdf.docinfo["/Author"] == "Coastal Forum"
        assert pdf.docinfo["/Title"] == "Case studies"
    assert b"(Case studies) Tj" in content
    assert content.count(b"T*") > 5  # the paragraph wrapped over several lines


def test_a_sample_pdf_keeps_to_one_page_however_long_the_text():
    data = pdf_document(title="Report", paragraphs=["Words " * 2000], author="A")

    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 1
        assert pdf.pages[0].Contents.read_bytes().count(b"T*") == 46
