"""Fixtures of the browser journeys: Debian's Chromium driven by Playwright (sync API)
against pytest-django's live server.

The browser is the one installed by the system at /usr/bin/chromium: nothing is ever
downloaded. Each test gets a fresh browser context (no cookies, no session).
"""

import importlib
import io
import os
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.db.migrations import RunPython
from playwright.sync_api import Browser, Page, expect, sync_playwright

from presessions.models import Series
from presessions.site.demo.calendar import SELECTION_SESSION
from presessions.site.management.commands.load_demo import DEMO_USERNAME
from tests.documents import PDF_BYTES
from tests.factories import PreSessionFactory, SeriesFactory

# The Playwright sync API runs an event loop in the test thread; Django would otherwise
# refuse database access from the test (and from fixtures) while that loop exists.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
DEMO_PASSWORD = "a-long-demo-password"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Generous enough for a loaded CI machine, short enough that a broken page fails fast.
TIMEOUT_MS = 10_000

# The private link in the emails: SITE_URL is http://testserver in the tests.
PRIVATE_LINK = re.compile(r"http://testserver(/(?:en|fr|es)/application/[^/\s]+/)")


@pytest.fixture(scope="session")
def browser(request: pytest.FixtureRequest) -> Browser:
    if connection.vendor == "postgresql":
        # Set up after the test database, so closed before it is dropped: the live server
        # keeps a database connection for each connection the browser keeps alive, and
        # PostgreSQL refuses to drop a database in use. (SQLite's in-memory database is
        # shared with the live server, which must not close it from its own threads.)
        request.getfixturevalue("django_db_setup")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"The browser tests need Chromium at {CHROMIUM} (apt-get install chromium).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def context(browser: Browser):
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def page(context) -> Page:
    return context.new_page()


@pytest.fixture
def themes(transactional_db):
    """The theme taxonomy of the data migration. The live server tests run with
    transactional_db, whose flush after each test also removes the rows that the
    migrations loaded: put them back."""
    migration = importlib.import_module("presessions.migrations.0002_themes")
    migration.load_themes(apps, None)


@pytest.fixture
def series(themes):
    """Session 49 with its call open and three States under Review."""
    series = SeriesFactory(session__number=49)
    PreSessionFactory(series=series, country="KE", review_order=1)
    PreSessionFactory(series=series, country="SN", review_order=2)
    PreSessionFactory(series=series, country="BR", review_order=3)
    return series


@pytest.fixture
def pdf_file(tmp_path) -> Path:
    path = tmp_path / "rapport-epu.pdf"
    path.write_bytes(PDF_BYTES)
    return path


@pytest.fixture
def private_path_from_email():
    """The path of the private link in the last email sent to an address."""

    def private_path(to: str) -> str:
        messages = [message for message in mail.outbox if to in message.to]
        assert messages, f"No email was sent to {to}: {[m.to for m in mail.outbox]}"
        match = PRIVATE_LINK.search(messages[-1].body)
        assert match, f"No private link in the email:\n{messages[-1].body}"
        return match.group(1)

    return private_path


@pytest.fixture
def submit_private_form():
    """Click the button of a form on a private-link page and check that the browser's
    POST was accepted. (These journeys once found that a "no-referrer" policy on those
    pages made browsers send "Origin: null", which the CSRF check refused.)"""

    def submit(page: Page, button) -> None:
        with page.expect_response(lambda response: response.request.method == "POST") as posted:
            button.click()
        response = posted.value
        assert response.status in (200, 302), (response.status, response.request.headers)

    return submit


def radio_group(page: Page, legend: str):
    """The fieldset of a group of radio buttons or checkboxes, found by its legend."""
    return page.get_by_role("group", name=legend)


