"""A coordinator runs a series from its page, from the call closed to the programme
published, in few clicks; the series page and the panel and timetable pages with their
buttons pass axe, on a phone and on a desktop."""

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from applications.models import Application
from panels.enums import Outcome, PanelStatus
from panels.models import Panel, Placement, Timetable
from panels.selection import services
from presessions.site.demo.calendar import SELECTION_SESSION
from presessions.site.management.commands.load_demo import DEMO_USERNAME
from tests.browser.conftest import DEMO_PASSWORD, screenshots, staff_log_in
from tests.browser.test_accessibility import BLOCKING_IMPACTS
from tests.factories import ApplicationFactory, PreSessionFactory, SeriesFactory

pytestmark = pytest.mark.browser

# The promise: from "call closed" to "programme published" in at most 25 clicks.
CLICK_BUDGET = 25


@pytest.fixture
def coordinator(staff_groups, django_user_model):
    user = django_user_model.objects.create_user(
        "coordinator", email="coordinator@example.org", password="a-long-test-password",
        is_staff=True,
    )  # fmt: skip
    user.groups.add(Group.objects.get(name="Coordinators"))
    return user


@pytest.fixture
def closed_series(coordinator):
    """Series 55, its call closed, three countries with three rated applications each."""
    series = SeriesFactory(session__number=55, panel_size=2, closed=True)
    start = timezone.now() - dt.timedelta(days=20)
    for order, country in enumerate(["KE", "SN", "EC"], start=1):
        presession = PreSessionFactory(series=series, country=country, review_order=order)
        specs = [("woman", "national", ["fr"], 3), ("man", "grassroots", ["es"], 2),
                 ("woman", "international", ["en"], 1)]  # fmt: skip
        for n, (gender, scope, languages, rating) in enumerate(specs):
            application = ApplicationFactory(
                presession=presession,
                organisation_name=f"{country} Rights {n}",
                speaker_gender=gender,
                scope=scope,
                speaker_languages=languages,
                rating=rating,
            )
            Application.objects.filter(pk=application.pk).update(
                submitted_at=start + dt.timedelta(hours=n)
            )
    return series


def assert_accessible(page: Page) -> None:
    """axe finds no serious or critical violation, outside two widgets of the admin's own
    that these pages only use: the two lists of the panel's pins (Django's SelectFilter2
    script labels its icons with aria-label and no role) and the tabular inlines of the
    timetable's days and rooms (their inputs are labelled by the column headings only)."""
    django_widgets = {"exclude": [[".selector"], [".inline-group .tabular"]]}
    violations = Axe().run(page, context=django_widgets).response["violations"]
    blocking = [
        (v["id"], [node["target"] for node in v["nodes"]])
        for v in violations
        if v["impact"] in BLOCKING_IMPACTS
    ]
    assert blocking == [], page.url


class Clicks:
    """Every click of the coordinator goes through here, to be counted. A send or a
    publication that asks to confirm on a preview page is confirmed (one more click)."""

    def __init__(self, page: Page):
        self.page = page
        self.count = 0

    def click(self, target: Locator, *, navigates: bool = True) -> None:
        self.count += 1
        if not navigates:
            target.click()
            return
        with self.page.expect_navigation():
            target.click()

    def fill(self, target: Locator, value: str) -> None:
        """Typing into a field counts as a click (the field is clicked first)."""
        self.count += 1
        target.fill(value)

    def button(self, name: str) -> None:
        self.click(self.page.get_by_role("button", name=name, exact=True))
        confirm = self.page.locator("form:has([name=post][value=yes])").locator(
            "button, input[type=submit]"
        )
        if confirm.count():
            self.click(confirm.first)


def stage_of(page: Page) -> str:
    return " ".join(page.locator("[aria-current=step]").inner_text().split())


