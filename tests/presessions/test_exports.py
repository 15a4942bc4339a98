"""The coordinators' exports (applications, placements, accreditations) in CSV and XLSX:
nothing a person typed runs as a formula in a spreadsheet, and characters a workbook
cannot hold (in rows stored before they were removed on input) do not break them."""

import csv
import io

import openpyxl
import pytest
from django.contrib import admin
from django.urls import reverse
from import_export.admin import ExportMixin

from applications.models import Application
from presessions.exports import EscapesFormulae
from presessions.models import Accreditation
from tests.factories import ApplicationFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

FORMULAE = ['=HYPERLINK("http://x.example.org","click")', "+1", "-2+3", "@SUM(A1)", "\t=1+1"]
CSV_FORMAT, XLSX_FORMAT = "0", "1"

EXPORTS = {
    # admin export, resource prefix, its column of the organisation, of the person
    "applications": ("applications_application", "applicationresource",
                     "Name of the organisation", "Speaker's name", "organisation_name",
                     "speaker_name"),
    "placements": ("panels_placement", "placementresource", "Organisation", "Speaker",
                   "organisation", "speaker"),
    "accreditations": ("presessions_accreditation", "accreditationresource",
                       "Organisation or mission", "Full name", "organisation", "name"),
}  # fmt: skip


def _rows_for(presession, organisation: str, person: str) -> None:
    """One application (with its placement on the panel) and one approved
    accreditation, named as given, written straight to the database."""
    application = ApplicationFactory(
        presession=presession, organisation_name=organisation, speaker_name=person
    )
    SpeakerFactory(application=application)
    Accreditation.objects.create(
        series=presession.series, name=person, email=f"a{application.pk}@example.org",
        category="cso", organisation=organisation, country="KE", days=[], language="en",
        status="approved",
    )  # fmt: skip


def _export(client, export: str, file_format: str):
    admin_name, resource, *_columns, organisation_field, person_field = EXPORTS[export]
    response = client.post(
        reverse(f"admin:{admin_name}_export"),
        {"format": file_format, "resource": "0",
         f"{resource}_{organisation_field}": "on", f"{resource}_{person_field}": "on"},
    )  # fmt: skip
    assert response.status_code == 200, response.content[:500]
    return response


def _csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def _xlsx_cells(response) -> list[list]:
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows()]


def _xlsx_columns(response) -> dict[str, list]:
    """The cells of each column under its heading."""
    heading, *rows = _xlsx_cells(response)
    return {cell.value: [row[n] for row in rows] for n, cell in enumerate(heading)}


@pytest.mark.parametrize("export", sorted(EXPORTS))
def test_exports_in_csv_escape_what_a_spreadsheet_would_run(
    client, coordinator, presession, export
):
    for formula in FORMULAE:
        _rows_for(presession, organisation=formula, person=formula)
    client.force_login(coordinator)

    rows = _csv_rows(_export(client, export, CSV_FORMAT))

    _admin, _resource, organisation, person, *_fields = EXPORTS[export]
    assert sorted(row[organisation] for row in rows) == sorted("'" + f for f in FORMULAE)
    assert sorted(row[person] for row in rows) == sorted("'" + f for f in FORMULAE)


@pytest.mark.parametrize("export", sorted(EXPORTS))
def test_exports_in_xlsx_hold_no_formula(client, coordinator, presession, export):
    for formula in FORMULAE:
        _rows_for(presession, organisation=formula, person="Amina Benali")
    client.force_login(coordinator)

    response = _export(client, export, XLSX_FORMAT)

    assert all(cell.data_type != "f" for row in _xlsx_cells(response) for cell in row)
    _admin, _resource, organisation, person, *_fields = EXPORTS[export]
    columns = _xlsx_columns(response)
    assert sorted(cell.value for cell in columns[organisation]) == sorted("'" + f for f in FORMULAE)
    assert {cell.value for cell in columns[person]} == {"Amina Benali"}


@pytest.mark.parametrize("export", sorted(EXPORTS))
def test_exports_in_xlsx_do_not_fail_on_control_characters_stored_earlier(
    client, coordinator, presession, export
):
    _rows_for(presession, organisation="Haki\x01 Watch\x1b", person="Amina\x0b Benali")
    client.force_login(coordinator)

    columns = _xlsx_columns(_export(client, export, XLSX_FORMAT))

    _admin, _resource, organisation, person, *_fields = EXPORTS[export]
    assert [cell.value for cell in columns[organisation]] == ["Haki\ufffd Watch\ufffd"]
    assert [cell.value for cell in columns[person]] == ["Amina\ufffd Benali"]


def test_exports_keep_numbers_and_empty_cells_as_they_are(client, coordinator, presession):
    ApplicationFactory(presession=presession, organisation_name="Haki Watch", rating=3)
    ApplicationFactory(presession=presession, organisation_name="Sauti", rating=None)
    client.force_login(coordinator)

    response = client.post(
        reverse("admin:applications_application_export"),
        {"format": XLSX_FORMAT, "resource": "0", "applicationresource_organisation_name": "on",
         "applicationresource_rating": "on"},
    )  # fmt: skip

    rows = {row[0].value: row[1] for row in _xlsx_cells(response)[1:]}
    assert (rows["Haki Watch"].value, rows["Haki Watch"].data_type) == (3, "n")
    assert rows["Sauti"].value is None
    assert Application.objects.count() == 2


def test_every_export_of_the_admin_escapes_formulae():
    exporting = [ma for ma in admin.site._registry.values() if isinstance(ma, ExportMixin)]

    resources = {resource for ma in exporting for resource in ma.resource_classes}

    assert {r.__name__ for r in resources} == {
        "ApplicationResource", "PlacementResource", "AccreditationResource"
    }  # fmt: skip
    assert all(issubclass(resource, EscapesFormulae) for resource in resources)
