"""Writes the sample files of the UPR record beside this module: invented
recommendations in both published formats, for the demo's States (python -m
panels.record.sample.make_samples). SAMPLE DATA: not the text of any real review."""

from __future__ import annotations

import csv
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
CSV_FILE = HERE / "sample-upr-info-export.csv"
XLSX_FILE = HERE / "sample-ohchr-matrix-mexico-45.xlsx"
MARK = "SAMPLE DATA for the demo: invented recommendations, not the text of any real UPR review."
# The matrix is one review's: the State under Review and session its upload names.
MATRIX_STATE, MATRIX_SESSION = "MX", 45

# The States of the demo's coming series (presessions.site.demo.calendar), by the
# 4th-cycle session that reviewed them; the 3rd cycle reviewed them 14 sessions earlier.
STATES = {
    44: ["TM", "BF", "CV", "CO", "UZ", "TV", "DE", "DJ", "CA", "BD", "RU", "AZ", "CM", "CU"],
    45: ["SA", "SN", "MY", "CF", "MC", "BZ", "TD", "CG", "CN", "NG", "MU", "MX", "JO", "MT"],
    46: ["NZ", "AF", "CL", "CY", "UY", "YE", "VU", "MK", "KM", "SK", "ER", "VN", "DO", "KH"],
}
RECOMMENDERS = [
    "France", "Germany", "Mexico", "Brazil", "Canada", "Australia", "New Zealand", "Norway",
    "Sweden", "Finland", "Iceland", "Ireland", "Netherlands (Kingdom of the)", "Belgium",
    "Luxembourg", "Switzerland", "Austria", "Spain", "Portugal", "Italy",
    "United Kingdom of Great Britain and Northern Ireland", "Japan", "Republic of Korea",
    "Chile", "Argentina", "Uruguay", "Peru", "Costa Rica", "Panama", "Senegal", "Ghana",
    "South Africa", "Namibia", "Botswana", "Morocco", "Tunisia", "India", "Indonesia",
    "Thailand", "Philippines", "Holy See", "State of Palestine", "Fiji", "Sierra Leone",
    "Togo", "Cyprus", "Slovenia", "Czechia", "Poland", "Georgia", "Armenia", "Viet Nam",
]  # fmt: skip
# (text, issues, action category): the action categories of UPR Info, 1 to 5.
TEMPLATES = [
    ("Ratify the Optional Protocol to the Convention against Torture and set up an "
     "independent national preventive mechanism", "Torture and other CID treatment; "
     "International instruments", 5),
    ("Establish an official moratorium on executions with a view to abolishing the death "
     "penalty", "Death penalty", 5),
    ("Adopt a comprehensive law on violence against women, including domestic violence, "
     "and fund shelters in every region", "Women's rights", 5),
    ("Ensure that human rights defenders and journalists can work without fear of "
     "reprisals, and investigate every attack against them", "Human rights defenders; "
     "Freedom of the press", 4),
    ("Guarantee free primary education for all children, including children with "
     "disabilities and children in rural areas", "Right to education; Rights of the Child; "
     "Disabilities", 4),
    ("Bring its national human rights institution into full compliance with the Paris "
     "Principles", "NHRI", 5),
    ("Decriminalise consensual same-sex relations and prohibit discrimination on the "
     "grounds of sexual orientation and gender identity", "Sexual Orientation and Gender "
     "Identity", 5),
    ("Strengthen its measures to prevent trafficking in persons, identify its victims and "
     "prosecute traffickers", "Trafficking", 3),
    ("Extend a standing invitation to the special procedures of the Human Rights Council",
     "Special procedures", 5),
    ("Improve the conditions of detention and reduce overcrowding, including through "
     "alternatives to pre-trial detention", "Detention", 4),
    ("Ensure access to affordable health care, in particular maternal health services in "
     "rural areas", "Right to health; Women's rights", 4),
    ("Protect the right to peaceful assembly and ensure that the police use force only in "
     "line with international standards", "Freedom of association and peaceful assembly; "
     "Human rights violations by state agents", 4),
    ("Obtain the free, prior and informed consent of indigenous peoples before any project "
     "on their lands", "Indigenous peoples; Right to land", 5),
    ("Consider adopting a national action plan on business and human rights",
     "National plan of action", 2),
    ("Guarantee access to asylum procedures for migrants, asylum-seekers and refugees",
     "Migrants; Asylum-seekers - refugees", 4),
    ("Raise the minimum age of marriage to 18 years for girls and boys",
     "Rights of the Child; Women's rights", 5),
    ("Continue its efforts to ensure the independence of the judiciary and access to "
     "justice for all", "Justice", 3),
    ("Continue to combat corruption and hold public officials to account", "Corruption", 3),
    ("Involve the communities most affected in its policies on climate change",
     "Environment", 4),
    ("Ensure that its counter-terrorism legislation complies with international human "
     "rights law", "Counter-terrorism", 4),
    ("Continue its efforts to reduce poverty and ensure access to safe drinking water",
     "Poverty; Right to water", 3),
    ("Submit its overdue reports to the treaty bodies", "Treaty bodies", 5),
    ("Share its experience in human rights education with the States of its region",
     "Human rights education and training; Technical assistance and cooperation", 1),
]  # fmt: skip
NAMES = {  # the names UPR Info uses for the States under Review of the sample
    "TM": "Turkmenistan", "BF": "Burkina Faso", "CV": "Cabo Verde", "CO": "Colombia",
    "UZ": "Uzbekistan", "TV": "Tuvalu", "DE": "Germany", "DJ": "Djibouti", "CA": "Canada",
    "BD": "Bangladesh", "RU": "Russian Federation", "AZ": "Azerbaijan", "CM": "Cameroon",
    "CU": "Cuba", "SA": "Saudi Arabia", "SN": "Senegal", "MY": "Malaysia",
    "CF": "Central African Republic", "MC": "Monaco", "BZ": "Belize", "TD": "Chad",
    "CG": "Congo", "CN": "China", "NG": "Nigeria", "MU": "Mauritius", "MX": "Mexico",
    "JO": "Jordan", "MT": "Malta", "NZ": "New Zealand", "AF": "Afghanistan", "CL": "Chile",
    "CY": "Cyprus", "UY": "Uruguay", "YE": "Yemen", "VU": "Vanuatu", "MK": "North Macedonia",
    "KM": "Comoros", "SK": "Slovakia", "ER": "Eritrea", "VN": "Viet Nam",
    "DO": "Dominican Republic", "KH": "Cambodia",
}  # fmt: skip
HEADER = ["Recommendation", "Recommending State", "State under Review", "Session", "Cycle",
          "Response", "Issues", "Action category"]  # fmt: skip


