import pytest
from django.core.management import CommandError, call_command

from panels.models import UPRRecommendation

from .conftest import csv_bytes


def test_command_imports_and_reports(tmp_path, db, good_rows, capsys):
    good_rows[2][1] = "Atlantis"
    path = tmp_path / "export.csv"
    path.write_bytes(csv_bytes(good_rows))

    call_command("import_upr_record", str(path))
    call_command("import_upr_record", str(path))

    out, err = capsys.readouterr()
    assert "3 lines: created 2, updated 0, unchanged 0, refused 1." in out
    assert "3 lines: created 0, updated 0, unchanged 2, refused 1." in out
    assert "line 4: No UN Member State or observer State is called “Atlantis”." in err
    assert UPRRecommendation.objects.count() == 2


def test_command_dry_run_imports_nothing(tmp_path, db, good_rows, capsys):
    path = tmp_path / "export.csv"
    path.write_bytes(csv_bytes(good_rows))

    call_command("import_upr_record", str(path), "--dry-run")

    assert "would create 3" in capsys.readouterr().out
    assert UPRRecommendation.objects.count() == 0


def test_command_refuses_broken_file(tmp_path, db):
    path = tmp_path / "matrix.xlsx"
    path.write_bytes(b"PK\x03\x04broken")

    with pytest.raises(CommandError, match="not a readable Excel workbook"):
        call_command("import_upr_record", str(path), "--state", "Kenya", "--session", "49")
