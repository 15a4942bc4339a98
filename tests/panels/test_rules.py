"""The permission predicates of panels, once per predicate and per kind of user, with the
groups the data migrations create; and the one check of both staff-file downloads."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from panels import rules
from tests.documents import PDF_BYTES
from tests.factories import ApplicationFactory, MaterialFactory
from tests.staff_users import (
    ANONYMOUS,
    COORDINATOR,
    INACTIVE_COORDINATOR,
    NON_STAFF_COORDINATOR,
    REVIEWER,
    STAFF_WITHOUT_RIGHTS,
    SUPERUSER,
    cases,
    make_user,
)

# The admin site itself lets only staff in; these rights do not ask for the staff flag.
COORDINATORS_ONLY = {COORDINATOR, SUPERUSER, NON_STAFF_COORDINATOR}


@pytest.mark.parametrize(
    ("predicate", "kind", "expected"),
    cases(
        {
            rules.can_see_series_page: COORDINATORS_ONLY | {REVIEWER},
            rules.can_decide_panel: COORDINATORS_ONLY,
            rules.can_send_outcomes: COORDINATORS_ONLY,
            rules.can_publish_programme: COORDINATORS_ONLY,
            rules.can_publish_statements: COORDINATORS_ONLY,
            rules.can_import_record: COORDINATORS_ONLY,
            rules.can_edit_practical_guides: COORDINATORS_ONLY,
            rules.can_match_recommendations: COORDINATORS_ONLY,
        }
    ),
)
@pytest.mark.django_db
def test_predicate(predicate, kind, expected):
    assert predicate(make_user(kind)) is expected


def report_url(presession):
    application = ApplicationFactory(presession=presession, upr_report_name="Our report.pdf")
    application.upr_report.save("Our report.pdf", ContentFile(PDF_BYTES))
    return reverse("application-report", args=[application.pk])


def statement_file_url(presession):
    material = MaterialFactory(statement__application__presession=presession, position=1)
    return reverse("statement-staff-file", args=[material.statement_id, 1])


@pytest.mark.parametrize("url_of", [report_url, statement_file_url], ids=["report", "statement"])
@pytest.mark.parametrize(
    ("kind", "status"),
    [
        (ANONYMOUS, 403),
        (STAFF_WITHOUT_RIGHTS, 403),
        (NON_STAFF_COORDINATOR, 403),
        (INACTIVE_COORDINATOR, 403),
        (REVIEWER, 200),
        (COORDINATOR, 200),
        (SUPERUSER, 200),
    ],
)
def test_both_staff_file_downloads_ask_one_predicate(client, presession, url_of, kind, status):
    """The report of an application and the files of a statement: staff with the right
    to view applications only; a user who holds the right without the staff flag gets
    neither file."""
    url = url_of(presession)
    user = make_user(kind)
    if kind != ANONYMOUS:
        client.force_login(user)

    response = client.get(url)

    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content).startswith(b"%PDF")
