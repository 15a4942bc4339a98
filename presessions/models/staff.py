"""What a staff member chose for themself: the language of the notices they receive."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffPreference(models.Model):
    """One per staff member who changed the default; without one, settings.LANGUAGE_CODE."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_preference",
        verbose_name=_("staff member"),
    )
    language = models.CharField(
        _("language of my notices"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The emails sent to you (declines, withdrawals) are written in it."),
    )

    class Meta:
        verbose_name = _("my preferences")
        verbose_name_plural = _("my preferences")

    def __str__(self) -> str:
        return str(self.user)
