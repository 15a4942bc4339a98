import csv
import io

import pytest

HEADER = ["Recommendation", "Recommending State", "State under Review", "Session", "Cycle",
          "Response", "Issues", "Action category"]  # fmt: skip


def csv_bytes(rows, header=HEADER, delimiter=",") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def xlsx_bytes(rows, header=("Recommendation", "Position", "Full list of themes")) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Kenya, UPR Working Group session 49: matrix of recommendations"])
    sheet.append([])
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def good_rows():
    return [
        ["Ratify the Optional Protocol to the Convention against Torture.", "France", "Kenya",
         "49", "4", "Supported", "Torture and other CID treatment", "5"],
        ["Abolish the death penalty.", "Uruguay", "Kenya", "49", "4", "Noted",
         "Death penalty", "5"],
        ["Protect human rights defenders.", "Holy See", "Kenya", "35", "", "Supported",
         "Human rights defenders; Women's rights", ""],
    ]  # fmt: skip
