"""The language each staff member reads their notices in (declines, withdrawals).

A staff member sets it for themself (set_staff_language, from the admin's "My
preferences"); one who never did reads settings.LANGUAGE_CODE."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from presessions.models import StaffPreference


@transaction.atomic
def set_staff_language(*, user: User, language: str) -> StaffPreference:
    """Record the language of one's own notices.

    Side effects: the preference row created or updated. Raises ValidationError for a
    language the site does not offer."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("This language is not offered."), code="unknown_language")
    preference, _created = StaffPreference.objects.update_or_create(
        user=user, defaults={"language": language}
    )
    return preference


def addresses_with_languages(users: QuerySet) -> list[tuple[str, str]]:
    """The distinct email addresses of these users, each with its owner's language, in
    the order of the addresses; one query. (Two accounts sharing an address: the first.)"""
    rows = (
        users.exclude(email="")
        .order_by("email", "pk")
        .values_list("email", "staff_preference__language")
    )
    languages: dict[str, str] = {}
    for email, language in rows:
        languages.setdefault(email, language or settings.LANGUAGE_CODE)
    return list(languages.items())
