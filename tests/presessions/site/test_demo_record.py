from django.urls import reverse

from panels.models import UPRRecommendation
from panels.record.sample import make_samples
from presessions.site.demo import record


def test_sample_record_imports_both_formats_once(db):
    created = record.load_sample_record()

    assert created == UPRRecommendation.objects.count() == 548  # 546 + 2 in the matrix only
    assert record.load_sample_record() == 0
    assert UPRRecommendation.objects.count() == 548
    mexico = UPRRecommendation.objects.filter(state_under_review="MX", session=45)
    assert mexico.count() == 10
    # The matrix has no action categories: it keeps those of the export.
    assert mexico.filter(action_category__isnull=True).count() == 2


def test_sample_files_say_they_are_sample_data():
    assert make_samples.CSV_FILE.read_text(encoding="utf-8").startswith(f'"{make_samples.MARK}"')
    from openpyxl import load_workbook

    book = load_workbook(make_samples.XLSX_FILE, read_only=True)
    first = next(book.worksheets[0].iter_rows(values_only=True))
    book.close()
    assert first[0] == make_samples.MARK


def test_sample_files_are_what_the_generator_writes(tmp_path, monkeypatch):
    monkeypatch.setattr(make_samples, "CSV_FILE", tmp_path / "export.csv")

    make_samples.write_csv()

    assert (tmp_path / "export.csv").read_bytes() == (
        make_samples.HERE / "sample-upr-info-export.csv"
    ).read_bytes()


def test_sample_record_pages_answer(client, db):
    record.load_sample_record()

    page = client.get(reverse("panels:record-received", args=["MEX"]))

    assert page.status_code == 200
    assert page.context["page"].paginator.count == 15  # 10 of the 4th cycle, 5 of the 3rd
