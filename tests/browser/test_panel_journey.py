"""A coordinator turns applications into a panel in the admin; speakers answer."""

import datetime as dt
import importlib

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from applications.models import Application
from panels.enums import Outcome, PanelStatus, Response
from panels.models import Panel, Placement
from tests.browser.conftest import staff_log_in
from tests.factories import ApplicationFactory, PreSessionFactory, SeriesFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def staff_groups(themes):
    """The groups of the data migration (flushed by transactional_db like the themes)."""
    migration = importlib.import_module("panels.migrations.0002_staff_groups")
    migration.create_groups(apps, None)


@pytest.fixture
def country(staff_groups):
    """Kenya in a series with two seats per panel, and four applications."""
    series = SeriesFactory(session__number=49, panel_size=2, closed=True)
    presession = PreSessionFactory(series=series, country="KE", review_order=1)
    start = timezone.now() - dt.timedelta(days=5)
    specs = [
        ("Amani Women", "woman", "national"),
        ("Haki Network", "man", "national"),
        ("Global Watch", "man", "international"),
        ("Sauti Forum", "woman", "grassroots"),
    ]
    for n, (name, gender, scope) in enumerate(specs):
        application = ApplicationFactory(
            presession=presession,
            organisation_name=name,
            speaker_gender=gender,
            scope=scope,
            contact_email=f"{name.split()[0].lower()}@example.org",
        )
        Application.objects.filter(pk=application.pk).update(
            submitted_at=start + dt.timedelta(hours=n)
        )
    return presession


@pytest.fixture
def coordinator(django_user_model, staff_groups):
    user = django_user_model.objects.create_user(
        "coordinator",
        email="coordinator@example.org",
        password="a-long-test-password",
        is_staff=True,
    )
    user.groups.add(Group.objects.get(name="Coordinators"))
    return user


def log_in(page: Page, live_server) -> None:
    staff_log_in(page, live_server, "coordinator", "a-long-test-password")


def run_action(page: Page, url: str, label: str, rows: list[str]) -> None:
    """On an admin list, tick the rows whose text contains each name, run an action."""
    page.goto(url)
    for row in rows:
        page.locator("#result_list tbody tr", has_text=row).locator(
            "input[name=_selected_action]"
        ).check()
    page.locator("select[name=action]").select_option(label=label)
    page.locator("button[name=index]").click()


def link_of(address: str) -> str:
    message = next(m for m in reversed(mail.outbox) if m.to == [address])
    path = next(line for line in message.body.splitlines() if "/application/" in line)
    return path.strip().replace("http://testserver", "")


def test_coordinator_builds_the_panel_and_speakers_answer(
    page: Page, live_server, country, coordinator
):
    log_in(page, live_server)
    admin = f"{live_server.url}/admin"

    # Review the country: the criteria at a glance, and a rating for Sauti Forum.
    page.goto(f"{admin}/applications/application/?country=KE")
    expect(page.locator("#result_list tbody tr")).to_have_count(4)
    sauti_row = page.locator("#result_list tbody tr", has_text="Sauti Forum")
    sauti_row.locator("input[name$=rating]").fill("3")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert Application.objects.get(organisation_name="Sauti Forum").rating == 3

    # Ask for the suggestion of every country of the series.
    run_action(
        page, f"{admin}/presessions/series/", "Ask for the suggested panel of every country",
        ["Pre-sessions 49"],
    )  # fmt: skip
    expect(page.locator(".messagelist")).to_contain_text("1 panel suggested.")
    panel = Panel.objects.get(presession=country)
    page.goto(f"{admin}/panels/panel/{panel.pk}/change/")
    expect(page.locator("body")).to_contain_text("On the panel: scores 7")
    selected = set(
        Placement.objects.filter(outcome=Outcome.SELECTED).values_list(
            "application__organisation_name", flat=True
        )
    )
    assert selected == {"Sauti Forum", "Haki Network"}

    # Change one member: Amani Women instead of Sauti Forum.
    run_action(page, f"{admin}/panels/placement/", "Take off the panel", ["Sauti Forum"])
    expect(page.locator(".messagelist")).to_contain_text("1 panel changed.")
    run_action(page, f"{admin}/panels/placement/", "Put on the panel", ["Amani Women"])
    expect(page.locator(".messagelist")).to_contain_text("1 panel changed.")

    # Confirm, then send the invitations (twice: nothing is sent twice).
    run_action(page, f"{admin}/panels/panel/", "Confirm the panel", ["Kenya"])
    expect(page.locator(".messagelist")).to_contain_text("1 panel confirmed.")
    for preview in ("4 emails to 4 people", "0 emails to 0 people"):
        run_action(
            page, f"{admin}/panels/panel/", "Send the invitations and outcome emails", ["Kenya"]
        )
        # What would be sent is shown first; nothing goes out before "Send".
        expect(page.locator("#content")).to_contain_text(preview)
        page.get_by_role("button", name="Send", exact=True).click()
        # The answer to each send is read before the next page is asked for.
        expect(page.locator(".messagelist")).to_contain_text("Emails sent for 1 panel.")
    assert Panel.objects.get().status == PanelStatus.CONFIRMED
    assert sorted(m.to[0] for m in mail.outbox) == [
        "amani@example.org", "global@example.org", "haki@example.org", "sauti@example.org"
    ]  # fmt: skip

    # One speaker confirms through the private link.
    speaker = page.context.browser.new_context().new_page()
    speaker.goto(live_server.url + link_of("amani@example.org"))
    speaker.get_by_role("button", name="I confirm: we will speak").click()
    expect(speaker.locator("main")).to_contain_text("you have confirmed")
    assert Placement.objects.get(application__organisation_name="Amani Women").response == (
        Response.CONFIRMED
    )

    # Another declines; the coordinators are told, with the proposed replacement.
    speaker.goto(live_server.url + link_of("haki@example.org"))
    speaker.get_by_role("link", name="I decline the invitation").click()
    # Declining gives the seat away for good: the page asks first, and has a way back.
    expect(speaker.locator("main")).to_contain_text("This cannot be undone.")
    violations = Axe().run(speaker).response["violations"]
    assert [v["id"] for v in violations if v["impact"] in ("serious", "critical")] == []
    speaker.get_by_role("button", name="Yes, decline the invitation").click()
    expect(speaker.locator("main")).to_contain_text("You have declined the invitation.")
    notice = next(m for m in mail.outbox if m.to == ["coordinator@example.org"])
    assert "Global Watch" in notice.body

    # The coordinator invites the replacement proposed on the panel page.
    page.goto(f"{admin}/panels/panel/{panel.pk}/change/")
    expect(page.locator(".field-proposed_replacement")).to_contain_text("Global Watch")
    run_action(page, f"{admin}/panels/panel/", "Invite the proposed replacement", ["Kenya"])
    expect(page.locator("#content")).to_contain_text("1 email to 1 person")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("1 replacement invited.")
    invitation = [m for m in mail.outbox if m.to == ["global@example.org"]][-1]
    assert invitation.subject == "You are invited to speak at the Pre-session on Kenya"
    assert Placement.objects.get(application__organisation_name="Global Watch").outcome == (
        Outcome.SELECTED
    )
