"""Statements: what a confirmed speaker hands in, item by item, with their consent.

Each item (the statement itself, each recommendation, each advocacy material) carries
its own choice of sharing; nothing is public without it. Public pages read these rows
only through `panels.statements.published`, which applies the choices whatever staff did.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from applications.models import Application, private_upload_path
from panels.enums import Cleaning, Sharing, StatementLanguage
from presessions.models import PreSession, Theme


def _sharing_field() -> models.CharField:
    return models.CharField(
        _("may it be published?"), max_length=10, choices=Sharing.choices, default=Sharing.PRIVATE
    )


class PublicCopy(models.Model):
    """A file's detected type and its copy without the author's details: the copy is what
    the public downloads whenever the organisation is not named (see `panels.statements.published`);
    staff always keep and download the original."""

    file_type = models.CharField(_("type of the file"), max_length=4, blank=True, editable=False)
    public_file = models.FileField(
        _("copy without its author's details"),
        upload_to=private_upload_path,
        blank=True,
        editable=False,
    )
    cleaning = models.CharField(
        _("cleaning of the author's details"),
        max_length=10,
        choices=Cleaning.choices,
        blank=True,
        default=Cleaning.NOT_PREPARED,
        editable=False,
    )

    class Meta:
        abstract = True


class Statement(PublicCopy):
    application = models.OneToOneField(
        Application,
        on_delete=models.CASCADE,
        related_name="statement",
        verbose_name=_("application"),
    )
    # Copied from the application (which never changes country) so that the public
    # listing filters and orders without a join per row.
    presession = models.ForeignKey(
        PreSession,
        on_delete=models.PROTECT,
        related_name="statements",
        verbose_name=_("Pre-session"),
    )
    # Its number within the Pre-session: the last part of its public address.
    position = models.PositiveSmallIntegerField(_("number"), editable=False)
    language = models.CharField(
        _("language of the statement"),
        max_length=5,
        choices=StatementLanguage.choices,
        default=StatementLanguage.EN,
    )
    theme = models.ForeignKey(
        Theme,
        on_delete=models.PROTECT,
        null=True,
        related_name="statements",
        verbose_name=_("main theme"),
    )
    text = models.TextField(_("statement"), blank=True, max_length=20000)
    file = models.FileField(_("statement as a file"), upload_to=private_upload_path, blank=True)
    file_name = models.CharField(_("file name as uploaded"), max_length=255, blank=True)
    sharing = _sharing_field()

    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    # Kept by the services on every change, so that the public listing need not look into
    # each item of 10,000 statements. The public pages still check each item they show.
    shares_anything = models.BooleanField(default=False, editable=False)
    # What the search may see: the consented text and recommendations only, rebuilt by
    # the services on every change (the vector and where its words are, for the passage
    # of a result, are filled on PostgreSQL only: panels.fulltext).
    search_document = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    search_words = models.TextField(null=True, editable=False)  # noqa: DJ001 - none on SQLite
    # The audit trail of publication: who published or unpublished, and the consent at
    # the time. The words themselves are not copied.
    history = HistoricalRecords(
        excluded_fields=[
            "text",
            "file",
            "file_name",
            "public_file",
            "search_document",
            "search_vector",
            "search_words",
        ]
    )

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        constraints = [
            models.UniqueConstraint(
                fields=["presession", "position"], name="one_statement_number_per_presession"
            )
        ]
        indexes = [
            models.Index(fields=["presession", "published_at"]),
            # The public listing: published statements that share something, newest first.
            models.Index(
                fields=["-published_at", "-id"],
                condition=models.Q(published_at__isnull=False, shares_anything=True),
                name="public_statements_newest",
            ),
        ]
        permissions = [("publish_statement", _("Can publish and unpublish statements"))]

    def __str__(self) -> str:
        return f"{self.application.reference} {self.application.organisation_name}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Recommendation(models.Model):
    statement = models.ForeignKey(
        Statement,
        on_delete=models.CASCADE,
        related_name="recommendations",
        verbose_name=_("statement"),
    )
    position = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("recommendation"), max_length=1500)
    theme = models.ForeignKey(
        Theme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name=_("theme"),
    )
    sharing = _sharing_field()

    class Meta:
        ordering = ["statement", "position"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "position"], name="one_recommendation_number_per_statement"
            )
        ]
        indexes = [models.Index(fields=["sharing", "theme"])]

    def __str__(self) -> str:
        return self.text[:80]


class Material(PublicCopy):
    """An advocacy material (a factsheet, a report) handed in with the statement."""

    statement = models.ForeignKey(
        Statement, on_delete=models.CASCADE, related_name="materials", verbose_name=_("statement")
    )
    position = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200, blank=True)
    file = models.FileField(_("file"), upload_to=private_upload_path)
    file_name = models.CharField(_("file name as uploaded"), max_length=255)
    sharing = _sharing_field()

    class Meta:
        ordering = ["statement", "position"]
        verbose_name = _("advocacy material")
        verbose_name_plural = _("advocacy materials")
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "position"], name="one_material_number_per_statement"
            )
        ]

    def __str__(self) -> str:
        return self.title or self.file_name
