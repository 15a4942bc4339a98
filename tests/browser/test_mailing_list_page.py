"""The missions' mailing list pages pass the accessibility check in each language."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_subscribe_page_is_accessible(page: Page, live_server, language, transactional_db):
    page.goto(f"{live_server.url}/{language}/")
    page.locator("footer a").first.click()
    expect(page.locator("h1")).to_be_visible()
    page.locator("button[type=submit], input[type=submit]").last.click()  # empty: errors
    expect(page.get_by_role("alert")).to_be_visible()

    violations = Axe().run(page).response["violations"]

    assert [v["id"] for v in violations if v["impact"] in ("serious", "critical")] == []
