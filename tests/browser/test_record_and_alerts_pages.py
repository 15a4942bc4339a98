"""The UPR record's pages, the call alerts' pages and the read API's documentation, in
Chromium: each passes axe in the three languages, and the journeys work as a CSO and a
diplomat would use them."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from applications.models import CallAlert
from presessions.site.demo.record import load_sample_record
from tests.browser.conftest import screenshots, shots_folder
from tests.browser.test_accessibility import assert_accessible

pytestmark = pytest.mark.browser

# Where the screenshots go: the test's own folder, or BROWSER_SCREENSHOTS to look at them.
LINK = re.compile(r"http://testserver(/(?:en|fr|es)/call-alerts/(?:confirm|unsubscribe)/[^/\s]+/)")


def assert_fits_a_phone(page: Page) -> None:
    """Nothing wider than a phone's screen: no sideways scrolling at 390 px."""
    page.set_viewport_size({"width": 390, "height": 900})
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert width <= 390, f"{page.url} is {width} px wide on a phone"


@pytest.fixture
def record(themes):
    load_sample_record()


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_record_pages_pass_axe_and_lead_to_who_to_approach(
    page: Page, live_server, record, language, tmp_path
):
    page.goto(f"{live_server.url}/{language}/record/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)
    if language == "en":
        screenshots(page, shots_folder(tmp_path), "record-index")

    page.locator("main a[href*='/record/received/']").first.click()
    expect(page).to_have_url(re.compile(r"/record/received/[A-Z]{3}/"))
    assert_accessible(page)
    assert_fits_a_phone(page)
    if language == "en":
        screenshots(page, shots_folder(tmp_path), "record-received")

    page.locator("main a[href*='/record/approach/']").first.click()
    state_link = page.locator("main table a[href*='state=']").first
    expect(state_link).to_be_visible()
    assert_accessible(page)
    assert_fits_a_phone(page)
    if language == "fr":
        screenshots(page, shots_folder(tmp_path), "record-approach-fr")

    recommending = re.search(r"state=([A-Z]{3})", state_link.get_attribute("href")).group(1)
    state_link.click()
    expect(page).to_have_url(re.compile(rf"/record/received/[A-Z]{{3}}/\?.*state={recommending}"))
    assert_accessible(page)

    page.goto(f"{live_server.url}/{language}/record/made/{recommending}/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)
    if language == "es":
        screenshots(page, shots_folder(tmp_path), "record-made-es")


def test_record_search_finds_and_highlights(page: Page, live_server, record, tmp_path):
    page.goto(f"{live_server.url}/en/record/search/?q=climate")

    expect(page.locator("main mark").first).to_be_visible()
    assert_accessible(page)
    screenshots(page, shots_folder(tmp_path), "record-search")


def test_call_alerts_journey_subscribe_confirm_unsubscribe(
    page: Page, live_server, series, tmp_path, django_capture_on_commit_callbacks
):
    page.goto(f"{live_server.url}/fr/call-alerts/")
    assert_accessible(page)
    page.get_by_role("button", name="M'abonner aux alertes").click()
    expect(page.get_by_role("alert")).to_be_visible()  # nothing typed: the errors
    assert_accessible(page)
    screenshots(page, shots_folder(tmp_path), "alerts-errors-fr")

    page.get_by_role("textbox", name=re.compile("mail", re.I)).fill("cso@example.org")
    page.get_by_label("N'importe quel pays").check()
    page.get_by_role("button", name="M'abonner aux alertes").click()
    expect(page).to_have_url(re.compile("/fr/call-alerts/sent/"))
    assert_accessible(page)

    (confirmation,) = [m for m in mail.outbox if "cso@example.org" in m.to]
    confirm_path = LINK.search(confirmation.body).group(1)
    page.goto(live_server.url + confirm_path)
    assert_accessible(page)
    page.get_by_role("button", name="Confirmer les alertes").click()
    expect(page.get_by_role("status").or_(page.locator("main p")).first).to_be_visible()
    assert_accessible(page)
    screenshots(page, shots_folder(tmp_path), "alerts-confirmed-fr")
    assert CallAlert.objects.get().confirmed_at is not None


def test_api_documentation_page_renders_the_schema_under_the_csp(page: Page, live_server, series):
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )

    page.goto(f"{live_server.url}/api/v1/docs")

    expect(page.get_by_text("/api/v1/statements").first).to_be_visible()
    assert [e for e in errors if "Content Security Policy" in e] == []


@pytest.mark.parametrize(("language", "line"), [
    ("en", "Raised at the review by Chile, Germany; partly supported, partly noted"),
    ("es", "Planteada en el examen por: Alemania, Chile; en parte apoyada"),
])  # fmt: skip
def test_statement_page_says_where_the_review_raised_a_recommendation(
    page: Page, live_server, themes, language, line, tmp_path
):
    from tests.panels.statements.test_review_uptake import confirm, page_url, scene

    s = scene()
    confirm(s, s.by_germany, s.by_chile)

    page.goto(live_server.url + page_url(s, language))

    expect(page.locator("main")).to_contain_text(line)
    assert_accessible(page)
    assert_fits_a_phone(page)
    screenshots(page, shots_folder(tmp_path), f"statement-review-{language}")
