import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from panels.enums import DecisionAction, Outcome, PanelStatus, Response
from panels.models import Decision, Panel, Placement
from panels.selection import reasons, services
from panels.selection.decision_texts import describe
from presessions.models import OutboundEmail
from tests.factories import ApplicationFactory


def outcomes(presession):
    return {
        p.application.organisation_name: (p.outcome, p.waitlist_rank)
        for p in Placement.objects.filter(panel__presession=presession).select_related(
            "application"
        )
    }


@pytest.fixture
def suggested(small_series, coordinator):
    presession, applications = small_series
    panel = services.suggest_panel(presession=presession, by=coordinator)
    return panel, applications


@pytest.fixture
def sent(suggested, coordinator, django_capture_on_commit_callbacks):
    panel, applications = suggested
    services.confirm_panel(panel=panel, by=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_outcomes(panel=panel, by=coordinator)
    mail.outbox.clear()
    return panel, applications


def test_suggest_panel_places_everyone_with_a_reason(small_series, coordinator):
    presession, _ = small_series

    panel = services.suggest_panel(presession=presession, by=coordinator)

    assert outcomes(presession) == {
        "Amani Women": (Outcome.SELECTED, None),
        "Haki Network": (Outcome.SELECTED, None),
        "Sauti Forum": (Outcome.WAITLISTED, 1),
        "Global Watch": (Outcome.WAITLISTED, 2),
    }
    sauti = Placement.objects.get(application__organisation_name="Sauti Forum")
    assert sauti.reason_code == "tie_later_submission"
    decision = Decision.objects.get(panel=panel)
    assert decision.action == DecisionAction.SUGGESTED
    assert decision.made_by == coordinator
    members = [m["organisation"] for m in decision.values["members"]]
    assert members == ["Amani Women", "Haki Network"]
    assert describe(decision.action, decision.values).startswith("Suggested: ")


def test_suggest_panel_applies_pins_and_exclusions(small_series, coordinator):
    presession, applications = small_series
    panel = Panel.objects.create(presession=presession)
    panel.pinned.add(applications["Sauti Forum"])
    panel.excluded.add(applications["Haki Network"])

    services.suggest_panel(presession=presession, by=coordinator)

    result = outcomes(presession)
    assert result["Sauti Forum"] == (Outcome.SELECTED, None)
    assert result["Global Watch"] == (Outcome.SELECTED, None)
    assert result["Haki Network"] == (Outcome.NOT_SELECTED, None)
    assert Placement.objects.get(application=applications["Haki Network"]).reason_code == (
        "excluded"
    )


def test_suggest_panel_leaves_out_withdrawn_and_ineligible(small_series, coordinator):
    presession, applications = small_series
    haki = applications["Haki Network"]
    haki.is_ineligible, haki.ineligible_reason = True, "Not from Kenya."
    haki.save()

    services.suggest_panel(presession=presession, by=coordinator)

    result = outcomes(presession)
    assert result["Haki Network"] == (Outcome.NOT_SELECTED, None)
    assert result["Global Watch"] == (Outcome.SELECTED, None)


def test_suggest_panel_refuses_impossible_pins(small_series, coordinator):
    presession, applications = small_series
    panel = Panel.objects.create(presession=presession)
    panel.pinned.add(*applications.values())

    with pytest.raises(ValidationError) as excinfo:
        services.suggest_panel(presession=presession, by=coordinator)

    assert excinfo.value.messages == ["More applications are pinned than the panel has seats."]


def test_set_pins_and_exclusions_saves_them_and_records_who_did_it(suggested, coordinator):
    panel, applications = suggested
    sauti, haki = applications["Sauti Forum"], applications["Haki Network"]

    services.set_pins_and_exclusions(panel=panel, pinned=[sauti], excluded=[haki], by=coordinator)

    assert list(panel.pinned.all()) == [sauti]
    assert list(panel.excluded.all()) == [haki]
    decision = Decision.objects.filter(panel=panel).first()
    assert (decision.action, decision.made_by) == (DecisionAction.PINNED, coordinator)
    assert describe(decision.action, decision.values) == (
        f"Pinned: {sauti.reference} Sauti Forum. Excluded: {haki.reference} Haki Network."
    )


def test_set_pins_and_exclusions_without_a_change_records_nothing(suggested, coordinator):
    panel, _ = suggested
    before = Decision.objects.filter(panel=panel).count()

    services.set_pins_and_exclusions(panel=panel, pinned=[], excluded=[], by=coordinator)

    assert Decision.objects.filter(panel=panel).count() == before


def test_set_pins_and_exclusions_refuses_a_confirmed_panel(suggested, coordinator):
    panel, applications = suggested
    services.confirm_panel(panel=panel, by=coordinator)

    with pytest.raises(ValidationError) as excinfo:
        services.set_pins_and_exclusions(
            panel=panel, pinned=[applications["Sauti Forum"]], excluded=[], by=coordinator
        )

    assert excinfo.value.messages == ["This panel is confirmed: reopen it before changing it."]
    assert panel.pinned.count() == 0


def test_change_panel_swaps_members_and_records_who_did_it(suggested, coordinator):
    panel, applications = suggested

    services.change_panel(
        panel=panel,
        add=[applications["Sauti Forum"]],
        remove=[applications["Amani Women"]],
        by=coordinator,
    )

    result = outcomes(panel.presession)
    assert result["Sauti Forum"] == (Outcome.SELECTED, None)
    assert result["Amani Women"] == (Outcome.WAITLISTED, 1)
    assert result["Global Watch"] == (Outcome.WAITLISTED, 2)
    decision = panel.decisions.first()
    assert decision.action == DecisionAction.CHANGED
    assert decision.made_by == coordinator
    assert describe(decision.action, decision.values) == (
        f"Added: {applications['Sauti Forum'].reference} Sauti Forum. "
        f"Removed: {applications['Amani Women'].reference} Amani Women."
    )


def test_change_panel_refuses_more_speakers_than_seats(suggested, coordinator):
    panel, applications = suggested

    with pytest.raises(ValidationError) as excinfo:
        services.change_panel(panel=panel, add=[applications["Sauti Forum"]], by=coordinator)

    assert excinfo.value.messages == ["The panel would have 3 speakers; it has 2 seats."]
    assert outcomes(panel.presession)["Sauti Forum"] == (Outcome.WAITLISTED, 1)


def test_confirmed_panel_cannot_change_until_reopened(suggested, coordinator):
    panel, _ = suggested
    services.confirm_panel(panel=panel, by=coordinator)
    panel.refresh_from_db()
    assert panel.status == PanelStatus.CONFIRMED
    assert panel.confirmed_by == coordinator

    with pytest.raises(ValidationError):
        services.suggest_panel(presession=panel.presession, by=coordinator)

    services.reopen_panel(panel=panel, by=coordinator)
    services.suggest_panel(presession=panel.presession, by=coordinator)


def test_send_outcomes_needs_a_confirmed_panel(suggested, coordinator):
    panel, _ = suggested

    with pytest.raises(ValidationError):
        services.send_outcomes(panel=panel, by=coordinator)
    assert mail.outbox == []


def test_send_outcomes_emails_each_applicant_in_their_language(
    suggested, coordinator, django_capture_on_commit_callbacks
):
    panel, applications = suggested
    panel.excluded.add(applications["Global Watch"])
    services.suggest_panel(presession=panel.presession, by=coordinator)
    services.confirm_panel(panel=panel, by=coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        count = services.send_outcomes(panel=panel, by=coordinator)

    assert count == 4
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    amani, haki = applications["Amani Women"], applications["Haki Network"]
    sauti, global_watch = applications["Sauti Forum"], applications["Global Watch"]
    assert subjects == {
        amani.contact_email: (
            "Vous êtes invités à intervenir à la pré-session (État examiné : Kenya)"
        ),
        haki.contact_email: "Está invitado a intervenir en la Pre-sesión sobre Kenia",
        sauti.contact_email: f"Your application {sauti.reference}: on the waiting list",
        global_watch.contact_email: (
            f"Your application {global_watch.reference} to speak at the Pre-sessions"
        ),
    }
    invitation = next(m for m in mail.outbox if m.to == [amani.contact_email]).body
    assert "5 à 7 minutes" in invitation
    assert "/fr/application/" in invitation
    refusal = next(m for m in mail.outbox if m.to == [global_watch.contact_email]).body
    assert "accreditation" in refusal and "trainings" in refusal
    waitlisted = next(m for m in mail.outbox if m.to == [sauti.contact_email]).body
    assert "we may still invite you" in waitlisted


def test_send_outcomes_twice_sends_nothing_twice(
    suggested, coordinator, django_capture_on_commit_callbacks
):
    panel, _ = suggested
    services.confirm_panel(panel=panel, by=coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        first = services.send_outcomes(panel=panel, by=coordinator)
        second = services.send_outcomes(panel=panel, by=coordinator)

    assert (first, second) == (4, 0)
    assert len(mail.outbox) == 4
    assert panel.decisions.filter(action=DecisionAction.SENT).count() == 1


def test_confirming_the_invitation_is_recorded(sent):
    _, applications = sent

    placement = services.respond_to_invitation(application=applications["Amani Women"], accept=True)

    assert placement.response == Response.CONFIRMED
    assert placement.responded_at is not None
    assert mail.outbox == []


def test_an_invitation_is_answered_once(sent):
    _, applications = sent
    services.respond_to_invitation(application=applications["Amani Women"], accept=True)

    with pytest.raises(ValidationError) as excinfo:
        services.respond_to_invitation(application=applications["Amani Women"], accept=False)

    assert excinfo.value.messages == ["You have already answered this invitation."]


def test_only_invited_speakers_can_answer(sent):
    _, applications = sent

    with pytest.raises(ValidationError):
        services.respond_to_invitation(application=applications["Sauti Forum"], accept=True)


def test_a_decline_tells_the_coordinators_and_proposes_the_best_replacement(
    sent, coordinator, reviewer, django_capture_on_commit_callbacks
):
    panel, applications = sent

    with django_capture_on_commit_callbacks(execute=True):
        services.respond_to_invitation(application=applications["Amani Women"], accept=False)

    assert [m.to for m in mail.outbox] == [["coordinator@example.org"]]
    notice = mail.outbox[0]
    assert notice.subject == f"{applications['Amani Women'].reference} declined the invitation"
    assert "Sauti Forum" in notice.body
    assert f"/admin/panels/panel/{panel.pk}/change/" in notice.body
    assert services.propose_replacement(panel) == applications["Sauti Forum"]
    assert panel.decisions.first().action == DecisionAction.DECLINED


def test_the_replacement_is_chosen_under_the_same_rule(sent):
    panel, applications = sent
    # A man declines: to keep the balance the replacement is the waitlisted man, although
    # the waitlisted woman scores more and comes first on the waitlist.
    services.respond_to_invitation(application=applications["Haki Network"], accept=False)

    assert services.propose_replacement(panel) == applications["Global Watch"]


def test_inviting_the_replacement_sends_one_invitation(
    sent, coordinator, django_capture_on_commit_callbacks
):
    panel, applications = sent
    services.respond_to_invitation(application=applications["Amani Women"], accept=False)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.invite_replacement(panel=panel, by=coordinator)
        services.send_outcomes(panel=panel, by=coordinator)

    sauti = applications["Sauti Forum"]
    assert [m.to for m in mail.outbox] == [[sauti.contact_email]]
    assert mail.outbox[0].subject == "You are invited to speak at the Pre-session on Kenya"
    result = outcomes(panel.presession)
    assert result["Sauti Forum"] == (Outcome.SELECTED, None)
    assert result["Global Watch"] == (Outcome.WAITLISTED, 1)
    assert services.propose_replacement(panel) is None
    with pytest.raises(ValidationError):
        services.invite_replacement(panel=panel, by=coordinator)


def test_a_replacement_who_withdraws_frees_one_seat_again(
    sent, coordinator, django_capture_on_commit_callbacks
):
    panel, applications = sent
    extra = ApplicationFactory(
        presession=panel.presession, organisation_name="Extra Voices", speaker_gender="woman"
    )
    Placement.objects.create(
        panel=panel, application=extra, outcome=Outcome.WAITLISTED, waitlist_rank=3,
        reason_code="waitlisted",
    )  # fmt: skip
    services.withdraw_speaker(application=applications["Amani Women"])
    services.invite_replacement(panel=panel, by=coordinator)  # Sauti Forum
    services.withdraw_speaker(application=applications["Sauti Forum"])

    # Two seats were freed, and one replacement is still standing to be invited.
    assert services.propose_replacement(panel) == extra  # a woman, for the balance
    services.invite_replacement(panel=panel, by=coordinator)

    assert services.propose_replacement(panel) is None  # Global Watch waits for no seat
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_speaker(application=extra)
    assert [m.subject for m in mail.outbox if m.to == ["coordinator@example.org"]] == [
        f"{extra.reference} withdrew from the panel"
    ]
    assert services.propose_replacement(panel) == applications["Global Watch"]


@pytest.mark.parametrize(
    ("outcome", "language", "subject", "phrase"),
    [
        (Outcome.SELECTED, "en", "You are invited to speak at the Pre-session on Kenya",
         "5 to 7 minutes"),
        (Outcome.SELECTED, "fr", "Vous êtes invités à intervenir à la pré-session (État examiné : "
         "Kenya)", "5 à 7 minutes"),
        (Outcome.SELECTED, "es", "Está invitado a intervenir en la Pre-sesión sobre Kenia",
         "5 a 7 minutos"),
        (Outcome.WAITLISTED, "en", "Your application {ref}: on the waiting list",
         "we may still invite you"),
        (Outcome.WAITLISTED, "fr", "Votre candidature {ref} : sur liste d'attente",
         "liste d'attente"),
        (Outcome.WAITLISTED, "es", "Su solicitud {ref}: en lista de espera", "lista de espera"),
        (Outcome.NOT_SELECTED, "en", "Your application {ref} to speak at the Pre-sessions",
         "accreditation"),
        (Outcome.NOT_SELECTED, "fr", "Votre candidature {ref} pour intervenir aux pré-sessions",
         "accréditation"),
        (Outcome.NOT_SELECTED, "es", "Su solicitud {ref} para intervenir en las Pre-sesiones",
         "acreditación"),
    ],
)  # fmt: skip
def test_outcome_emails_in_each_language(
    small_series, outcome, language, subject, phrase, django_capture_on_commit_callbacks
):
    from panels.selection.emails import queue_outcome

    _, applications = small_series
    application = applications["Global Watch"]
    application.language = language
    application.save(update_fields=["language"])
    placement = Placement(application=application, outcome=outcome)

    with django_capture_on_commit_callbacks(execute=True):
        queue_outcome(placement)

    message = mail.outbox[0]
    assert message.subject == subject.format(ref=application.reference)
    assert phrase in message.body
    assert f"/{language}/application/" in message.body or outcome == Outcome.NOT_SELECTED


def with_waitlist(presession, length):
    series = presession.series
    series.waitlist_length = length
    series.save(update_fields=["waitlist_length"])


def emailed(since=0):
    """(kind, recipient, language) of each email recorded, from the given row on."""
    return sorted((e.kind, e.to, e.language) for e in OutboundEmail.objects.order_by("pk")[since:])


def test_suggest_panel_keeps_two_on_the_waitlist_by_default(small_series, coordinator):
    presession, _ = small_series
    late = ApplicationFactory(
        presession=presession, organisation_name="Late Voices", speaker_gender="man",
        scope="international",
    )  # fmt: skip

    services.suggest_panel(presession=presession, by=coordinator)

    result = outcomes(presession)
    assert (result["Sauti Forum"], result["Global Watch"]) == (
        (Outcome.WAITLISTED, 1), (Outcome.WAITLISTED, 2)
    )  # fmt: skip
    assert result["Late Voices"] == (Outcome.NOT_SELECTED, None)
    placement = Placement.objects.get(application=late)
    assert (placement.reason_code, placement.reason_params) == (
        "waitlist_full", {"rank": 3, "waitlist_length": 2}
    )  # fmt: skip


def test_suggest_panel_keeps_the_waitlist_to_the_series_length(small_series, coordinator):
    presession, applications = small_series
    with_waitlist(presession, 1)

    services.suggest_panel(presession=presession, by=coordinator)

    result = outcomes(presession)
    assert result["Sauti Forum"] == (Outcome.WAITLISTED, 1)
    assert result["Global Watch"] == (Outcome.NOT_SELECTED, None)
    cut = Placement.objects.get(application=applications["Global Watch"])
    assert (cut.reason_code, cut.reason_params) == (
        "waitlist_full", {"rank": 2, "waitlist_length": 1}
    )  # fmt: skip
    assert reasons.describe(cut.reason_code, cut.reason_params) == (
        "Not kept on the waitlist: it would be number 2 on it, and the waitlist holds 1 place."
    )


def test_suggest_panel_without_a_waitlist_selects_nobody_else(small_series, coordinator):
    presession, _ = small_series
    with_waitlist(presession, 0)

    services.suggest_panel(presession=presession, by=coordinator)

    assert outcomes(presession) == {
        "Amani Women": (Outcome.SELECTED, None),
        "Haki Network": (Outcome.SELECTED, None),
        "Sauti Forum": (Outcome.NOT_SELECTED, None),
        "Global Watch": (Outcome.NOT_SELECTED, None),
    }
    assert set(
        Placement.objects.filter(outcome=Outcome.NOT_SELECTED).values_list("reason_code", flat=True)
    ) == {"waitlist_full"}


def test_send_outcomes_tells_the_waitlist_and_the_others_each_once(
    small_series, coordinator, django_capture_on_commit_callbacks
):
    presession, applications = small_series
    with_waitlist(presession, 1)
    panel = services.suggest_panel(presession=presession, by=coordinator)
    services.confirm_panel(panel=panel, by=coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        services.send_outcomes(panel=panel, by=coordinator)
        again = services.send_outcomes(panel=panel, by=coordinator)

    email = {name: a.contact_email for name, a in applications.items()}
    assert again == 0
    assert emailed() == sorted([
        ("panel_selected", email["Amani Women"], "fr"),
        ("panel_selected", email["Haki Network"], "es"),
        ("panel_waitlisted", email["Sauti Forum"], "en"),
        ("panel_not_selected", email["Global Watch"], "en"),
    ])  # fmt: skip
    refusal = OutboundEmail.objects.get(kind="panel_not_selected")
    assert "http://testserver/en/series/49/accreditation/" in refusal.body_text
    assert len(mail.outbox) == 4


def confirm(application):
    return services.respond_to_invitation(application=application, accept=True)


def test_the_waitlist_is_told_once_when_every_seat_is_confirmed(
    sent, coordinator, django_capture_on_commit_callbacks
):
    panel, applications = sent
    before = OutboundEmail.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        confirm(applications["Amani Women"])
        assert emailed(before) == []  # a seat still awaits its answer
        confirm(applications["Haki Network"])
        again = services.tell_waitlist_panel_complete(panel=panel)

    assert again == 0
    assert emailed(before) == sorted([
        ("panel_waitlist_final", applications["Sauti Forum"].contact_email, "en"),
        ("panel_waitlist_final", applications["Global Watch"].contact_email, "en"),
    ])  # fmt: skip
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [applications["Sauti Forum"].contact_email, applications["Global Watch"].contact_email]
    )
    final = OutboundEmail.objects.filter(kind="panel_waitlist_final").first()
    assert final.subject.endswith("the panel is complete")
    assert "http://testserver/en/series/49/accreditation/" in final.body_text
    assert Placement.objects.filter(waitlist_final_notified_at__isnull=False).count() == 2
    decision = panel.decisions.first()
    assert (decision.action, decision.made_by) == (DecisionAction.COMPLETE, None)
    text = describe(decision.action, decision.values, decision.details)
    assert text.startswith("The panel is complete; told the waitlist: ")
    assert "Sauti Forum" in text and "Global Watch" in text


def test_a_reopened_panel_tells_the_waitlist_when_confirmed_again(sent, coordinator):
    panel, applications = sent
    confirm(applications["Amani Women"])
    services.reopen_panel(panel=panel, by=coordinator)
    confirm(applications["Haki Network"])
    assert OutboundEmail.objects.filter(kind="panel_waitlist_final").count() == 0

    services.confirm_panel(panel=panel, by=coordinator)

    assert sorted(e.to for e in OutboundEmail.objects.filter(kind="panel_waitlist_final")) == (
        sorted([applications["Sauti Forum"].contact_email,
                applications["Global Watch"].contact_email])
    )  # fmt: skip


def test_the_waitlist_is_not_told_while_a_declined_seat_can_be_filled(
    sent, coordinator, django_capture_on_commit_callbacks
):
    panel, applications = sent
    services.respond_to_invitation(application=applications["Amani Women"], accept=False)
    confirm(applications["Haki Network"])
    assert OutboundEmail.objects.filter(kind="panel_waitlist_final").count() == 0
    services.invite_replacement(panel=panel, by=coordinator)  # Sauti Forum

    with django_capture_on_commit_callbacks(execute=True):
        confirm(applications["Sauti Forum"])

    finals = OutboundEmail.objects.filter(kind="panel_waitlist_final")
    assert [e.to for e in finals] == [applications["Global Watch"].contact_email]


def test_a_waitlisted_applicant_told_the_panel_is_complete_can_still_be_invited(
    sent, coordinator, django_capture_on_commit_callbacks
):
    panel, applications = sent
    confirm(applications["Amani Women"])
    confirm(applications["Haki Network"])
    assert OutboundEmail.objects.filter(kind="panel_waitlist_final").count() == 2
    services.withdraw_speaker(application=applications["Haki Network"])
    before = OutboundEmail.objects.count()

    assert services.propose_replacement(panel) == applications["Global Watch"]
    with django_capture_on_commit_callbacks(execute=True):
        services.invite_replacement(panel=panel, by=coordinator)
        confirm(applications["Global Watch"])

    assert emailed(before) == [("panel_selected", applications["Global Watch"].contact_email, "en")]
    assert outcomes(panel.presession)["Global Watch"] == (Outcome.SELECTED, None)


def test_the_replacement_comes_only_from_the_waitlist(small_series, coordinator):
    presession, applications = small_series
    with_waitlist(presession, 1)
    panel = services.suggest_panel(presession=presession, by=coordinator)
    services.confirm_panel(panel=panel, by=coordinator)
    services.send_outcomes(panel=panel, by=coordinator)

    # Global Watch, a man, would keep the balance, but it is not on the waitlist.
    services.respond_to_invitation(application=applications["Haki Network"], accept=False)

    assert services.propose_replacement(panel) == applications["Sauti Forum"]


def test_without_a_waitlist_nobody_is_proposed(small_series, coordinator):
    presession, applications = small_series
    with_waitlist(presession, 0)
    panel = services.suggest_panel(presession=presession, by=coordinator)
    services.confirm_panel(panel=panel, by=coordinator)
    services.send_outcomes(panel=panel, by=coordinator)

    services.respond_to_invitation(application=applications["Haki Network"], accept=False)

    assert services.propose_replacement(panel) is None


def test_send_outcomes_while_the_call_is_open_is_refused_without_a_reason(
    suggested, coordinator, django_capture_on_commit_callbacks
):
    panel, _ = suggested
    series = panel.presession.series
    series.call_closes_at = timezone.now() + dt.timedelta(days=2)
    series.save(update_fields=["call_closes_at"])
    services.confirm_panel(panel=panel, by=coordinator)

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError, match="still open until"),
    ):
        services.send_outcomes(panel=panel, by=coordinator, override_reason=" ")

    assert mail.outbox == []
    assert not Placement.objects.exclude(notified_outcome="").exists()


def test_send_outcomes_while_the_call_is_open_with_a_reason_sends_and_logs_it(
    suggested, coordinator, django_capture_on_commit_callbacks
):
    panel, _ = suggested
    series = panel.presession.series
    series.call_closes_at = timezone.now() + dt.timedelta(days=2)
    series.save(update_fields=["call_closes_at"])
    services.confirm_panel(panel=panel, by=coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        count = services.send_outcomes(
            panel=panel, by=coordinator, override_reason="The review date moved."
        )

    assert count == len(mail.outbox) == 4
    early = Decision.objects.get(panel=panel, action=DecisionAction.SENT_EARLY)
    assert (early.made_by, early.values) == (coordinator, {"reason": "The review date moved."})
    assert describe(early.action, early.values, early.details) == (
        "Sent before the call closed, because: The review date moved."
    )
