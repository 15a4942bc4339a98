"""Who may do what with applications: each right of the staff is a named predicate.

Views and admin classes ask these, never `user.has_perm("app.codename")` inline: a right has one
name and one test. The permissions are handed to the Coordinators and Reviewers groups by the data
migrations (panels/migrations/0002_staff_groups.py and those using
presessions/staff_groups.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser, AnonymousUser

    User = AbstractUser | AnonymousUser


def can_review_applications(user: User) -> bool:
    """Rate applications and write review notes."""
    return user.has_perm("applications.review_application")


def can_view_application_files(user: User) -> bool:
    """Download the files handed in with an application: its report, its statement and the
    statement's materials, published or not. Only staff, and only with the right to view
    applications: holding the permission is not enough without the staff flag."""
    return bool(user.is_active and user.is_staff and user.has_perm("applications.view_application"))


def can_mark_ineligible(user: User) -> bool:
    """Mark applications ineligible, with the reason: a decision on who may be selected,
    so it goes with the right to change applications (coordinators), not with reviewing."""
    return user.has_perm("applications.change_application")


def can_see_alert_addresses(user: User) -> bool:
    """See the email addresses of the call alert subscriptions (and search by them):
    whoever lacks it sees that there are subscriptions, for which countries, not who."""
    return user.has_perm("applications.view_callalert_email")
