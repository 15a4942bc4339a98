"""The base's permission predicates, once per predicate and per kind of user, with the
groups the data migrations create; and no inline has_perm anywhere else."""

import re
from pathlib import Path

import pytest

from presessions import rules
from tests.staff_users import (
    COORDINATOR,
    DOOR,
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
            rules.can_check_passes: COORDINATORS_ONLY | {DOOR},
            rules.can_decide_accreditation: COORDINATORS_ONLY,
            rules.can_invite_mailing_list: COORDINATORS_ONLY,
            rules.can_resend_emails: COORDINATORS_ONLY,
            rules.can_export_data: COORDINATORS_ONLY,
            rules.can_set_own_preferences: {STAFF_WITHOUT_RIGHTS, REVIEWER, COORDINATOR, SUPERUSER},
        }
    ),
)
@pytest.mark.django_db
def test_predicate(predicate, kind, expected):
    assert predicate(make_user(kind)) is expected


ROOT = Path(__file__).resolve().parents[2]
INLINE_CHECKS = {".py": re.compile(r"\bhas_perms?\("), ".html": re.compile(r"\bperms\.")}


def test_no_permission_is_checked_inline_outside_the_rules_modules():
    """Views, admin classes and templates ask the named predicates of
    presessions/rules.py, applications/rules.py and panels/rules.py."""
    inline = []
    for folder in ("presessions", "applications", "panels", "templates"):
        for path in sorted((ROOT / folder).rglob("*")):
            check = INLINE_CHECKS.get(path.suffix)
            if check is None or "migrations" in path.parts or path.name == "rules.py":
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if check.search(line):
                    inline.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert inline == []
