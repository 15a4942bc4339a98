"""The practical guide of a series: what a speaker needs to know to come to Geneva, in
English, French and Spanish, and the two documents speakers download.

One row without a series is the default guide (loaded from the organiser's FAQ by a data
migration, then edited by staff); a series may have its own row, whose texts and files
replace the default's where they are not empty. The topics are `panels.guide.topics`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from applications.models import private_upload_path
from presessions.models import Series

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# The longest text of one topic in one language: a few paragraphs, not a document.
MAX_TEXT = 5000


def _text(label: StrOrPromise) -> models.TextField:
    return models.TextField(label, blank=True, max_length=MAX_TEXT)


class PracticalGuide(models.Model):
    series = models.OneToOneField(
        Series,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="practical_guide",
        verbose_name=_("series"),
    )
    # The one row without a series; kept apart from `series` so that a database
    # constraint can say there is only one.
    is_default = models.BooleanField(_("default guide"), default=False, editable=False)

    stay = _text(_("arrival and length of stay (English)"))
    stay_fr = _text(_("arrival and length of stay (French)"))
    stay_es = _text(_("arrival and length of stay (Spanish)"))
    accommodation = _text(_("accommodation (English)"))
    accommodation_fr = _text(_("accommodation (French)"))
    accommodation_es = _text(_("accommodation (Spanish)"))
    grounds_pass = _text(_("UN grounds pass (English)"))
    grounds_pass_fr = _text(_("UN grounds pass (French)"))
    grounds_pass_es = _text(_("UN grounds pass (Spanish)"))
    room_rules = _text(_("rules of the room (English)"))
    room_rules_fr = _text(_("rules of the room (French)"))
    room_rules_es = _text(_("rules of the room (Spanish)"))
    reprisals = _text(_("fear of reprisals (English)"))
    reprisals_fr = _text(_("fear of reprisals (French)"))
    reprisals_es = _text(_("fear of reprisals (Spanish)"))

    guide_file = models.FileField(_("Pre-session guide"), upload_to=private_upload_path, blank=True)
    guide_file_type = models.CharField(max_length=4, blank=True, editable=False)
    template_file = models.FileField(
        _("statement template"), upload_to=private_upload_path, blank=True
    )
    template_file_type = models.CharField(max_length=4, blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-is_default", "-series__starts_on"]
        verbose_name = _("practical guide")
        verbose_name_plural = _("practical guides")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=models.Q(is_default=True),
                name="one_default_practical_guide",
            ),
            models.CheckConstraint(
                condition=models.Q(is_default=True, series__isnull=True)
                | models.Q(is_default=False, series__isnull=False),
                name="practical_guide_default_or_of_a_series",
            ),
        ]

    def __str__(self) -> str:
        if self.is_default:
            return str(_("Default practical guide"))
        return str(_("Practical guide of %(series)s") % {"series": self.series})
