"""Decisions are stored as their kind and values and worded in the reader's language,
with their times in the venue's time zone, as the admin shows them."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from panels.enums import DecisionAction
from panels.models import Decision
from panels.selection import services
from panels.selection.decision_texts import (
    describe,
    moment_text,
    moment_value,
    values_from_details,
)
from tests.factories import ApplicationFactory

UTC_0739 = dt.datetime(2026, 11, 30, 7, 39, tzinfo=dt.UTC)  # 08:39 in Geneva


@pytest.fixture
def suggested(small_series, coordinator):
    presession, applications = small_series
    panel = services.suggest_panel(presession=presession, by=coordinator)
    return panel, applications


def _text(decision: Decision) -> str:
    return describe(decision.action, decision.values, decision.details)


def _named(application) -> str:
    return f"{application.reference} {application.organisation_name}"


def test_a_decision_made_in_french_reads_in_english_and_in_spanish(suggested, coordinator):
    panel, applications = suggested
    sauti, haki = applications["Sauti Forum"], applications["Haki Network"]

    with translation.override("fr"):
        services.set_pins_and_exclusions(
            panel=panel, pinned=[sauti], excluded=[haki], by=coordinator
        )

    decision = panel.decisions.first()
    assert decision.details == ""
    with translation.override("en"):
        assert _text(decision) == f"Pinned: {_named(sauti)}. Excluded: {_named(haki)}."
    with translation.override("es"):
        assert _text(decision) == f"Fijadas: {_named(sauti)}. Excluidas: {_named(haki)}."
    with translation.override("fr"):
        assert _text(decision) == f"Épinglées : {_named(sauti)}. Exclues : {_named(haki)}."


def test_the_decision_list_reads_in_the_language_of_its_reader(client, suggested, coordinator):
    panel, applications = suggested
    amani = applications["Amani Women"]
    with translation.override("fr"):
        services.change_panel(panel=panel, remove=[amani], by=coordinator)
    client.force_login(coordinator)
    url = reverse("admin:panels_decision_changelist")

    page = client.get(url, headers={"accept-language": "es"}).content.decode()

    assert f"Añadidas: -. Quitadas: {_named(amani)}." in page
    assert "Retirées" not in page


def test_a_decline_and_a_withdrawal_are_two_kinds(
    suggested, coordinator, django_capture_on_commit_callbacks
):
    panel, applications = suggested
    amani, haki, sauti = (applications[n] for n in ("Amani Women", "Haki Network", "Sauti Forum"))
    services.confirm_panel(panel=panel, by=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_outcomes(panel=panel, by=coordinator)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.respond_to_invitation(application=amani, accept=False)
        services.withdraw_speaker(application=haki)

    withdrawal, decline = panel.decisions.all()[:2]
    assert (withdrawal.action, decline.action) == (DecisionAction.WITHDREW, DecisionAction.DECLINED)
    assert _text(decline) == f"{_named(amani)} declined. Proposed replacement: {_named(sauti)}."
    with translation.override("es"):
        assert _text(withdrawal) == (
            f"{_named(haki)} retiró su solicitud. Reemplazo propuesto: {_named(sauti)}."
        )


def test_the_time_in_a_decision_is_the_time_the_admin_shows_beside_it(
    client, suggested, coordinator
):
    panel, _applications = suggested
    services.confirm_panel(panel=panel, by=coordinator)
    Decision.objects.filter(panel=panel).update(made_at=UTC_0739)
    client.force_login(coordinator)

    page = client.get(reverse("admin:panels_panel_change", args=[panel.pk])).content.decode()

    rows = page.split('id="decisions-', 1)[1]
    shown_at = re.findall(r'<td class="field-made_at">\s*<p>(.*?)</p>', rows)
    titles = re.findall(r'<td class="original">\s*<p>\s*(.*?)\s*</p>', rows)
    assert shown_at == ["Nov. 30, 2026, 8:39 a.m."] * 2
    assert titles == [
        "confirmed the panel (Nov. 30, 2026, 8:39 a.m.)",
        "asked for the suggested panel (Nov. 30, 2026, 8:39 a.m.)",
    ]
    assert "07:39" not in page


def test_a_time_in_the_values_is_stored_in_utc_and_read_in_the_venues_zone():
    stored = moment_value(dt.datetime(2026, 7, 1, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=2))))

    assert stored == "2026-07-01T08:00:00+00:00"
    assert moment_text(stored) == "July 1, 2026, 10 a.m."
    with translation.override("fr"):
        assert moment_text(stored) == "1 juillet 2026 10:00"


def test_a_decision_of_before_the_values_reads_as_it_was_written(client, suggested, coordinator):
    panel, _applications = suggested
    Decision.objects.create(
        panel=panel, action=DecisionAction.SENT, made_by=coordinator, details="Notes à part."
    )
    client.force_login(coordinator)

    page = client.get(reverse("admin:panels_decision_changelist")).content.decode()

    assert "Notes à part." in page


# What the site wrote before the values, read back: (kind recorded then, the words,
# kind and values read).
AMANI = {"reference": "PS49-KEN-0001", "organisation": "Amani Women, Kenya"}
HAKI = {"reference": "PS49-KEN-0002", "organisation": "Haki Network"}
WRITTEN = [
    (
        "suggested",
        "Suggested: PS49-KEN-0001 Amani Women, Kenya, PS49-KEN-0002 Haki Network "
        "(gender gap 0, score 21).",
        ("suggested", {"members": [AMANI, HAKI], "gap": 0, "score": 21}),
    ),
    (
        "changed",
        "Épinglées : PS49-KEN-0002 Haki Network. Exclues : -.",
        ("pinned", {"pinned": [HAKI], "excluded": []}),
    ),
    (
        "changed",
        "Añadidas: -. Quitadas: PS49-KEN-0001 Amani Women, Kenya.",
        ("changed", {"added": [], "removed": [AMANI]}),
    ),
    ("confirmed", "Panel\u00a0: PS49-KEN-0002 Haki Network.", ("confirmed", {"members": [HAKI]})),
    (
        "sent",
        "2 correos electrónicos: PS49-KEN-0001 Amani Women, Kenya, PS49-KEN-0002 Haki Network.",
        ("sent", {"recipients": [AMANI, HAKI]}),
    ),
    (
        "declined",
        "PS49-KEN-0001 Amani Women, Kenya a retiré sa candidature. Remplaçant proposé : -.",
        ("withdrew", {"speaker": AMANI, "replacement": None}),
    ),
    (
        "declined",
        "PS49-KEN-0001 Amani Women, Kenya declined. Proposed replacement: "
        "PS49-KEN-0002 Haki Network.",
        ("declined", {"speaker": AMANI, "replacement": HAKI}),
    ),
    ("replaced", "PS49-KEN-0002 Haki Network", ("replaced", {"replacement": HAKI})),
]


@pytest.mark.parametrize(("action", "details", "read"), WRITTEN)
def test_the_words_of_an_old_decision_are_read_back_into_values(action, details, read):
    assert values_from_details(action, details) == read


@pytest.mark.parametrize(
    ("action", "details"),
    [
        ("sent", "3 emails: PS49-KEN-0001 Amani Women, PS49-KEN-0002 Haki Network."),
        ("confirmed", "Panel: Amani Women."),
        ("suggested", "Pinned: -. Excluded: -."),
        ("reopened", ""),
        ("changed", "Something a coordinator typed."),
    ],
)
def test_words_that_cannot_be_read_back_exactly_stay_as_written(action, details):
    assert values_from_details(action, details) is None


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_what_the_site_writes_today_it_could_read_back(
    language, suggested, coordinator, django_capture_on_commit_callbacks
):
    panel, applications = suggested
    amani, haki, sauti, watch = (
        applications[n] for n in ("Amani Women", "Haki Network", "Sauti Forum", "Global Watch")
    )
    services.set_pins_and_exclusions(panel=panel, pinned=[], excluded=[watch], by=coordinator)
    services.change_panel(panel=panel, add=[sauti], remove=[haki], by=coordinator)
    services.confirm_panel(panel=panel, by=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_outcomes(panel=panel, by=coordinator)
        services.respond_to_invitation(application=amani, accept=False)
        services.invite_replacement(panel=panel, by=coordinator)
        services.withdraw_speaker(application=sauti)
    earlier_kind = {"pinned": "changed", "withdrew": "declined"}

    decisions = list(panel.decisions.exclude(action=DecisionAction.REOPENED))
    with translation.override(language):
        read = [
            values_from_details(earlier_kind.get(d.action, d.action), _text(d)) for d in decisions
        ]

    assert len({d.action for d in decisions}) == 8
    assert read == [(d.action, d.values) for d in decisions]


def test_a_reopening_has_no_words(suggested, coordinator):
    panel, _applications = suggested
    services.confirm_panel(panel=panel, by=coordinator)

    services.reopen_panel(panel=panel, by=coordinator)

    decision = panel.decisions.first()
    assert (decision.action, decision.values, _text(decision)) == (DecisionAction.REOPENED, {}, "")


def test_an_application_renamed_later_keeps_its_name_in_the_decision(suggested, coordinator):
    panel, applications = suggested
    extra = ApplicationFactory(presession=panel.presession, organisation_name="Old Name")
    services.suggest_panel(presession=panel.presession, by=coordinator)
    services.change_panel(
        panel=panel, add=[extra], remove=[applications["Amani Women"]], by=coordinator
    )
    extra.organisation_name = "New Name"
    extra.save(update_fields=["organisation_name"])

    assert "Old Name" in _text(panel.decisions.first())


def test_a_decisions_page_shows_its_words_not_its_stored_values(client, suggested, coordinator):
    panel, applications = suggested
    decision = panel.decisions.get()
    client.force_login(coordinator)

    page = client.get(
        reverse("admin:panels_decision_change", args=[decision.pk]),
        headers={"accept-language": "fr"},
    ).content.decode()

    assert f"Suggestion\u00a0: {_named(applications['Amani Women'])}, " in page
    assert '"members"' not in page
