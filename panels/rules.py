"""Who may do what with panels, the programme and statements: each right of the staff is a
named predicate.

Views and admin classes ask these, never `user.has_perm("app.codename")` inline: a right has one
name and one test. The permissions are declared by panels.models (Panel, Timetable, Statement) and
handed to the Coordinators group by the data migrations. (The export right,
panels.export_data, is asked through presessions.rules.can_export_data: the base's export
mixin checks it.)"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser, AnonymousUser

    User = AbstractUser | AnonymousUser


def can_see_series_page(user: User) -> bool:
    """See where a series stands on its series page; its buttons ask the rights below."""
    return user.has_perm("presessions.view_series") or user.has_perm("presessions.change_series")


def can_decide_panel(user: User) -> bool:
    """Suggest, change and confirm panels, and put applications on or off them."""
    return user.has_perm("panels.decide_panel")


def can_send_outcomes(user: User) -> bool:
    """Send the invitations and the outcome emails."""
    return user.has_perm("panels.send_outcomes")


def can_publish_programme(user: User) -> bool:
    """Generate timetables and publish the programme."""
    return user.has_perm("panels.publish_programme")


def can_publish_statements(user: User) -> bool:
    """Publish and unpublish statements."""
    return user.has_perm("panels.publish_statement")


def can_import_record(user: User) -> bool:
    """Upload files of UPR recommendations and import them."""
    return user.has_perm("panels.import_record")


def can_edit_practical_guides(user: User) -> bool:
    """Write the practical guides (the default one and each series'), and their files."""
    return user.has_perm("panels.change_practicalguide")


def can_match_recommendations(user: User) -> bool:
    """Have the Pre-session recommendations matched to a review's, and confirm or reject
    each proposed match."""
    return user.has_perm("panels.decide_match")


def can_decide_observer_documents(user: User) -> bool:
    """Read the documents observers bring for the missions, approve and refuse them.
    Only staff: holding the permission is not enough without the staff flag."""
    return bool(
        user.is_active and user.is_staff and user.has_perm("panels.decide_observerdocument")
    )


def can_send_programme(user: User) -> bool:
    """Send the published programme and the approved documents to the missions' list."""
    return user.has_perm("presessions.add_mailing") and user.has_perm("panels.publish_programme")
