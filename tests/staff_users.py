"""The kinds of user the permission predicates are tested against, built from the real
staff groups the data migrations create (presessions/staff_groups.py)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group

ANONYMOUS = "anonymous"
STAFF_WITHOUT_RIGHTS = "staff without rights"
REVIEWER = "reviewer"
COORDINATOR = "coordinator"
DOOR = "door staff"
SUPERUSER = "superuser"
NON_STAFF_COORDINATOR = "non-staff in Coordinators"
INACTIVE_COORDINATOR = "inactive coordinator"

KINDS = [
    ANONYMOUS,
    STAFF_WITHOUT_RIGHTS,
    REVIEWER,
    COORDINATOR,
    DOOR,
    SUPERUSER,
    NON_STAFF_COORDINATOR,
    INACTIVE_COORDINATOR,
]


def make_user(kind: str):
    """A user of this kind (AnonymousUser for ANONYMOUS); needs the database."""
    if kind == ANONYMOUS:
        return AnonymousUser()
    users = get_user_model().objects
    username = kind.replace(" ", "-")
    if kind == SUPERUSER:
        return users.create_superuser(username, email=f"{username}@example.org", password="x")
    user = users.create_user(
        username,
        email=f"{username}@example.org",
        password="x",
        is_staff=kind != NON_STAFF_COORDINATOR,
        is_active=kind != INACTIVE_COORDINATOR,
    )
    group = {
        REVIEWER: "Reviewers",
        COORDINATOR: "Coordinators",
        DOOR: "Door",
        NON_STAFF_COORDINATOR: "Coordinators",
        INACTIVE_COORDINATOR: "Coordinators",
    }.get(kind)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def cases(allowed: dict) -> list:
    """pytest params (predicate, kind, expected) for every predicate and every kind;
    `allowed` maps each predicate to the kinds it lets through."""
    import pytest

    return [
        pytest.param(predicate, kind, kind in kinds, id=f"{predicate.__name__}-{kind}")
        for predicate, kinds in allowed.items()
        for kind in KINDS
    ]
