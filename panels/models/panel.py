"""Panels: the speakers chosen for each Pre-session, and every decision about them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from applications.models import Application
from panels.enums import DecisionAction, Outcome, PanelStatus, Response
from presessions.models import PreSession


class Panel(models.Model):
    """The panel of one Pre-session: suggested, changed, then confirmed by a coordinator."""

    presession = models.OneToOneField(
        PreSession, on_delete=models.CASCADE, related_name="panel", verbose_name=_("Pre-session")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PanelStatus.choices, default=PanelStatus.DRAFT
    )
    pinned = models.ManyToManyField(
        Application,
        related_name="pinned_on",
        blank=True,
        verbose_name=_("pinned (always on the panel)"),
    )
    excluded = models.ManyToManyField(
        Application,
        related_name="excluded_from",
        blank=True,
        verbose_name=_("excluded (never on the panel)"),
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["presession__series", "presession__review_order"]
        verbose_name = _("panel")
        verbose_name_plural = _("panels")
        permissions = [
            ("decide_panel", _("Can suggest, change and confirm panels")),
            ("send_outcomes", _("Can send the invitations and outcome emails")),
            ("export_data", _("Can export applications and panels")),
        ]

    def __str__(self) -> str:
        return str(self.presession)

    @property
    def is_confirmed(self) -> bool:
        return self.status == PanelStatus.CONFIRMED


def active_speaker_q(prefix: str = "") -> models.Q:
    """Selected and not declined: the placements that hold a seat on their panel. ``prefix``
    reaches them through a relation (``"placements__"`` from a panel), for annotations."""
    return models.Q(**{f"{prefix}outcome": Outcome.SELECTED}) & ~models.Q(
        **{f"{prefix}response": Response.DECLINED}
    )


class PlacementQuerySet(models.QuerySet["Placement"]):
    def active_speakers(self) -> PlacementQuerySet:
        """The speakers who hold a seat: selected, and not declined (nor withdrawn, which
        stores the placement as declined)."""
        return self.filter(active_speaker_q())


class Placement(models.Model):
    """Where one application stands for its panel, with the reason in plain language."""

    panel = models.ForeignKey(
        Panel, on_delete=models.CASCADE, related_name="placements", verbose_name=_("panel")
    )
    application = models.OneToOneField(
        Application,
        on_delete=models.CASCADE,
        related_name="placement",
        verbose_name=_("application"),
    )
    outcome = models.CharField(_("outcome"), max_length=14, choices=Outcome.choices)
    waitlist_rank = models.PositiveSmallIntegerField(_("place on the waitlist"), null=True)
    score = models.SmallIntegerField(_("score"), default=0)
    reason_code = models.CharField(_("reason"), max_length=40)
    reason_params = models.JSONField(_("reason details"), default=dict, blank=True)
    response = models.CharField(
        _("answer"), max_length=10, choices=Response.choices, default=Response.PENDING
    )
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # The meeting start the speaker was last told, so that each change is told once.
    told_meeting_start = models.DateTimeField(null=True, blank=True, editable=False)
    may_name_publicly = models.BooleanField(
        _("may be named in the public programme"),
        default=False,
        help_text=_(
            "Asked of speakers who fear reprisals when they confirm; without it the "
            "programme shows only “an organisation from” its country."
        ),
    )
    notified_outcome = models.CharField(
        _("outcome emailed"),
        max_length=14,
        choices=Outcome.choices,
        blank=True,
        help_text=_("The outcome the applicant was told, so that nothing is sent twice."),
    )
    notified_at = models.DateTimeField(_("emailed at"), null=True, blank=True)
    waitlist_final_notified_at = models.DateTimeField(
        _("told the panel is complete at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When a waitlisted applicant was told the panel is complete (sent once)."),
    )
    history = HistoricalRecords()

    objects = PlacementQuerySet.as_manager()

    class Meta:
        ordering = ["panel", "outcome", "waitlist_rank", "application__submitted_at"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome=Outcome.WAITLISTED, waitlist_rank__isnull=False)
                | (~models.Q(outcome=Outcome.WAITLISTED) & models.Q(waitlist_rank__isnull=True)),
                name="waitlist_rank_only_on_the_waitlist",
            )
        ]

    def __str__(self) -> str:
        return f"{self.application}: {self.get_outcome_display()}"

    @property
    def is_active_speaker(self) -> bool:
        """Holds a seat on the panel: selected, and not declined (see ``active_speaker_q``)."""
        return self.outcome == Outcome.SELECTED and self.response != Response.DECLINED

    @property
    def was_told_selected(self) -> bool:
        """The applicant was emailed that they are invited to speak."""
        return self.notified_outcome == Outcome.SELECTED

    @property
    def was_told_waitlisted(self) -> bool:
        return self.notified_outcome == Outcome.WAITLISTED

    @property
    def awaits_answer(self) -> bool:
        """Invited to speak, and neither confirmed nor declined yet."""
        return self.was_told_selected and self.response == Response.PENDING

    @property
    def has_confirmed(self) -> bool:
        """The speaker confirmed the invitation."""
        return self.response == Response.CONFIRMED


class Decision(models.Model):
    """Who did what to a panel, and when: the record coordinators answer for."""

    panel = models.ForeignKey(
        Panel, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("panel")
    )
    action = models.CharField(_("action"), max_length=12, choices=DecisionAction.choices)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
        help_text=_("Empty when the speaker acted through their link."),
    )
    made_at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    # What the decision was about (names, counts, times as ISO strings in UTC), worded
    # in the reader's language when read (panels.selection.decision_texts).
    values = models.JSONField(_("what changed"), default=dict, blank=True, editable=False)
    # The words of decisions recorded before they were stored as values, in the
    # language of whoever made them; shown as written when there are no values.
    details = models.TextField(_("what changed, as written"), blank=True, editable=False)

    class Meta:
        ordering = ["-made_at", "-pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        # In the current time zone (settings.TIME_ZONE, the venue's) and format, as the
        # admin shows made_at beside it.
        return f"{self.get_action_display()} ({formats.localize(timezone.localtime(self.made_at))})"
