"""Every public page checked with axe-core in Chromium: no serious or critical violation.
And the application form fits a phone's screen."""

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from applications.access import make_token
from applications.models import Application
from presessions.models import Series
from tests.browser.conftest import screenshots, shots_folder
from tests.factories import (
    ApplicationFactory,
    PreSessionFactory,
    RecommendationFactory,
    RecommendationMatchFactory,
    SeriesFactory,
    StatementFactory,
    ThemeFactory,
    UPRRecommendationFactory,
)

pytestmark = pytest.mark.browser

BLOCKING_IMPACTS = ("serious", "critical")
AXE = Axe()


def assert_accessible(page: Page) -> None:
    """Run axe on the page as it is now and fail on any serious or critical violation,
    naming each rule and the elements that break it."""
    violations = AXE.run(page).response["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    report = []
    for violation in blocking:
        report.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        report.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            report.append(f"  - {node['target']}: {node['html'][:200]}")
            summary = " ".join(node.get("failureSummary", "").split())
            report.append(f"    {summary[:400]}")
    assert not blocking, f"axe found on {page.url}:\n" + "\n".join(report)


@pytest.fixture
def other_series(themes):
    """Eleven past series (two pages of them), one series whose call has closed and one
    whose call is not open yet, so that every section of the home page has content."""
    now = timezone.now()
    past = [
        SeriesFactory(
            session__number=number,
            session__starts_on=timezone.localdate() - dt.timedelta(days=200 + 180 * (47 - number)),
            call_opens_at=now - dt.timedelta(days=400 + 180 * (47 - number)),
            call_closes_at=now - dt.timedelta(days=300 + 180 * (47 - number)),
        )
        for number in range(37, 48)
    ]
    closed = SeriesFactory(session__number=48, closed=True)
    upcoming = SeriesFactory(
        session__number=50,
        session__starts_on=timezone.localdate() + dt.timedelta(days=300),
        call_opens_at=now + dt.timedelta(days=60),
        call_closes_at=now + dt.timedelta(days=120),
    )
    return past, closed, upcoming


@pytest.fixture
def application(series):
    return ApplicationFactory(
        presession=series.presessions.get(country="KE"),
        organisation_name="Kenya Rights Network",
        contact_email="contact@krn.example.org",
        summary="The right to health in rural Kenya.\nAnd maternal care.",
        organisation_website="https://krn.example.org",
        submitted_upr_report=True,
        upr_report_name="report.pdf",
        needs_funding=True,
        funding_amount=800,
        funding_reason="Travel to Geneva.",
    )


@pytest.fixture
def withdrawn_application(series):
    return ApplicationFactory(
        presession=series.presessions.get(country="SN"),
        status="withdrawn",
        withdrawn_at=timezone.now(),
    )


@pytest.fixture
def reviewed_series(other_series):
    """Series 47, whose review is over: two States with published statements, some of
    their recommendations raised at the review (confirmed matches), one noted."""
    past = other_series[0][-1]
    for country, themes in (("KE", ["Right to health", "Education"]), ("UG", ["Education"])):
        presession = PreSessionFactory(series=past, country=country)
        statement = StatementFactory(
            application__presession=presession, sharing="named", published_at=timezone.now()
        )
        for position, theme in enumerate(themes, start=1):
            recommendation = RecommendationFactory(
                statement=statement, position=position, sharing="named",
                theme=ThemeFactory(name=theme),
            )  # fmt: skip
            RecommendationMatchFactory(
                recommendation=recommendation,
                upr_recommendation=UPRRecommendationFactory(
                    session=47,
                    state_under_review=country,
                    response="noted" if position > 1 else "supported",
                ),
                status="confirmed",
            )
    RecommendationFactory(statement=statement, position=9, sharing="named")
    return past


# (page, path, expected status, start of the main heading). {token} is the private
# link of an application, {withdrawn} that of a withdrawn one.
PAGES = [
    ("home-en", "/en/", 200, "Speak at a Pre-session"),
    ("home-fr", "/fr/", 200, "Prendre la parole lors d'une Pré-session"),
    ("home-es", "/es/", 200, "Intervenir en una Pre-sesión"),
    ("home-past-page-2", "/en/?page=2", 200, "Speak at a Pre-session"),
    ("series", "/en/series/49/", 200, "Pre-sessions 49"),
    ("series-call-closed", "/fr/series/48/", 200, "Pré-sessions 48"),
    ("series-reviewed", "/en/series/47/", 200, "Pre-sessions 47"),
    ("review-uptake", "/en/series/47/at-the-review/", 200, "At the review: Pre-sessions 47"),
    ("review-uptake-es", "/es/series/47/at-the-review/", 200, "Pre-sesiones 47"),
    ("review-uptake-not-yet", "/fr/series/49/at-the-review/", 200, "Pré-sessions 49"),
    (
        "practical-information",
        "/en/series/49/practical-information/",
        200,
        "Practical information: Pre-sessions 49",
    ),
    ("how-it-works", "/en/how-the-pre-sessions-work/", 200, "How the Pre-sessions work"),
    ("apply", "/en/series/49/apply/", 200, "Apply to speak: Pre-sessions 49"),
    ("apply-fr-country", "/fr/series/49/apply/?country=KE", 200, "Postuler pour intervenir"),
    ("apply-call-closed", "/en/series/48/apply/", 200, "Apply to speak: Pre-sessions 48"),
    ("private", "/en/application/{token}/", 200, "Application PS49-KEN-"),
    ("private-withdrawn", "/es/application/{withdrawn}/", 200, "Solicitud PS49-SEN-"),
    ("edit", "/en/application/{token}/edit/", 200, "Change application PS49-KEN-"),
    ("withdraw", "/en/application/{token}/withdraw/", 200, "Withdraw application PS49-KEN-"),
    ("link-invalid", "/en/application/not-a-valid-link/", 404, "This link does not work"),
    ("not-found", "/en/no-such-page/", 404, "Page not found"),
    ("not-found-fr", "/fr/series/999/", 404, "Page introuvable"),
]


@pytest.mark.parametrize(
    ("path", "status", "heading"),
    [pytest.param(path, status, heading, id=name) for name, path, status, heading in PAGES],
)
def test_page_has_no_serious_accessibility_violation(
    page: Page,
    live_server,
    application,
    withdrawn_application,
    other_series,
    reviewed_series,
    path,
    status,
    heading,
    request,
    tmp_path,
):
    path = path.format(token=make_token(application), withdrawn=make_token(withdrawn_application))
    response = page.goto(live_server.url + path)

    assert response.status == status
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    assert_accessible(page)
    if request.node.callspec.id.startswith("home"):
        screenshots(page, shots_folder(tmp_path), request.node.callspec.id)


def test_apply_form_with_errors_has_no_serious_accessibility_violation(
    page: Page, live_server, series
):
    page.goto(f"{live_server.url}/en/series/49/apply/")
    page.get_by_role("button", name="Submit the application").click()

    expect(page.get_by_role("alert")).to_contain_text("Please correct the following:")
    expect(page.locator(".invalid-feedback").first).to_be_visible()
    assert_accessible(page)


def test_edit_form_with_errors_has_no_serious_accessibility_violation(
    page: Page, live_server, application, submit_private_form
):
    page.goto(f"{live_server.url}/en/application/{make_token(application)}/edit/")
    page.get_by_label("Summary").fill("")
    page.get_by_label("Name of the organisation").fill("")
    submit_private_form(page, page.get_by_role("button", name="Save the changes"))

    expect(page.get_by_role("alert")).to_contain_text("Please correct the following:")
    expect(page.get_by_label("Summary")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)


def test_apply_form_with_a_kept_file_and_the_confirmation_page_are_accessible(
    page: Page, live_server, series, pdf_file, fill_application
):
    page.goto(f"{live_server.url}/fr/series/49/apply/")
    page.get_by_label("Langue", exact=True).select_option("en")
    page.get_by_role("button", name="Changer").click()
    expect(page).to_have_url(f"{live_server.url}/en/series/49/apply/")

    fill_application(page, skip=("summary", "submitted_upr_report"))
    page.get_by_role("group", name="Did the organisation submit a report").get_by_label(
        "Yes"
    ).check()
    page.get_by_label("The UPR stakeholder report").set_input_files(pdf_file)
    page.get_by_role("button", name="Submit the application").click()
    expect(page.locator("#kept-file")).to_contain_text("rapport-epu.pdf")
    assert_accessible(page)

    page.get_by_label("Summary").fill("The right to health in rural Kenya.")
    page.get_by_role("button", name="Submit the application").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Thank you: your application is received"
    )
    expect(page.locator(".reference")).to_have_text("PS49-KEN-0001")
    assert_accessible(page)


