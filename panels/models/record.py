"""The UPR record: the recommendations States made to each other at past reviews, as
the UN and UPR Info publish them, the staff's imports of those files, and the matches
between the recommendations CSOs presented at a Pre-session and those the review made."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import Country, CountryField

from panels.enums import (
    ImportFormat,
    ImportStatus,
    MatchStatus,
    RecordResponse,
    StatementLanguage,
)
from presessions.countries import UNMemberAndObserverStates, UNMemberStates


class UPRRecommendation(models.Model):
    """One recommendation made by a State to a State under Review at a UPR review."""

    # sha256 of (State under Review, recommending State, session, normalised text): the
    # same recommendation imported twice, from either format, is one row.
    key = models.CharField(max_length=64, unique=True, editable=False)
    state_under_review: models.CharField[str | Country, Country] = CountryField(
        countries=UNMemberStates, verbose_name=_("State under Review"), db_index=True
    )
    recommending_state: models.CharField[str | Country, Country] = CountryField(
        countries=UNMemberAndObserverStates, verbose_name=_("recommending State"), db_index=True
    )
    session = models.PositiveSmallIntegerField(_("Working Group session"))
    cycle = models.PositiveSmallIntegerField(_("UPR cycle"))
    text = models.TextField(_("recommendation"))
    response = models.CharField(
        _("response"), max_length=10, choices=RecordResponse.choices, blank=True
    )
    action_category = models.PositiveSmallIntegerField(
        _("action category"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("From 1 (minimal action) to 5 (specific action), as UPR Info classifies them."),
    )
    themes = models.ManyToManyField(
        "presessions.Theme", related_name="upr_recommendations", verbose_name=_("themes")
    )
    # The published texts are in English; the search reads this like a statement's.
    language = models.CharField(
        max_length=5, choices=StatementLanguage.choices, default=StatementLanguage.EN
    )
    search_document = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    search_words = models.TextField(null=True, editable=False)  # noqa: DJ001 - none on SQLite
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        ordering = ["-session", "state_under_review", "recommending_state", "pk"]
        verbose_name = _("UPR recommendation")
        verbose_name_plural = _("UPR recommendations")
        indexes = [
            models.Index(
                fields=["state_under_review", "recommending_state"], name="upr_rec_sur_by"
            ),
        ]

    def __str__(self) -> str:
        return _("%(by)s to %(sur)s, session %(session)s") % {
            "by": self.recommending_state.name,
            "sur": self.state_under_review.name,
            "session": self.session,
        }


class RecordImport(models.Model):
    """A file of recommendations uploaded by staff: checked first (the dry run), then
    imported by a worker, with its progress and its line-by-line report."""

    file = models.FileField(_("file"), upload_to="record-imports/")
    original_name = models.CharField(_("file name"), max_length=255)
    format = models.CharField(_("format"), max_length=8, choices=ImportFormat.choices)
    # For files that do not say (an OHCHR matrix is one State's, one session's).
    state_under_review: models.CharField[str | Country, Country] = CountryField(
        countries=UNMemberStates, verbose_name=_("State under Review"), blank=True
    )
    session = models.PositiveSmallIntegerField(_("Working Group session"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.CHECKING
    )
    rows_total = models.PositiveIntegerField(_("lines"), default=0)
    rows_done = models.PositiveIntegerField(_("lines imported"), default=0)
    to_create = models.PositiveIntegerField(_("to create"), default=0)
    to_update = models.PositiveIntegerField(_("to update"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    refused = models.PositiveIntegerField(_("refused"), default=0)
    # [{"line": 3, "code": "unknown_state", "params": {...}}, ...]: translated when shown.
    report = models.JSONField(default=list, blank=True, editable=False)
    problem = models.TextField(_("why the file cannot be imported"), blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("import of UPR recommendations")
        verbose_name_plural = _("imports of UPR recommendations")
        permissions = [("import_record", _("Can import UPR recommendations"))]

    def __str__(self) -> str:
        return self.original_name


class RecommendationMatch(models.Model):
    """A Pre-session recommendation and a recommendation the review that followed made to
    the same State: proposed by the text matching with its score, then confirmed or
    rejected by staff. Only confirmed matches are ever shown, and only for recommendations
    their speaker shared (`panels.statements.published`)."""

    recommendation = models.ForeignKey(
        "panels.Recommendation",
        on_delete=models.CASCADE,
        related_name="matches",
        verbose_name=_("Pre-session recommendation"),
    )
    upr_recommendation = models.ForeignKey(
        UPRRecommendation,
        on_delete=models.CASCADE,
        related_name="matches",
        verbose_name=_("recommendation made at the review"),
    )
    score = models.FloatField(_("score"))
    status = models.CharField(
        _("status"), max_length=10, choices=MatchStatus.choices, default=MatchStatus.PROPOSED
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["recommendation", "-score", "pk"]
        verbose_name = _("recommendation match")
        verbose_name_plural = _("recommendation matches")
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "upr_recommendation"], name="one_match_per_pair"
            )
        ]
        indexes = [models.Index(fields=["recommendation", "status"])]
        permissions = [("decide_match", _("Can propose, confirm and reject matches"))]

    def __str__(self) -> str:
        return f"{self.recommendation_id} - {self.upr_recommendation_id}"
