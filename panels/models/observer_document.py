"""The advocacy documents that accredited observers (CSOs and NHRIs) bring for the
missions: one file for one meeting, approved by staff before the programme lists it and
the missions receive it.

The observer chooses whether the organisation is named with the document. A document
not named is only ever served as its copy without the author's details (see
`panels.public_copy`), and one that cannot be cleaned is refused when it is uploaded;
a named document is served as uploaded, or as its copy when the observer asked for the
details to be removed. Public pages read these rows only through
`panels.programme.documents`, which also drops the documents of a revoked pass."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from applications.models import private_upload_path
from panels.enums import DocumentStatus
from panels.models.statement import PublicCopy
from presessions.models import Accreditation, PreSession

# How many documents one observer may bring for one meeting.
MAX_PER_MEETING = 3


class ObserverDocument(PublicCopy):
    accreditation = models.ForeignKey(
        Accreditation,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("accreditation"),
    )
    presession = models.ForeignKey(
        PreSession,
        on_delete=models.CASCADE,
        related_name="observer_documents",
        verbose_name=_("meeting"),
    )
    # The document's number among the meeting's, for its neutral public name.
    position = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=private_upload_path)
    file_name = models.CharField(_("file name as uploaded"), max_length=255)
    named = models.BooleanField(
        _("the organisation is named with it"),
        default=False,
        help_text=_("Without the observer's consent, the document is shown without a name."),
    )
    remove_details = models.BooleanField(
        _("the author's details are removed"),
        default=True,
        help_text=_("Always done when the organisation is not named."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DocumentStatus.choices,
        default=DocumentStatus.PENDING,
        db_index=True,
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["presession", "position"]
        verbose_name = _("observer's document")
        verbose_name_plural = _("observers' documents")
        constraints = [
            models.UniqueConstraint(
                fields=["presession", "position"], name="one_document_number_per_meeting"
            )
        ]
        permissions = [
            ("decide_observerdocument", _("Can approve and refuse observers' documents"))
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def serves_copy(self) -> bool:
        """Whether the public gets the copy without the author's details."""
        return not self.named or self.remove_details
