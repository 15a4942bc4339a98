"""The permission predicates of applications, once per predicate and per kind of user,
with the groups the data migrations create."""

import pytest

from applications import rules
from tests.staff_users import (
    COORDINATOR,
    NON_STAFF_COORDINATOR,
    REVIEWER,
    SUPERUSER,
    cases,
    make_user,
)


@pytest.mark.parametrize(
    ("predicate", "kind", "expected"),
    cases(
        {
            rules.can_review_applications: {
                REVIEWER,
                COORDINATOR,
                SUPERUSER,
                NON_STAFF_COORDINATOR,
            },
            # The files need the staff flag too: holding the permission is not enough.
            rules.can_view_application_files: {REVIEWER, COORDINATOR, SUPERUSER},
            # A decision on who may be selected: coordinators, not reviewers.
            rules.can_mark_ineligible: {COORDINATOR, SUPERUSER, NON_STAFF_COORDINATOR},
            # The call alerts' addresses: people who may be at risk, coordinators only.
            rules.can_see_alert_addresses: {COORDINATOR, SUPERUSER, NON_STAFF_COORDINATOR},
        }
    ),
)
@pytest.mark.django_db
def test_predicate(predicate, kind, expected):
    assert predicate(make_user(kind)) is expected
