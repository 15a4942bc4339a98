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


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_events_pages_are_accessible(page: Page, live_server, language, transactional_db):
    import datetime as dt

    from django.utils import timezone

    from presessions.models import Event
    from tests.factories import SeriesFactory

    series = SeriesFactory(session__number=55)
    start = timezone.now() + dt.timedelta(days=20)
    Event.objects.create(
        series=series, kind="networking", title="Networking evening", starts_at=start,
        ends_at=start + dt.timedelta(hours=2), capacity=50, place="Geneva",
    )  # fmt: skip
    page.goto(f"{live_server.url}/{language}/series/55/")
    page.locator("main a[href$='/events/']").click()
    expect(page.locator("main")).to_contain_text("Networking evening")
    listing = Axe().run(page).response["violations"]
    page.locator("main li a").first.click()
    page.locator("input[type=submit], button[type=submit]").last.click()  # empty: errors
    form = Axe().run(page).response["violations"]

    for violations in (listing, form):
        assert [v["id"] for v in violations if v["impact"] in ("serious", "critical")] == []


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_the_pages_of_the_email_links_are_accessible_and_act_only_on_the_button(
    page: Page, live_server, language, transactional_db
):
    from presessions.attendance import mailing_list
    from presessions.models import Subscriber

    subscriber = Subscriber.objects.create(email="attache@mission.example.org", language=language)
    for purpose, status in [("confirm", "confirmed"), ("unsubscribe", "unsubscribed")]:
        path = mailing_list.link(subscriber, purpose).replace("http://testserver", "")
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_have_count(1)
        expect(page.locator("main")).to_contain_text("attache@mission.example.org")
        violations = Axe().run(page).response["violations"]
        assert [v["id"] for v in violations if v["impact"] in ("serious", "critical")] == []
        subscriber.refresh_from_db()
        assert subscriber.status != status  # opening the page changed nothing

        page.locator("main button[type=submit]").click()  # no JavaScript needed: a form

        expect(page.locator("h1")).to_have_count(1)
        subscriber.refresh_from_db()
        assert subscriber.status == status


def test_the_unsubscribe_page_fits_a_phone_screen(browser, live_server, transactional_db):
    from presessions.attendance import mailing_list
    from presessions.models import Subscriber

    from .test_accessibility import assert_fits_the_screen

    subscriber = Subscriber.objects.create(
        email="premiersecretairedroitshumains@missionpermanentedelarepublique.example.org",
        language="fr",
        status="confirmed",
    )
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=3, is_mobile=True,
        has_touch=True, locale="fr-FR", java_script_enabled=False,
    )  # fmt: skip
    try:
        phone = context.new_page()
        path = mailing_list.link(subscriber, "unsubscribe").replace("http://testserver", "")
        phone.goto(live_server.url + path)
        expect(phone.locator("main button[type=submit]")).to_be_visible()
        assert_fits_the_screen(phone)
    finally:
        context.close()