def test_form_sent_after_the_call_closed_is_accessible(
    page: Page, live_server, series, fill_application
):
    """Someone who had the form open when the call closed sees what they typed, greyed
    out, with the reason."""
    page.goto(f"{live_server.url}/en/series/49/apply/")
    fill_application(page)
    Series.objects.filter(pk=series.pk).update(
        call_closes_at=timezone.now() - dt.timedelta(minutes=1)
    )
    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        page.get_by_role("button", name="Submit the application").click()

    assert posted.value.status == 409
    expect(page.get_by_role("alert").first).to_contain_text("The call for applications is closed")
    expect(page.get_by_label("Name of the organisation")).to_have_value("Kenya Rights Network")
    expect(page.get_by_label("Name of the organisation")).to_be_disabled()
    assert not Application.objects.exists()
    assert_accessible(page)


def test_apply_form_fits_a_phone_screen(browser: Browser, live_server, series):
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=3,
        is_mobile=True,
        has_touch=True,
        locale="fr-FR",
    )
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/fr/series/49/apply/?country=KE")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Postuler")
        assert_fits_the_screen(page)

        # The longest texts: every error message, in French.
        page.get_by_role("button", name="Envoyer la candidature").click()
        expect(page.get_by_role("alert")).to_be_visible()
        assert_fits_the_screen(page)
    finally:
        context.close()


def assert_fits_the_screen(page: Page) -> None:
    sizes = page.evaluate(
        """() => ({
            scrollWidth: document.documentElement.scrollWidth,
            innerWidth: window.innerWidth,
            wide: [...document.querySelectorAll("body *")]
                .filter(element => element.getBoundingClientRect().right > window.innerWidth + 1)
                .slice(0, 5)
                .map(element => element.outerHTML.slice(0, 120)),
        })"""
    )
    assert sizes["innerWidth"] == 390, sizes
    assert sizes["scrollWidth"] <= sizes["innerWidth"], (
        f"The page is {sizes['scrollWidth']}px wide on a {sizes['innerWidth']}px screen; "
        f"too wide: {sizes['wide']}"
    )