@pytest.fixture
def fill_application():
    """Fill in every required field of the application form in English, except those
    named in skip, and answer No to the UPR report question."""

    def fill(page: Page, *, skip: tuple[str, ...] = (), organisation="Kenya Rights Network"):
        steps = {
            "presession": lambda: page.get_by_label("State under Review").select_option(
                label="Kenya"
            ),
            "organisation_name": lambda: page.get_by_label("Name of the organisation").fill(
                organisation
            ),
            "organisation_country": lambda: page.get_by_label(
                "Country of the organisation"
            ).select_option("KE"),
            "organisation_type": lambda: (
                radio_group(page, "Type of organisation")
                .get_by_label("Civil-society organisation (CSO)")
                .check()
            ),
            "scope": lambda: (
                radio_group(page, "Scope").get_by_label("National", exact=True).check()
            ),
            "is_national_coalition": lambda: (
                radio_group(page, "Is the organisation a national coalition?")
                .get_by_label("No")
                .check()
            ),
            "contact_email": lambda: page.get_by_label("Email address of the organisation").fill(
                "contact@krn.example.org"
            ),
            "submitted_upr_report": lambda: (
                radio_group(page, "Did the organisation submit a report to the UPR?")
                .get_by_label("No")
                .check()
            ),
            "main_theme": lambda: page.get_by_label("Main human rights theme").select_option(
                label="Right to health"
            ),
            "summary": lambda: page.get_by_label("Summary").fill(
                "The situation of the right to health in rural Kenya."
            ),
            "speaker_name": lambda: page.get_by_label("Speaker's name").fill("Grace Wanjiru"),
            "speaker_email": lambda: page.get_by_label("Speaker's email").fill(
                "grace@krn.example.org"
            ),
            "speaker_gender": lambda: (
                radio_group(page, "Speaker's gender").get_by_label("Woman").check()
            ),
            "speaker_languages": lambda: (
                radio_group(page, "Languages the speaker can speak in")
                .get_by_label("English", exact=True)
                .check()
            ),
            "needs_interpretation": lambda: (
                radio_group(page, "Will the speaker need interpretation?")
                .get_by_label("No")
                .check()
            ),
            "needs_funding": lambda: (
                radio_group(page, "Does the organisation need financial support to attend?")
                .get_by_label("No")
                .check()
            ),
            "has_safety_concerns": lambda: (
                radio_group(page, "Does the organisation or the speaker fear reprisals")
                .get_by_label("No")
                .check()
            ),
            "consent": lambda: page.get_by_label("I agree that the organiser stores").check(),
        }
        unknown = set(skip) - set(steps)
        assert not unknown, f"Unknown fields to skip: {unknown}"
        for name, step in steps.items():
            if name not in skip:
                step()

    return fill


PHONE, DESKTOP = 390, 1280


def shots_folder(tmp_path: Path) -> Path:
    """Where the screenshots go: the test's own folder, or BROWSER_SCREENSHOTS to look
    at them."""
    folder = Path(os.environ.get("BROWSER_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def screenshots(page: Page, path: Path, name: str) -> None:
    """The page at a phone's width and a desktop's, for the eye (under the test's tmp_path)."""
    for width in (PHONE, DESKTOP):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=path / f"{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": DESKTOP, "height": 900})


def staff_log_in(page: Page, live_server, username: str, password: str) -> None:
    """Log in at the admin as a member of staff, with the code of the authenticator that
    coordinators must use (set up here if the user has none yet)."""
    from django.contrib.auth import get_user_model
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = get_user_model().objects.get(username=username)
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=True, defaults={"name": "phone"}
    )
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_label("Code from your authenticator app").fill(
        f"{totp(device.bin_key, step=device.step):0{device.digits}d}"
    )
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()


# The migrations that make the staff groups and give them their rights.
STAFF_GROUP_MIGRATIONS = [
    "panels.migrations.0002_staff_groups",
    "panels.migrations.0004_coordinators_run_the_timetable",
    "panels.migrations.0007_statement_search_index_and_rights",
    "panels.migrations.0009_coordinators_read_the_audit_trail",
    "applications.migrations.0004_coordinators_grant_funding",
    "presessions.migrations.0005_coordinators_accredit",
    "presessions.migrations.0008_coordinators_run_the_mailing_list",
    "presessions.migrations.0010_coordinators_run_the_events",
    "presessions.migrations.0013_door_checks_passes",
]


GRANTS = {"create_groups", "grant", "grant_history", "grant_rights"}


@pytest.fixture
def staff_groups(themes):
    """The staff groups and their rights, as the migrations give them (the live server's
    database is flushed after each test, groups included)."""
    for name in STAFF_GROUP_MIGRATIONS:
        migration = importlib.import_module(name).Migration
        for operation in migration.operations:
            # The rights only (not, say, the search index that another step makes).
            if isinstance(operation, RunPython) and operation.code.__name__ in GRANTS:
                operation.code(apps, None)


@pytest.fixture
def demo(staff_groups, django_user_model):
    """The demo as `load_demo` gives it; its coordinator with a known password."""
    call_command("load_demo", stdout=io.StringIO())
    user = django_user_model.objects.get(username=DEMO_USERNAME)
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    return Series.objects.get(session__number=SELECTION_SESSION)
