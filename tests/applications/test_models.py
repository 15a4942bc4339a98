"""What an application says of itself."""

import pytest

from applications.enums import ApplicationStatus
from applications.models import APPLICANT_FIELDS, Application
from tests.factories import ApplicationFactory, PreSessionFactory, SeriesFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("closed", "status", "editable"),
    [
        (False, ApplicationStatus.SUBMITTED, True),
        (False, ApplicationStatus.WITHDRAWN, False),
        (True, ApplicationStatus.SUBMITTED, False),
        (True, ApplicationStatus.WITHDRAWN, False),
    ],
)
def test_is_editable_while_standing_and_the_call_is_open(closed, status, editable):
    presession = PreSessionFactory(series=SeriesFactory(closed=closed))
    application = ApplicationFactory(presession=presession, status=status)

    assert application.is_editable is editable


def test_applicant_fields_are_fields_the_applicant_fills_in():
    editable = {field.name for field in Application._meta.fields if field.editable}

    assert set(APPLICANT_FIELDS) <= editable
    assert len(set(APPLICANT_FIELDS)) == len(APPLICANT_FIELDS)
    assert not {"status", "rating", "review_notes", "funding_granted"} & set(APPLICANT_FIELDS)
