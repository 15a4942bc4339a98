"""Who may do what in the base: each right of the staff is a named predicate.

Views and admin classes ask these, never `user.has_perm("app.codename")` inline: a right has one
name and one test. The permissions are handed to the Coordinators, Reviewers and Door groups by the
data migrations (see presessions/staff_groups.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser, AnonymousUser

    User = AbstractUser | AnonymousUser


def can_set_own_preferences(user: User) -> bool:
    """Choose the language of one's own notices: every active staff member, except
    those who only check passes at the door (they get no notices and see nothing
    else)."""
    if not (user.is_active and user.is_staff):
        return False
    return user.is_superuser or user.get_all_permissions() != {"presessions.check_pass"}


def can_check_passes(user: User) -> bool:
    """Read what the QR code of an accreditation pass says at the door, and record the
    holder's entry (the Door group has this right and no other)."""
    return user.has_perm("presessions.check_pass")


def can_decide_accreditation(user: User) -> bool:
    """Approve, refuse and revoke accreditations."""
    return user.has_perm("presessions.decide_accreditation")


def can_invite_mailing_list(user: User) -> bool:
    """Send a series' invitation to the missions' mailing list (it creates a Mailing)."""
    return user.has_perm("presessions.add_mailing")


def can_resend_emails(user: User) -> bool:
    """Queue recorded emails again. The records stay read-only; resending needs the change
    right."""
    return user.has_perm("presessions.change_outboundemail")


def can_export_data(user: User) -> bool:
    """Export applications, panels and accreditations (CSV, XLSX).

    The permission is declared by panels.models.Panel (Meta.permissions); the base may not
    import panels, but the codename is only data, so the predicate lives here, where
    presessions.exports asks it for every floor's exports."""
    return user.has_perm("panels.export_data")
