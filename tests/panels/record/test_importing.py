import io

import pytest

from panels.enums import RecordResponse
from panels.models import UPRRecommendation
from panels.record import importing, reading, services
from panels.record.importing import Defaults
from presessions.models import Theme

from .conftest import HEADER, csv_bytes, xlsx_bytes


def run(data: bytes, name="export.csv", *, dry_run=False, defaults=None):
    return services.import_file(
        handle=io.BytesIO(data), name=name, defaults=defaults or Defaults(), dry_run=dry_run
    )


def test_import_csv_creates_the_recommendations_mapped(db, good_rows):
    outcome = run(csv_bytes(good_rows))

    assert (outcome.created, outcome.updated, outcome.refusals) == (3, 0, [])
    torture = UPRRecommendation.objects.get(recommending_state="FR")
    assert (torture.state_under_review.code, torture.session, torture.cycle) == ("KE", 49, 4)
    assert torture.response == RecordResponse.SUPPORTED
    assert torture.action_category == 5
    assert [t.name for t in torture.themes.all()] == ["Torture and other CID treatment"]
    defenders = UPRRecommendation.objects.get(recommending_state="VA")
    assert defenders.cycle == 3  # from the session
    assert defenders.action_category is None
    assert sorted(t.name for t in defenders.themes.all()) == [
        "Human rights defenders",
        "Women's rights",
    ]


def test_import_same_file_twice_creates_nothing_new(db, good_rows):
    run(csv_bytes(good_rows))
    keys = set(UPRRecommendation.objects.values_list("pk", "key"))

    outcome = run(csv_bytes(good_rows))

    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 0, 3)
    assert set(UPRRecommendation.objects.values_list("pk", "key")) == keys


def test_import_changed_response_updates_the_row(db, good_rows):
    run(csv_bytes(good_rows))
    good_rows[1][5] = "Supported"
    good_rows[1][6] = "Death penalty; International instruments"

    outcome = run(csv_bytes(good_rows))

    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 1, 2)
    row = UPRRecommendation.objects.get(recommending_state="UY")
    assert row.response == RecordResponse.SUPPORTED
    themes = sorted(t.name for t in row.themes.all())
    assert themes == ["Death penalty", "International instruments"]


def test_dry_run_changes_nothing(db, good_rows):
    outcome = run(csv_bytes(good_rows), dry_run=True)

    assert outcome.created == 3
    assert UPRRecommendation.objects.count() == 0


@pytest.mark.parametrize(
    ("column", "value", "code"),
    [
        (0, "", "missing_text"),
        (1, "Atlantis", "unknown_state"),
        (1, "", "missing_state"),
        (2, "Palestine", "unknown_sur"),  # an observer State recommends, is not reviewed
        (2, "France", "same_state"),
        (3, "the last one", "bad_session"),
        (4, "12", "bad_cycle"),
        (5, "Partially", "bad_response"),
        (6, "Right to happiness", "unknown_theme"),
        (7, "6", "bad_category"),
    ],
)
def test_import_refuses_bad_line_with_its_reason(db, good_rows, column, value, code):
    good_rows[0][column] = value

    outcome = run(csv_bytes(good_rows))

    assert [(r.line, r.code) for r in outcome.refusals] == [(2, code)]
    assert outcome.refusals[0].message
    assert outcome.created == 2  # the other lines are imported


def test_refusal_message_names_the_unknown_state(db, good_rows):
    good_rows[0][1] = "Atlantis"

    outcome = run(csv_bytes(good_rows))

    message = outcome.refusals[0].message
    assert message == "No UN Member State or observer State is called “Atlantis”."


def test_import_refuses_duplicate_line(db, good_rows):
    rows = [*good_rows, [" ratify the optional protocol to the Convention against torture ",
                         "France", "Kenya", "49", "4", "Supported", "", ""]]  # fmt: skip

    outcome = run(csv_bytes(rows))

    assert [(r.line, r.code, r.params) for r in outcome.refusals] == [(5, "duplicate", {"line": 2})]


@pytest.mark.parametrize(
    ("name", "spelling"),
    [
        ("GB", "United Kingdom of Great Britain and Northern Ireland"),
        ("VE", "Venezuela (Bolivarian Republic of)"),
        ("CI", "Cote d'Ivoire"),
        ("TR", "Türkiye"),
        ("KP", "Democratic People's Republic of Korea"),
        ("PS", "State of Palestine"),
        ("VA", "Holy See"),
        ("DE", "DEU"),
        ("BS", "the Bahamas"),
    ],
)
def test_import_maps_state_names(db, good_rows, name, spelling):
    good_rows[0][1] = spelling

    run(csv_bytes(good_rows[:1]))

    assert UPRRecommendation.objects.get().recommending_state.code == name


def test_import_maps_themes_by_french_and_spanish_names(db, good_rows):
    theme = Theme.objects.get(name="Death penalty")
    good_rows[0][6] = f"{theme.name_fr} | {theme.name_es.upper()}"

    run(csv_bytes(good_rows[:1]))

    assert [t.pk for t in UPRRecommendation.objects.get().themes.all()] == [theme.pk]