def rows() -> list[list[str]]:
    """8 recommendations to each State in the 4th cycle, 5 in the 3rd, always the same."""
    rng = random.Random(58)
    found = []
    for session, states in STATES.items():
        for code in states:
            for cycle_session, count in ((session, 8), (session - 14, 5)):
                picked = rng.sample(TEMPLATES, count)
                recommenders = rng.sample(
                    [name for name in RECOMMENDERS if name != NAMES[code]], count
                )
                for (text, issues, category), by in zip(picked, recommenders, strict=True):
                    response = "Supported" if rng.random() < 0.7 else "Noted"
                    cycle = "4" if cycle_session >= 41 else "3"
                    row = [f"{text}.", by, NAMES[code], str(cycle_session), cycle]
                    found.append([*row, response, issues, str(category)])
    return found


def write_csv() -> None:
    with CSV_FILE.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([MARK])
        writer.writerow(HEADER)
        writer.writerows(rows())


def write_xlsx() -> None:
    """The matrix of the review of Mexico at session 45, as OHCHR lays one out: title
    rows, then the recommendations numbered, each ending with its source."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Matrix"
    sheet.append([MARK])
    sheet.append(["Mexico, 4th cycle, UPR Working Group session 45: matrix of recommendations"])
    sheet.append([])
    sheet.append(["Recommendation", "Position", "Full list of themes",
                  "Assessment/comments on level of implementation"])  # fmt: skip
    mine = [r for r in rows() if r[2] == "Mexico" and r[3] == str(MATRIX_SESSION)]
    for number, (text, by, _sur, _session, _cycle, response, issues, _cat) in enumerate(
        mine, start=1
    ):
        sheet.append([f"143.{number} {text[:-1]} ({by});", response, issues, ""])
    extra = [("Adopt a general law on enforced disappearances and a national search "
              "programme", "Uruguay", "Enforced disappearances"),
             ("Protect journalists through an effective federal protection mechanism",
              "Canada", "Freedom of the press; Human rights defenders")]  # fmt: skip
    for number, (text, by, issues) in enumerate(extra, start=len(mine) + 1):
        sheet.append([f"143.{number} {text} ({by});", "Supported", issues, ""])
    book.save(XLSX_FILE)


if __name__ == "__main__":
    write_csv()
    write_xlsx()