def test_a_coordinator_runs_the_series_from_its_page(
    page: Page, live_server, closed_series, tmp_path
):
    staff_log_in(page, live_server, "coordinator", "a-long-test-password")
    clicks = Clicks(page)
    messages = page.locator(".messagelist")

    # From the admin's index to the series page, which offers one next step.
    assert_accessible(page)
    screenshots(page, tmp_path, "index")
    clicks.click(page.get_by_role("link", name="Pre-sessions 55"))
    expect(page.locator("h1")).to_have_text("Pre-sessions 55: where it stands")
    assert stage_of(page) == "Now: Call closed"
    expect(page.locator("button.default")).to_have_text(["Ask for the suggested panels"])
    clicks.button("Ask for the suggested panels")
    expect(messages).to_contain_text("3 panels suggested.")
    assert stage_of(page) == "Now: Panels suggested"
    assert_accessible(page)
    screenshots(page, tmp_path, "series-page")

    # Kenya's panel is looked at and confirmed on its own page, the others from the series.
    clicks.click(
        page.locator("tr", has_text="Kenya").get_by_role("link", name="Suggested, not confirmed")
    )
    expect(page.locator("h2", has_text="Actions")).to_be_visible()
    assert_accessible(page)
    screenshots(page, tmp_path, "panel-page")
    clicks.button("Confirm the panel")
    expect(messages).to_contain_text("1 panel confirmed.")
    assert Panel.objects.get(presession__country="KE").status == PanelStatus.CONFIRMED
    clicks.click(page.get_by_role("link", name="Series page"))
    clicks.button("Confirm the panels")
    expect(messages).to_contain_text("2 panels confirmed.")
    clicks.button("Send the outcome emails")
    expect(messages).to_contain_text("Emails sent for 3 panels.")
    assert stage_of(page) == "Now: Outcomes sent"

    # The speakers confirm through their links (not the coordinator's clicks).
    for placement in Placement.objects.filter(outcome=Outcome.SELECTED):
        services.respond_to_invitation(application=placement.application, accept=True)
    page.reload()
    expect(page.locator("tr", has_text="Kenya")).to_contain_text("2 confirmed")

    clicks.button("Prepare the timetable")
    expect(messages).to_contain_text("1 timetable prepared")
    clicks.button("Generate the timetable")
    expect(messages).to_contain_text("1 timetable is being generated")
    page.reload()  # the worker (in-process here) has placed the meetings
    assert stage_of(page) == "Now: Timetable generated"
    expect(page.locator("tr", has_text="Kenya")).to_contain_text("10:00–10:35")

    # The programme is published from the timetable's own page.
    clicks.click(page.get_by_role("link", name="Timetable", exact=True))
    assert_accessible(page)
    screenshots(page, tmp_path, "timetable-page")
    clicks.button("Publish the programme")
    expect(messages).to_contain_text("1 programme published.")
    assert Timetable.objects.get().is_published
    clicks.click(page.get_by_role("link", name="Series page"))
    assert stage_of(page) == "Now: Programme published"
    assert page.locator("button.default").count() == 0
    assert_accessible(page)
    screenshots(page, tmp_path, "series-page-published")

    assert clicks.count <= CLICK_BUDGET, clicks.count
    print(f"From call closed to programme published: {clicks.count} clicks")


def test_the_demos_closed_call_runs_to_its_programme_within_the_budget(
    page: Page, live_server, demo, tmp_path
):
    """The README's walk on the demo: series 59, its call closed and its applications
    rated, from the series page to the published programme, the fifth day included."""
    staff_log_in(page, live_server, DEMO_USERNAME, DEMO_PASSWORD)
    clicks = Clicks(page)
    messages = page.locator(".messagelist")

    clicks.click(page.get_by_role("link", name=f"Pre-sessions {SELECTION_SESSION}"))
    assert stage_of(page) == "Now: Call closed"
    clicks.button("Ask for the suggested panels")
    expect(messages).to_contain_text("panels suggested.")
    clicks.button("Confirm the panels")
    expect(messages).to_contain_text("panels confirmed.")
    clicks.button("Send the outcome emails")
    expect(messages).to_contain_text("Emails sent for")
    assert stage_of(page) == "Now: Outcomes sent"

    # The speakers answer through their links (not the coordinator's clicks).
    for placement in Placement.objects.filter(
        panel__presession__series=demo, outcome=Outcome.SELECTED
    ):
        services.respond_to_invitation(application=placement.application, accept=True)

    clicks.button("Prepare the timetable")
    clicks.button("Generate the timetable")
    page.reload()  # the worker (in-process here) has tried to place the meetings
    clicks.click(page.get_by_role("link", name="Timetable", exact=True))
    expect(page.locator("body")).to_contain_text("minutes")  # the figures of the shortfall
    screenshots(page, tmp_path, "demo-timetable-too-short")

    # A fifth day, the Monday before the series, which the series' dates then cover.
    monday = demo.starts_on - dt.timedelta(days=1)
    clicks.click(page.get_by_role("button", name="Add another Day"), navigates=False)
    clicks.fill(page.locator("input[name$='-date']:visible").last, monday.isoformat())
    clicks.click(page.get_by_label("Extend the series to its timetable's days"), navigates=False)
    clicks.click(page.get_by_role("button", name="Save and continue editing"))
    expect(messages).to_contain_text("was changed successfully")
    demo.refresh_from_db()
    assert demo.starts_on == monday
    clicks.button("Generate the timetable")
    page.reload()
    clicks.button("Publish the programme")
    expect(messages).to_contain_text("1 programme published.")
    assert Timetable.objects.get(series=demo).is_published
    screenshots(page, tmp_path, "demo-timetable-published")

    assert clicks.count <= CLICK_BUDGET, clicks.count
    print(f"The demo's series {SELECTION_SESSION}, call closed to programme: {clicks.count} clicks")