def test_import_reads_semicolon_csv_in_windows_encoding(db, good_rows):
    good_rows[0][1] = "Côte d'Ivoire"
    data = csv_bytes(good_rows, delimiter=";").decode().encode("cp1252")

    outcome = run(data)

    assert outcome.created == 3
    assert UPRRecommendation.objects.filter(recommending_state="CI").count() == 1


def test_import_csv_without_required_columns_is_refused_whole(db):
    data = csv_bytes([["Abolish it.", "Kenya"]], header=["Recommendation", "State under Review"])

    with pytest.raises(reading.UnreadableFileError) as raised:
        run(data)

    assert raised.value.message == ("These columns are missing: Recommending State, Session.")
    assert UPRRecommendation.objects.count() == 0


def test_import_file_without_header_is_refused(db):
    data = b"\n".join([b"a,b,c"] * 20)

    with pytest.raises(reading.UnreadableFileError) as raised:
        run(data)

    assert raised.value.code == "no_header"


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"PK\x03\x04 not really a workbook", "matrix.xlsx", "not_xlsx"),
        (b"Recommendation,Session\n", "matrix.xlsx", "not_xlsx"),
        (b"Recommendation\x00\x00", "export.csv", "not_text"),
        (b"Recommendation", "export.pdf", "wrong_extension"),
    ],
)
def test_import_broken_file_is_refused(db, data, name, code):
    with pytest.raises(reading.UnreadableFileError) as raised:
        run(data, name)

    assert raised.value.code == code
    assert str(raised.value.message)


def test_import_matrix_reads_source_from_text(db):
    rows = [
        ["143.1 Ratify the Optional Protocol to the Convention against Torture (France);",
         "Supported", "Torture and other CID treatment"],
        ["143.2 Abolish the death penalty (Uruguay);", "Noted", "Death penalty"],
    ]  # fmt: skip

    outcome = run(xlsx_bytes(rows), "matrix.xlsx", defaults=Defaults("KE", 49))

    assert outcome.created == 2
    row = UPRRecommendation.objects.get(recommending_state="FR")
    assert row.text == "Ratify the Optional Protocol to the Convention against Torture"
    assert (row.state_under_review.code, row.session, row.cycle) == ("KE", 49, 4)


def test_import_matrix_and_csv_of_same_review_are_one_record(db, good_rows):
    run(csv_bytes(good_rows))
    rows = [["143.1 Ratify the Optional Protocol to the Convention against Torture. (France)",
             "Supported", "Torture and other CID treatment"]]  # fmt: skip

    outcome = run(xlsx_bytes(rows), "matrix.xlsx", defaults=Defaults("KE", 49))

    assert (outcome.created, outcome.unchanged) == (0, 1)


def test_import_matrix_without_state_under_review_needs_the_upload_to_say(db):
    rows = [["Abolish the death penalty (Uruguay);", "Noted", "Death penalty"]]

    with pytest.raises(reading.UnreadableFileError) as raised:
        run(xlsx_bytes(rows), "matrix.xlsx")

    assert raised.value.params == {"columns": "State under Review, Session"}


def test_plan_report_lists_refused_lines_first(db, good_rows):
    good_rows[2][1] = "Atlantis"
    rows = reading.read_rows(io.BytesIO(csv_bytes(good_rows)), "csv", required=("text",))

    report = importing.plan(rows, Defaults()).report()

    assert [(e["line"], e["action"]) for e in report] == [
        (4, "refused"),
        (2, "create"),
        (3, "create"),
    ]


def test_cycle_of_sessions():
    assert [importing.cycle_of(s) for s in (1, 12, 13, 26, 27, 40, 41, 54, 55)] == [
        1, 1, 2, 2, 3, 3, 4, 4, 5,
    ]  # fmt: skip


def test_header_columns_accept_any_case_and_order(db, good_rows):
    header = [h.upper() for h in reversed(HEADER)]
    rows = [list(reversed(row)) for row in good_rows]

    outcome = run(csv_bytes(rows, header=header))

    assert outcome.created == 3


def test_import_in_chunks_writes_every_row_once(db, monkeypatch):
    monkeypatch.setattr(importing, "_CHUNK", 100)
    monkeypatch.setattr(importing, "_LOOKUP_CHUNK", 60)
    rows = [
        [f"Recommendation number {n}.", "France", "Kenya", str(1 + n % 50), "", "Noted",
         "Death penalty; Detention", "3"]
        for n in range(250)
    ]  # fmt: skip

    first = run(csv_bytes(rows))
    again = run(csv_bytes(rows))

    assert (first.created, again.created, again.unchanged) == (250, 0, 250)
    assert UPRRecommendation.objects.count() == 250
    assert UPRRecommendation.themes.through.objects.count() == 500


def test_import_refuses_file_with_too_many_rows(db, good_rows, monkeypatch):
    monkeypatch.setattr(reading, "MAX_ROWS", 2)

    with pytest.raises(reading.UnreadableFileError) as raised:
        run(csv_bytes(good_rows))

    assert raised.value.message == "The file has more than 2 lines: please split it."
    assert UPRRecommendation.objects.count() == 0
