"""State changes of panels: suggest, change, confirm, send the outcomes, answer an
invitation, withdraw a speaker, replace a speaker who declined or withdrew. The admin
and the views call these."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from applications import services as application_services
from applications.enums import ApplicationStatus
from applications.models import Application
from panels.enums import DecisionAction, Outcome, PanelStatus, Response
from panels.models import Decision, Meeting, Panel, Placement
from panels.selection import emails, reasons, rule
from panels.selection.decision_texts import application_value
from panels.selection.decision_texts import applications_value as _names
from presessions.models import PreSession


def _candidate(application: Application) -> rule.Candidate:
    return rule.Candidate(
        id=application.pk,
        organisation=application.organisation_key,
        gender=application.speaker_gender,
        scope=application.scope,
        is_national_coalition=application.is_national_coalition,
        submitted_upr_report=application.submitted_upr_report,
        rating=application.rating,
        main_theme=application.main_theme_id,
        submitted_at=application.submitted_at,
    )


def _weights(presession: PreSession) -> rule.Weights:
    series = presession.series
    return rule.Weights(
        local_scope=series.weight_local_scope,
        coalition=series.weight_coalition,
        upr_report=series.weight_upr_report,
        theme=series.weight_theme,
    )


def eligible_applications(presession: PreSession) -> list[Application]:
    return list(
        Application.objects.filter(
            presession=presession, status=ApplicationStatus.SUBMITTED, is_ineligible=False
        ).order_by("submitted_at", "pk")
    )


def _locked_panel(presession: PreSession) -> Panel:
    panel, _created = Panel.objects.get_or_create(presession=presession)
    return (
        Panel.objects.select_for_update()
        .select_related("presession__series__session")
        .get(pk=panel.pk)
    )


def _record(panel: Panel, action: str, by: User | None, details: str = "", **values: Any) -> None:
    """A decision with its values (worded when read: panels.selection.decision_texts)."""
    Decision.objects.create(panel=panel, action=action, made_by=by, details=details, values=values)


@transaction.atomic
def suggest_panel(*, presession: PreSession, by: User) -> Panel:
    """Ask for the suggested panel of one Pre-session under the rule of the series.

    Side effects: the placements of every application of the Pre-session are rewritten
    (selected, waitlisted or not selected, each with its reason; the waitlist holds the
    series' waitlist_length, those ranked after it are not selected); a decision recorded.
    Raises ValidationError if the panel is confirmed or the pins are impossible.
    """
    panel = _locked_panel(presession)
    if panel.is_confirmed:
        raise ValidationError(_("This panel is confirmed: reopen it before changing it."))
    eligible = eligible_applications(presession)
    eligible_ids = {a.pk for a in eligible}
    pinned = frozenset(panel.pinned.values_list("pk", flat=True)) & eligible_ids
    excluded = frozenset(panel.excluded.values_list("pk", flat=True)) & eligible_ids
    try:
        suggestion = rule.best_panel(
            [_candidate(a) for a in eligible],
            panel_size=presession.series.panel_size,
            weights=_weights(presession),
            pinned=pinned,
            excluded=excluded,
            waitlist_length=presession.series.waitlist_length,
        )
    except rule.SelectionError as error:
        raise ValidationError(_describe_selection_error(error)) from error
    verdicts = {v.candidate_id: v for v in suggestion.verdicts}
    all_applications = Application.objects.filter(presession=presession)
    Placement.objects.filter(panel=panel).exclude(application__in=eligible).delete()
    for application in all_applications:
        verdict = verdicts.get(application.pk)
        if verdict is None:
            Placement.objects.update_or_create(
                application=application,
                defaults={
                    "panel": panel,
                    "outcome": Outcome.NOT_SELECTED,
                    "waitlist_rank": None,
                    "score": 0,
                    "reason_code": reasons.NOT_ELIGIBLE,
                    "reason_params": {},
                },
            )
            continue
        if verdict.selected:
            outcome = Outcome.SELECTED
        elif verdict.waitlist_rank is not None:
            outcome = Outcome.WAITLISTED
        else:
            outcome = Outcome.NOT_SELECTED
        Placement.objects.update_or_create(
            application=application,
            defaults={
                "panel": panel,
                "outcome": outcome,
                "waitlist_rank": verdict.waitlist_rank if outcome == Outcome.WAITLISTED else None,
                "score": verdict.score,
                "reason_code": verdict.reason,
                "reason_params": dict(verdict.params),
            },
        )
    _record(
        panel,
        DecisionAction.SUGGESTED,
        by,
        members=_names(a for a in eligible if a.pk in suggestion.panel),
        gap=suggestion.gender_imbalance,
        score=suggestion.total_score,
    )
    return panel


@transaction.atomic
def set_pins_and_exclusions(
    *,
    panel: Panel,
    pinned: Iterable[Application],
    excluded: Iterable[Application],
    by: User,
) -> Panel:
    """The applications always on the panel (pinned) and never on it (excluded), applied
    at the next suggestion (suggest_panel).

    Side effects: the pins and exclusions replaced; when they changed, a decision recorded
    naming them. Raises ValidationError if the panel is confirmed.
    """
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    if panel.is_confirmed:
        raise ValidationError(_("This panel is confirmed: reopen it before changing it."))
    pinned, excluded = list(pinned), list(excluded)
    before = (set(panel.pinned.all()), set(panel.excluded.all()))
    if before == (set(pinned), set(excluded)):
        return panel
    panel.pinned.set(pinned)
    panel.excluded.set(excluded)
    _record(
        panel,
        DecisionAction.PINNED,
        by,
        pinned=_names(pinned),
        excluded=_names(excluded),
    )
    return panel


def _describe_selection_error(error: rule.SelectionError) -> str:
    if error.code == "too_many_pins":
        return _("More applications are pinned than the panel has seats.")
    if error.code == "pinned_same_organisation":
        return _("Two pinned applications come from the same organisation.")
    if error.code == "pinned_and_excluded":
        return _("An application cannot be both pinned and excluded.")
    return _("The pins and exclusions cannot be applied: %(error)s") % {"error": error}


@transaction.atomic
def change_panel(
    *,
    panel: Panel,
    add: Iterable[Application] = (),
    remove: Iterable[Application] = (),
    by: User,
) -> Panel:
    """Override the suggestion: put applications on the panel or take them off.

    Side effects: placements changed (the waitlist renumbered); a decision recorded
    naming who was added and removed. Raises ValidationError if the panel is confirmed,
    would exceed its size, or would hold two speakers of one organisation.
    """
    panel = Panel.objects.select_for_update().select_related("presession__series").get(pk=panel.pk)
    if panel.is_confirmed:
        raise ValidationError(_("This panel is confirmed: reopen it before changing it."))
    add, remove = list(add), list(remove)
    placements = {p.application_id: p for p in panel.placements.select_related("application")}
    for application in add + remove:
        if application.pk not in placements:
            raise ValidationError(_("Ask for the suggested panel first."))
    for application in add:
        if not application.is_eligible:
            raise ValidationError(
                _("%(reference)s is withdrawn or ineligible.")
                % {"reference": application.reference}
            )
        placement = placements[application.pk]
        placement.outcome, placement.waitlist_rank = Outcome.SELECTED, None
        placement.reason_code, placement.reason_params = reasons.MANUAL_IN, {}
    for application in remove:
        placement = placements[application.pk]
        placement.outcome, placement.waitlist_rank = Outcome.WAITLISTED, 0
        placement.reason_code, placement.reason_params = reasons.MANUAL_OUT, {}
    members = [p for p in placements.values() if p.outcome == Outcome.SELECTED]
    if len(members) > panel.presession.series.panel_size:
        raise ValidationError(
            _("The panel would have %(count)s speakers; it has %(size)s seats.")
            % {"count": len(members), "size": panel.presession.series.panel_size}
        )
    organisations = [p.application.organisation_key for p in members]
    if len(set(organisations)) != len(organisations):
        raise ValidationError(_("The panel would have two speakers of the same organisation."))
    _renumber_waitlist(placements.values())
    for placement in placements.values():
        placement.save()
    _record(
        panel,
        DecisionAction.CHANGED,
        by,
        added=_names(add),
        removed=_names(remove),
    )
    return panel


def _renumber_waitlist(placements: Iterable[Placement]) -> None:
    """Taken-off members go to the top of the waitlist; the rest keep their order."""
    waiting = sorted(
        (p for p in placements if p.outcome == Outcome.WAITLISTED),
        key=lambda p: (p.waitlist_rank or 0, p.application.submitted_at),
    )
    for rank, placement in enumerate(waiting, start=1):
        placement.waitlist_rank = rank


@transaction.atomic
def confirm_panel(*, panel: Panel, by: User, now: dt.datetime | None = None) -> Panel:
    """Confirm the panel as it stands. Side effects: status confirmed; a decision; when it
    is confirmed again with every seat confirmed, the waitlist told it is complete
    (tell_waitlist_panel_complete)."""
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    if panel.is_confirmed:
        return panel
    members = panel.placements.filter(outcome=Outcome.SELECTED).select_related("application")
    if not members:
        raise ValidationError(_("A panel needs at least one speaker to be confirmed."))
    panel.status = PanelStatus.CONFIRMED
    panel.confirmed_at = now or timezone.now()
    panel.confirmed_by = by
    panel.save(update_fields=["status", "confirmed_at", "confirmed_by", "updated_at"])
    _record(panel, DecisionAction.CONFIRMED, by, members=_names(m.application for m in members))
    tell_waitlist_panel_complete(panel=panel, now=panel.confirmed_at)
    return panel


@transaction.atomic
def reopen_panel(*, panel: Panel, by: User) -> Panel:
    """Reopen a confirmed panel for changes. Emails already sent stay sent."""
    panel = Panel.objects.select_for_update().get(pk=panel.pk)
    if panel.is_confirmed:
        panel.status = PanelStatus.DRAFT
        panel.save(update_fields=["status", "updated_at"])
        _record(panel, DecisionAction.REOPENED, by)
    return panel


def _check_call_closed(
    panel: Panel, *, by: User, now: dt.datetime | None, override_reason: str
) -> None:
    """Outcomes wait for the call to close: applications may still come in. A coordinator
    may send before, with a written reason, which is recorded."""
    series = panel.presession.series
    if not series.call_is_open(now):
        return
    if not override_reason.strip():
        closes = formats.date_format(timezone.localtime(series.call_closes_at), "DATETIME_FORMAT")
        raise ValidationError(
            _(
                "The call for applications is still open until %(date)s: outcomes cannot "
                "be sent before it closes, unless you give a reason."
            )
            % {"date": closes}
        )
    _record(panel, DecisionAction.SENT_EARLY, by, reason=override_reason.strip())


@transaction.atomic
def send_outcomes(
    *, panel: Panel, by: User, now: dt.datetime | None = None, override_reason: str = ""
) -> int:
    """Email every applicant of a confirmed panel its outcome, once.

    Side effects: one email per applicant whose current outcome it was not yet told
    (selected: the invitation; waitlisted; not selected); the placements remember what
    was sent, so sending again sends nothing twice; a decision recorded. While the call
    is open, refused unless a reason is given (recorded as a decision of its own).
    """
    panel = Panel.objects.select_for_update().select_related("presession__series").get(pk=panel.pk)
    if not panel.is_confirmed:
        raise ValidationError(_("Confirm the panel before sending the outcomes."))
    _check_call_closed(panel, by=by, now=now, override_reason=override_reason)
    now = now or timezone.now()
    to_tell = [
        placement
        for placement in panel.placements.select_related(
            "application__presession__series__session", "application__main_theme"
        )
        if placement.notified_outcome != placement.outcome
        and placement.application.status == ApplicationStatus.SUBMITTED
    ]
    for placement in to_tell:
        emails.queue_outcome(placement)
        placement.notified_outcome = placement.outcome
        placement.notified_at = now
        placement.save(update_fields=["notified_outcome", "notified_at"])
    if to_tell:
        _record(
            panel,
            DecisionAction.SENT,
            by,
            recipients=_names(p.application for p in to_tell),
        )
    return len(to_tell)


@transaction.atomic
def respond_to_invitation(
    *,
    application: Application,
    accept: bool,
    may_name_publicly: bool = False,
    now: dt.datetime | None = None,
) -> Placement:
    """A selected speaker confirms or declines through the private link.

    Side effects: the answer stored (with whether a speaker who fears reprisals agrees
    to be named in the programme); on a confirmation once the programme is published,
    the slot emailed; on a decline, a decision recorded and the coordinators emailed
    with the proposed replacement; when the answer completes the panel, the waitlisted
    applicants told (tell_waitlist_panel_complete).
    Raises ValidationError if there is no invitation to answer.
    """
    placement = (
        Placement.objects.select_for_update()
        .select_related("panel__presession__series", "application")
        .filter(application=application)
        .first()
    )
    if (
        placement is None
        or placement.outcome != Outcome.SELECTED
        or placement.notified_outcome != Outcome.SELECTED
    ):
        raise ValidationError(_("There is no invitation to answer."))
    if placement.response != Response.PENDING:
        raise ValidationError(_("You have already answered this invitation."))
    placement.response = Response.CONFIRMED if accept else Response.DECLINED
    placement.responded_at = now or timezone.now()
    placement.may_name_publicly = accept and (
        may_name_publicly or not application.has_safety_concerns
    )
    placement.save(update_fields=["response", "responded_at", "may_name_publicly"])
    if accept:
        meeting = (
            Meeting.objects.filter(
                presession=application.presession_id, published_start__isnull=False
            )
            .select_related("room", "day", "presession__series")
            .first()
        )
        if meeting is not None and meeting.is_scheduled:
            emails.queue_slot(placement, meeting)
            placement.told_meeting_start = meeting.start
            placement.save(update_fields=["told_meeting_start"])
    else:
        _vacate_seat(placement, withdrew=False, was_confirmed=False)
    tell_waitlist_panel_complete(panel=placement.panel, now=placement.responded_at)
    return placement


def panel_is_complete(panel: Panel) -> bool:
    """The panel is confirmed, each of its seats is held by a speaker who confirmed, and no
    seat is left to offer to the waitlist."""
    if not panel.is_confirmed:
        return False
    speakers = list(panel.placements.active_speakers())
    return (
        bool(speakers)
        and all(p.has_confirmed for p in speakers)
        and propose_replacement(panel) is None
    )


@transaction.atomic
def tell_waitlist_panel_complete(*, panel: Panel, now: dt.datetime | None = None) -> int:
    """Once the panel is complete, tell each applicant still on its waitlist, once, that no
    seat will come free, with the offer of observer accreditation and the trainings.

    Side effects: one email per applicant told it is waitlisted and not yet told this
    (waitlist_final_notified_at set); a decision recorded. Nothing while the panel is not
    complete (panel_is_complete). Returns the number of emails.
    """
    if not Panel.objects.filter(pk=panel.pk, status=PanelStatus.CONFIRMED).exists():
        return 0  # a draft is left unlocked: change_panel locks it before its placements
    # The lock serialises the last answers, so that the later one sees the panel complete.
    panel = Panel.objects.select_for_update().select_related("presession__series").get(pk=panel.pk)
    if not panel_is_complete(panel):
        return 0
    to_tell = list(
        panel.placements.filter(
            outcome=Outcome.WAITLISTED,
            notified_outcome=Outcome.WAITLISTED,
            waitlist_final_notified_at__isnull=True,
            application__status=ApplicationStatus.SUBMITTED,
        ).select_related("application__presession__series__session")
    )
    now = now or timezone.now()
    for placement in to_tell:
        emails.queue_waitlist_final(placement)
        placement.waitlist_final_notified_at = now
        placement.save(update_fields=["waitlist_final_notified_at"])
    if to_tell:
        _record(
            panel,
            DecisionAction.COMPLETE,
            None,
            recipients=_names(p.application for p in to_tell),
        )
    return len(to_tell)


@transaction.atomic
def withdraw_speaker(*, application: Application, now: dt.datetime | None = None) -> Application:
    """The applicant withdraws through the private link, whether or not on a panel.

    Side effects: the application withdrawn, with its notice to the applicant
    (applications.services.withdraw_application); if it held a seat on the panel
    (selected, not declined), the seat vacated as for a decline (see _vacate_seat).
    """
    was_withdrawn = application.is_withdrawn
    application = application_services.withdraw_application(application=application, now=now)
    if was_withdrawn:
        return application
    placement = (
        Placement.objects.active_speakers()
        .select_for_update()
        .select_related("panel__presession__series", "application")
        .filter(application=application)
        .first()
    )
    if placement is not None:
        was_confirmed = placement.has_confirmed
        placement.response = Response.DECLINED
        placement.responded_at = application.withdrawn_at
        placement.may_name_publicly = False
        placement.save(update_fields=["response", "responded_at", "may_name_publicly"])
        _vacate_seat(placement, withdrew=True, was_confirmed=was_confirmed)
    return application


def _vacate_seat(placement: Placement, *, withdrew: bool, was_confirmed: bool) -> None:
    """A speaker leaves the panel: declined the invitation, or withdrew the application
    (before or after confirming). The placement is already stored as declined, so the
    speaker is gone from the public programme, its print view and its calendars at once
    (panels.programme.public reads them live; nothing of the programme is cached).

    Side effects: a decision recorded with the proposed replacement; the coordinators
    emailed with it, told when the published programme had named the speaker.
    """
    application = placement.application
    replacement = propose_replacement(placement.panel)
    _record(
        placement.panel,
        DecisionAction.WITHDREW if withdrew else DecisionAction.DECLINED,
        None,
        speaker=application_value(application),
        replacement=application_value(replacement) if replacement else None,
    )
    was_on_programme = (
        was_confirmed
        and Meeting.objects.filter(
            presession=placement.panel.presession_id, published_start__isnull=False
        ).exists()
    )
    emails.queue_decline_notice(
        placement, replacement, withdrew=withdrew, was_on_programme=was_on_programme
    )


def propose_replacement(panel: Panel) -> Application | None:
    """The best waitlisted application to take a declined seat, under the same rule."""
    everyone = list(panel.placements.select_related("application"))
    # The rule weighs the speakers who stay and the waitlist, nobody it did not keep.
    placements = [
        p
        for p in everyone
        if p.application.is_eligible and (p.is_active_speaker or p.outcome == Outcome.WAITLISTED)
    ]
    keep = frozenset(p.application_id for p in placements if p.is_active_speaker)
    # A seat is free when its speaker declined or withdrew (withdrawn or not, declined).
    declined = frozenset(
        p.application_id
        for p in everyone
        if p.outcome == Outcome.SELECTED
        and (p.response == Response.DECLINED or not p.application.is_eligible)
    )
    # A replacement fills a seat even if it later declines or withdraws in turn.
    filled = sum(1 for p in everyone if p.reason_code == reasons.REPLACEMENT)
    if len(declined) <= filled:
        return None  # every declined seat has been offered to someone already
    candidates = frozenset(p.application_id for p in placements)
    excluded = (declined | frozenset(panel.excluded.values_list("pk", flat=True))) & candidates
    best = rule.best_replacement(
        [_candidate(p.application) for p in placements],
        panel_size=panel.presession.series.panel_size,
        weights=_weights(panel.presession),
        keep=keep,
        excluded=excluded,
    )
    return next((p.application for p in placements if p.application_id == best), None)


@transaction.atomic
def invite_replacement(*, panel: Panel, by: User) -> Placement:
    """Put the proposed replacement on the panel and send its invitation.

    Side effects: its placement becomes selected (the declined speaker's placement stays,
    selected and declined, as the record); the invitation email queued;
    the waitlist renumbered; a decision recorded.
    """
    panel = Panel.objects.select_for_update().select_related("presession__series").get(pk=panel.pk)
    replacement = propose_replacement(panel)
    if replacement is None:
        raise ValidationError(_("There is no declined seat to fill, or nobody left to invite."))
    placement = Placement.objects.select_related("application__presession__series__session").get(
        application=replacement
    )
    placement.outcome = Outcome.SELECTED
    placement.waitlist_rank = None
    placement.reason_code, placement.reason_params = reasons.REPLACEMENT, {}
    placement.save()
    placements = list(panel.placements.select_related("application"))
    _renumber_waitlist(placements)
    for waiting in placements:
        if waiting.outcome == Outcome.WAITLISTED:
            waiting.save(update_fields=["waitlist_rank"])
    emails.queue_outcome(placement)
    placement.notified_outcome = Outcome.SELECTED
    placement.notified_at = timezone.now()
    placement.save(update_fields=["notified_outcome", "notified_at"])
    _record(panel, DecisionAction.REPLACED, by, replacement=application_value(replacement))
    return placement
