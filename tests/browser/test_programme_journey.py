"""A coordinator generates, adjusts and publishes the timetable; a visitor reads the
programme in Spanish and downloads its calendar."""

import datetime as dt
import importlib

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps
from django.contrib.auth.models import Group
from django.core import mail
from icalendar import Calendar
from playwright.sync_api import Page, expect

from panels.models import Meeting, Placement
from panels.selection import services
from tests.browser.conftest import screenshots, shots_folder, staff_log_in
from tests.factories import ApplicationFactory, PreSessionFactory, SeriesFactory

pytestmark = pytest.mark.browser

TUESDAY = dt.date(2027, 3, 23)


@pytest.fixture
def staff(themes, django_user_model):
    for name in ("0002_staff_groups", "0004_coordinators_run_the_timetable"):
        migration = importlib.import_module(f"panels.migrations.{name}")
        (getattr(migration, "create_groups", None) or migration.grant)(apps, None)
    user = django_user_model.objects.create_user(
        "coordinator", email="coordinator@example.org", password="a-long-test-password",
        is_staff=True,
    )  # fmt: skip
    user.groups.add(Group.objects.get(name="Coordinators"))
    return user


@pytest.fixture
def series(staff):
    series = SeriesFactory(
        session__number=55,
        starts_on=TUESDAY,
        ends_on=TUESDAY + dt.timedelta(days=3),
        closed=True,
    )
    for order, (country, names) in enumerate(
        [("EC", ["Red Andina", "Voces Kichwa"]), ("KE", ["Amani Women", "Haki Network"])],
        start=1,
    ):
        presession = PreSessionFactory(series=series, country=country, review_order=order)
        for name in names:
            ApplicationFactory(
                presession=presession,
                organisation_name=name,
                speaker_languages=["es"],
                contact_email=f"{name.split()[0].lower()}@example.org",
            )
        panel = services.suggest_panel(presession=presession, by=staff)
        services.confirm_panel(panel=panel, by=staff)
        services.send_outcomes(panel=panel, by=staff)
    for placement in Placement.objects.all():
        services.respond_to_invitation(application=placement.application, accept=True)
    mail.outbox.clear()
    return series


def run_action(page: Page, url: str, label: str, row: str) -> None:
    page.goto(url)
    page.locator("#result_list tbody tr", has_text=row).locator(
        "input[name=_selected_action]"
    ).check()
    page.locator("select[name=action]").select_option(label=label)
    page.locator("button[name=index]").click()


def test_coordinator_publishes_and_a_visitor_reads_the_programme_in_spanish(
    page: Page, context, live_server, series, tmp_path
):
    admin = f"{live_server.url}/admin"
    staff_log_in(page, live_server, "coordinator", "a-long-test-password")

    # Prepare and generate.
    run_action(page, f"{admin}/presessions/series/", "Prepare the timetable", "Pre-sessions 55")
    expect(page.locator(".messagelist")).to_contain_text("1 timetable prepared")
    run_action(page, f"{admin}/panels/timetable/", "Generate the timetable", "Pre-sessions 55")
    expect(page.locator(".messagelist")).to_contain_text("1 timetable is being generated")
    kenya = Meeting.objects.get(presession__country="KE")
    assert kenya.starts_at == dt.time(10, 0)

    # Adjust: first a move that would leave the morning is refused, then Kenya at 11:30.
    page.goto(f"{admin}/panels/meeting/{kenya.pk}/change/")
    page.get_by_label("Starts at").fill("12:40")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".errornote, .errorlist").first).to_be_visible()
    expect(page.locator("body")).to_contain_text("It would not fit inside the morning.")
    page.get_by_label("Starts at").fill("11:30")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    kenya.refresh_from_db()
    assert (kenya.starts_at, kenya.ends_at, kenya.is_pinned) == (
        dt.time(11, 30), dt.time(12, 5), True
    )  # fmt: skip

    # Publish: the speakers get their slots.
    run_action(page, f"{admin}/panels/timetable/", "Publish the programme", "Pre-sessions 55")
    expect(page.locator("#content")).to_contain_text("4 emails to 4 people")
    page.get_by_role("button", name="Publish the programme").click()
    expect(page.locator(".messagelist")).to_contain_text("1 programme published.")
    assert sorted(m.to[0] for m in mail.outbox) == [
        "amani@example.org", "haki@example.org", "red@example.org", "voces@example.org"
    ]  # fmt: skip

    # A visitor, in Spanish.
    visitor = context.browser.new_context(accept_downloads=True, locale="es-ES").new_page()
    visitor.goto(f"{live_server.url}/es/series/55/programme/")
    expect(visitor.locator("h1")).to_contain_text("Pre-sesiones 55")
    expect(visitor.locator("main")).to_contain_text("11:30–12:05 · Kenia")
    expect(visitor.locator("main")).to_contain_text("Amani Women; Haki Network")
    violations = [
        v for v in Axe().run(visitor).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]  # fmt: skip
    assert violations == []
    screenshots(visitor, shots_folder(tmp_path), "programme-es")
    visitor.goto(f"{live_server.url}/es/series/55/programme/print/")
    expect(visitor.locator("main")).to_contain_text("11:30–12:05 · Kenia")
    screenshots(visitor, shots_folder(tmp_path), "programme-print-es")
    visitor.goto(f"{live_server.url}/es/series/55/programme/")
    with visitor.expect_download() as download:
        visitor.get_by_role("link", name="(.ics)").click()
    events = Calendar.from_ical(download.value.path().read_bytes()).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["Pre-sesión: Ecuador", "Pre-sesión: Kenia"]
