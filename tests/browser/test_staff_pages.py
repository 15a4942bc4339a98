"""The staff pages of a coordinator's day, on the demo, pass axe on a phone and on a
desktop: the review in bulk, the previews before a send and before publishing, one's
own preferences and the check of a pass at the door."""

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from presessions.attendance.accreditation import check_url
from presessions.enums import AccreditationStatus
from presessions.models import Accreditation, Series
from presessions.site.demo.calendar import PROGRAMME_SESSION
from presessions.site.management.commands.load_demo import DEMO_USERNAME
from tests.browser.conftest import DEMO_PASSWORD, staff_log_in
from tests.browser.test_series_page_journey import assert_accessible, screenshots

pytestmark = pytest.mark.browser


def run_action(page: Page, live_server, path: str, action: str, rows: int = 1) -> None:
    """On an admin list, tick the first rows and run an action (Django's own form)."""
    page.goto(f"{live_server.url}{path}")
    for box in page.locator("input[name=_selected_action]").all()[:rows]:
        box.check()
    page.locator("select[name=action]").select_option(label=action)
    page.get_by_role("button", name="Go").click()
    page.wait_for_load_state()


def looked_at(page: Page, tmp_path, name: str) -> None:
    assert_accessible(page)
    screenshots(page, tmp_path, name)


def test_the_pages_of_a_coordinators_day_pass_axe(page: Page, live_server, demo, tmp_path):
    staff_log_in(page, live_server, DEMO_USERNAME, DEMO_PASSWORD)
    selection = demo
    programme = Series.objects.get(session__number=PROGRAMME_SESSION)
    applications = f"/admin/applications/application/?presession__series__id__exact={selection.pk}"

    run_action(page, live_server, applications, "Rate the selected applications", rows=2)
    expect(page.locator("h1")).to_contain_text("Rate the selected applications")
    looked_at(page, tmp_path, "rate-in-bulk")
    run_action(page, live_server, applications, "Mark the selected applications ineligible")
    looked_at(page, tmp_path, "mark-ineligible")

    # The outcomes' preview, from the series page.
    page.goto(f"{live_server.url}/admin/presessions/series/{selection.pk}/overview/")
    page.get_by_role("button", name="Ask for the suggested panels", exact=True).click()
    page.get_by_role("button", name="Confirm the panels", exact=True).click()
    page.get_by_role("button", name="Send the outcome emails", exact=True).click()
    expect(page.locator(".send-count")).to_contain_text("emails to")
    looked_at(page, tmp_path, "outcomes-preview")

    # Publishing the programme again: who has not confirmed, and the emails it sends.
    run_action(page, live_server, "/admin/panels/timetable/", "Publish the programme", rows=99)
    expect(page.locator(".send-count")).to_be_visible()
    looked_at(page, tmp_path, "publish-preview")

    waiting = Accreditation.objects.filter(
        series=programme, status=AccreditationStatus.PENDING
    ).first()
    assert waiting is not None
    run_action(
        page,
        live_server,
        "/admin/presessions/accreditation/?status__exact=pending",
        "Approve and send the passes",
    )
    expect(page.locator(".send-count")).to_contain_text("1 email to 1 person")
    looked_at(page, tmp_path, "passes-preview")

    page.goto(f"{live_server.url}/admin/presessions/staffpreference/")
    expect(page.get_by_label("Language")).to_be_visible()
    looked_at(page, tmp_path, "my-preferences")

    # At the door: a pass of series 58, which meets in two weeks, is not valid today.
    holder = Accreditation.objects.filter(
        series=programme, status=AccreditationStatus.APPROVED
    ).first()
    page.goto(check_url(holder).replace(settings.SITE_URL, live_server.url))
    expect(page.locator("h1")).to_have_text("Not valid today")
    looked_at(page, tmp_path, "pass-not-today")
