"""Who may do what on the staff side: reviewers review, coordinators decide."""

import csv
import html
import io
import re

import openpyxl
import pytest
from django.core import mail
from django.urls import reverse

from panels.enums import Outcome, PanelStatus
from panels.models import Panel, Placement
from panels.selection import services


@pytest.fixture
def panel(small_series, coordinator):
    presession, _ = small_series
    return services.suggest_panel(presession=presession, by=coordinator)


def change_url(application):
    return reverse("admin:applications_application_change", args=[application.pk])


def action(client, model, name, objects):
    return client.post(
        reverse(f"admin:{model}_changelist"),
        {"action": name, "_selected_action": [obj.pk for obj in objects], "post": "yes"},
        follow=True,
    )


def application_form(client, application, **changes):
    """The admin change form's own data, with some fields changed."""
    response = client.get(change_url(application))
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        if isinstance(value, list):
            data[name] = [getattr(v, "pk", v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = getattr(value, "pk", value)
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_reviewer_rates_and_writes_notes(client, reviewer, small_series):
    _, applications = small_series
    amani = applications["Amani Women"]
    client.force_login(reviewer)

    response = client.post(
        change_url(amani),
        application_form(client, amani, rating="3", review_notes="Strong report."),
    )

    assert response.status_code == 302
    amani.refresh_from_db()
    assert (amani.rating, amani.review_notes) == (3, "Strong report.")


def test_reviewer_cannot_change_what_the_applicant_wrote_or_decide_eligibility(
    client, reviewer, small_series
):
    _, applications = small_series
    amani = applications["Amani Women"]
    client.force_login(reviewer)

    client.post(
        change_url(amani),
        application_form(
            client,
            amani,
            organisation_name="Changed",
            is_ineligible="on",
            ineligible_reason="No",
            rating="1",
        ),
    )

    amani.refresh_from_db()
    assert amani.organisation_name == "Amani Women"
    assert amani.is_ineligible is False
    assert amani.rating == 1


def test_marking_ineligible_needs_a_reason(client, coordinator, small_series):
    _, applications = small_series
    amani = applications["Amani Women"]
    client.force_login(coordinator)

    response = client.post(change_url(amani), application_form(client, amani, is_ineligible="on"))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["ineligible_reason"] == [
        "Say why the application is ineligible."
    ]
    amani.refresh_from_db()
    assert amani.is_ineligible is False


def test_reviewer_sees_the_criteria_of_a_country_at_a_glance(client, reviewer, small_series):
    client.force_login(reviewer)

    response = client.get(reverse("admin:applications_application_changelist") + "?country=KE")

    assert response.status_code == 200
    assert response.context["cl"].result_count == 4
    head = re.search(r"<thead>(.*?)</thead>", response.content.decode(), re.S)
    headings = [
        " ".join(html.unescape(re.sub(r"<[^>]+>", " ", cell)).split())
        for cell in re.findall(r"<th[^>]*>(.*?)</th>", head.group(1), re.S)
    ]
    # The rating early, then the criteria under short headings, so that a row fits.
    assert headings[1:] == [
        "Reference", "Name of the organisation", "Rating (0-3)", "State under Review", "Scope",
        "Coalition", "UPR report", "Main theme", "Speaker's gender", "Languages",
        "Interpretation", "Reprisals", "Ineligible", "Status", "Report warning",
    ]  # fmt: skip


def test_reviewer_cannot_suggest_confirm_send_or_export(client, reviewer, panel):
    client.force_login(reviewer)

    listing = client.get(reverse("admin:panels_panel_changelist"))
    assert listing.status_code == 200
    assert listing.context["action_form"] is None  # no action is offered to a reviewer
    response = action(client, "panels_panel", "confirm", [panel])
    panel.refresh_from_db()
    assert panel.status == PanelStatus.DRAFT
    assert response.status_code == 200
    export = client.get(reverse("admin:applications_application_export"))
    assert export.status_code == 403
    export = client.get(reverse("admin:panels_placement_export"))
    assert export.status_code == 403
    assert mail.outbox == []


def test_coordinator_suggests_confirms_and_sends_from_the_admin(
    client, coordinator, small_series, django_capture_on_commit_callbacks
):
    presession, _ = small_series
    client.force_login(coordinator)
    action(client, "presessions_series", "suggest_panels", [presession.series])
    panel = Panel.objects.get(presession=presession)

    response = action(client, "panels_panel", "confirm", [panel])
    assert "1 panel confirmed." in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        action(client, "panels_panel", "send", [panel])
        action(client, "panels_panel", "send", [panel])

    panel.refresh_from_db()
    assert panel.status == PanelStatus.CONFIRMED
    assert len(mail.outbox) == 4


def test_coordinator_changes_a_member_from_the_placements(client, coordinator, panel):
    client.force_login(coordinator)
    sauti = Placement.objects.get(application__organisation_name="Sauti Forum")
    amani = Placement.objects.get(application__organisation_name="Amani Women")

    action(client, "panels_placement", "take_off_panel", [amani])
    action(client, "panels_placement", "put_on_panel", [sauti])

    sauti.refresh_from_db()
    amani.refresh_from_db()
    assert (sauti.outcome, amani.outcome) == (Outcome.SELECTED, Outcome.WAITLISTED)


def test_a_refused_change_is_reported_to_the_coordinator(client, coordinator, panel):
    client.force_login(coordinator)
    sauti = Placement.objects.get(application__organisation_name="Sauti Forum")

    response = action(client, "panels_placement", "put_on_panel", [sauti])

    assert "The panel would have 3 speakers; it has 2 seats." in response.content.decode()


def post_pins(client, panel, pinned=(), excluded=()):
    """The panel's change form, as the admin sends it, with these pins and exclusions."""
    url = reverse("admin:panels_panel_change", args=[panel.pk])
    page = client.get(url)
    data = {"pinned": [a.pk for a in pinned], "excluded": [a.pk for a in excluded]}
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        for name, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{name}"] = value
        for form in formset.forms:
            for name in form.fields:
                if form[name].value() is not None:
                    data[form.add_prefix(name)] = form[name].value()
    return client.post(url, data, follow=True)


def test_coordinator_pins_and_excludes_on_the_panel_page(client, coordinator, panel, small_series):
    _, applications = small_series
    client.force_login(coordinator)

    response = post_pins(
        client, panel, pinned=[applications["Sauti Forum"]], excluded=[applications["Haki Network"]]
    )

    shown = [str(m) for m in response.context["messages"]]
    assert "Pins and exclusions saved. Ask for the suggested panel to apply them." in shown
    assert list(panel.pinned.all()) == [applications["Sauti Forum"]]
    assert list(panel.excluded.all()) == [applications["Haki Network"]]


def test_pins_on_a_confirmed_panel_are_refused_with_the_reason(
    client, coordinator, panel, small_series
):
    _, applications = small_series
    services.confirm_panel(panel=panel, by=coordinator)
    client.force_login(coordinator)

    response = post_pins(client, panel, pinned=[applications["Sauti Forum"]])

    assert response.redirect_chain == [(reverse("admin:panels_panel_change", args=[panel.pk]), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "This panel is confirmed: reopen it before changing it."
    ]
    assert panel.pinned.count() == 0


def test_panel_page_shows_reasons_and_decisions(client, coordinator, panel):
    client.force_login(coordinator)

    page = client.get(reverse("admin:panels_panel_change", args=[panel.pk])).content.decode()

    assert "applications submitted earlier come first" in page
    assert "asked for the suggested panel" in page


def readonly_contents(fieldsets) -> dict[str, str]:
    """The read-only fields of an admin form (or inline form) as the page shows them."""
    return {
        field.field["name"]: html.unescape(str(field.contents()))
        for fieldset in fieldsets
        for line in fieldset
        for field in line
        if field.is_readonly
    }


def test_panel_page_shows_each_members_criteria_and_the_panels_totals(
    client, coordinator, small_series, theme, other_theme
):
    presession, applications = small_series
    amani, haki = applications["Amani Women"], applications["Haki Network"]
    amani.main_theme = theme
    amani.speaker_languages = ["fr", "en"]
    amani.needs_interpretation = True
    amani.save()
    haki.main_theme = other_theme
    haki.save()
    panel = services.suggest_panel(presession=presession, by=coordinator)
    client.force_login(coordinator)

    response = client.get(reverse("admin:panels_panel_change", args=[panel.pk]))

    rows = {
        contents["organisation"]: [
            contents[name]
            for name in ("gender", "scope", "main_theme", "languages", "interpretation")
        ]
        for contents in map(readonly_contents, response.context["inline_admin_formsets"][0])
    }
    assert rows["Amani Women"] == [
        "Woman", "National", "Right to health", "FR EN",
        '<img src="/static/admin/img/icon-yes.svg" alt="True">',
    ]  # fmt: skip
    assert rows["Haki Network"] == [
        "Man", "National", "Women's rights", "EN",
        '<img src="/static/admin/img/icon-no.svg" alt="False">',
    ]  # fmt: skip
    at_a_glance = readonly_contents(response.context["adminform"])["at_a_glance"]
    glance = " ".join(re.sub(r"<[^>]+>", " ", at_a_glance).split())
    assert glance == (
        "2 speakers. Women: 1, men: 1, another gender or not said: 0. "
        "Scopes: National 2. "
        "2 main themes: Right to health, Women's rights. "
        "Languages: English 2, French 1. "
        "1 needs interpretation."
    )


def test_panel_page_shows_who_was_told_the_panel_is_complete(client, coordinator, panel):
    services.confirm_panel(panel=panel, by=coordinator)
    services.send_outcomes(panel=panel, by=coordinator)
    for speaker in panel.placements.filter(outcome=Outcome.SELECTED):
        services.respond_to_invitation(application=speaker.application, accept=True)
    client.force_login(coordinator)

    page = client.get(reverse("admin:panels_panel_change", args=[panel.pk])).content.decode()

    assert "Told the panel is complete at" in page
    assert "The panel is complete; told the waitlist:" in page
    assert Placement.objects.filter(waitlist_final_notified_at__isnull=False).count() == 2


def test_coordinator_exports_applications_as_csv(client, coordinator, small_series):
    client.force_login(coordinator)

    response = client.post(
        reverse("admin:applications_application_export"),
        {"format": "0", "resource": "0", **{f"applicationresource_{f}": "on" for f in [
            "reference", "country", "organisation_name", "speaker_gender", "rating"]}},
    )  # fmt: skip

    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert sorted(row["Name of the organisation"] for row in rows) == [
        "Amani Women", "Global Watch", "Haki Network", "Sauti Forum"
    ]  # fmt: skip
    assert {row["State under Review"] for row in rows} == {"Kenya"}


def test_coordinator_exports_panels_as_xlsx(client, coordinator, panel):
    client.force_login(coordinator)

    response = client.post(
        reverse("admin:panels_placement_export"),
        {"format": "1", "resource": "0", **{f"placementresource_{f}": "on" for f in [
            "country", "organisation", "outcome", "waitlist_rank"]}},
    )  # fmt: skip

    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 5
    assert ("Kenya", "Amani Women", "selected") in {tuple(row[:3]) for row in rows[1:]}


@pytest.mark.parametrize(
    "url",
    [
        reverse("admin:applications_application_changelist"),
        reverse("admin:panels_panel_changelist"),
        reverse("admin:applications_application_export"),
    ],
)
def test_the_public_never_reaches_the_staff_side(client, django_user_model, url, db):
    assert client.get(url).status_code == 302
    client.force_login(django_user_model.objects.create_user("applicant", password="x"))
    assert client.get(url).status_code == 302
