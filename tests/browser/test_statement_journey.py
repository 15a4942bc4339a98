"""A speaker hands in a statement; a coordinator publishes it; a visitor finds it."""

import datetime as dt
import importlib

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import Page, expect

from applications.access import make_token
from panels.enums import Sharing
from panels.models import Statement
from tests.authored_documents import pdf_by
from tests.browser.conftest import screenshots, shots_folder, staff_log_in
from tests.documents import upload
from tests.factories import (
    PreSessionFactory,
    RecommendationFactory,
    SeriesFactory,
    SpeakerFactory,
    StatementFactory,
)

pytestmark = pytest.mark.browser


def assert_accessible(page: Page) -> None:
    violations = Axe().run(page).response["violations"]
    assert [v["id"] for v in violations if v["impact"] in ("serious", "critical")] == []


@pytest.fixture
def coordinator(django_user_model, themes):
    """A coordinator, with the rights the data migrations give (flushed by the live
    server's transactional_db like the themes)."""
    importlib.import_module("panels.migrations.0002_staff_groups").create_groups(apps, None)
    importlib.import_module("panels.migrations.0007_statement_search_index_and_rights").grant(
        apps, None
    )
    user = django_user_model.objects.create_user(
        "coordinator", password="a-long-test-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Coordinators"))
    return user


@pytest.fixture
def speaker(themes):
    """A speaker who confirmed their seat at series 48, which took place last month."""
    today = timezone.localdate()
    series = SeriesFactory(
        session__number=48,
        session__starts_on=today - dt.timedelta(days=10),
        starts_on=today - dt.timedelta(days=40),
        ends_on=today - dt.timedelta(days=37),
        closed=True,
    )
    presession = PreSessionFactory(series=series, country="KE")
    return SpeakerFactory(
        application__presession=presession, application__organisation_name="Haki Watch"
    ).application


def test_speaker_hands_in_a_statement_and_a_visitor_finds_it_after_publication(
    page: Page, live_server, speaker, coordinator, submit_private_form, tmp_path
):
    # The speaker, through the private link.
    page.goto(f"{live_server.url}/en/application/{make_token(speaker)}/")
    page.get_by_role("link", name="Hand in the statement").click()
    page.get_by_label("Your statement").fill(
        "Community radio journalists in Kisumu are detained without charge."
    )
    statement = page.get_by_role("group", name="May we publish the statement?")
    statement.get_by_label("Publish with our organisation's name").check()
    first = page.locator("#recommendation-1")
    first.get_by_label("Recommendation").fill("Think about journalists.")
    first.get_by_label("Publish with our organisation's name").check()
    page.locator("#recommendation-2").get_by_label("Recommendation").fill(
        "Release every detained journalist through the Ministry of Justice by 2027."
    )
    page.locator("#recommendation-2").get_by_label("Publish as").check()
    submit_private_form(page, page.get_by_role("button", name="Save the statement"))
    expect(page.get_by_role("status")).to_contain_text("your statement is saved")

    # Its SMART suggestions are shown when it is opened again, without blocking.
    page.get_by_role("link", name="Change the statement").click()
    expect(page.locator("#recommendation-1 [data-hint=action]")).to_be_visible()
    expect(page.locator("#recommendation-2 [data-hint]")).to_have_count(0)
    assert_accessible(page)

    # A coordinator publishes the statements of the series, after it took place.
    staff = page.context.browser.new_context().new_page()
    staff_log_in(staff, live_server, "coordinator", "a-long-test-password")
    staff.goto(f"{live_server.url}/admin/panels/statement/")
    staff.locator("#action-toggle").check()
    staff.locator("select[name=action]").select_option(label="Publish the selected statements")
    staff.locator("button[name=index]").click()
    expect(staff.locator(".messagelist")).to_contain_text("1 statement published.")
    assert Statement.objects.get().is_published

    # A visitor searches a word of it.
    visitor = page.context.browser.new_context().new_page()
    visitor.goto(f"{live_server.url}/en/")
    visitor.get_by_role("link", name="Statements", exact=True).first.click()
    visitor.get_by_label("Search the statements and recommendations").fill("Kisumu")
    visitor.get_by_role("button", name="Show").click()
    expect(visitor.get_by_role("status")).to_contain_text("1 statement")
    expect(visitor.locator(".search-excerpt mark")).to_have_text("Kisumu")
    assert_accessible(visitor)
    screenshots(visitor, shots_folder(tmp_path), "statement-search")
    # The same page again, from the cache: the same cards, and the language form works.
    visitor.reload()
    expect(visitor.locator(".search-excerpt mark")).to_have_text("Kisumu")
    visitor.get_by_label("Language").select_option("fr")
    visitor.get_by_role("button", name="Change").click()
    expect(visitor.get_by_role("status")).to_contain_text("1 déclaration")
    visitor.get_by_label("Langue").select_option("en")
    visitor.get_by_role("button", name="Changer").click()
    # One recommendation was to be published without the name: so is everything.
    visitor.get_by_role("link", name="Kenya: statement by an organisation from Kenya").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(
        "Kenya: statement by an organisation from Kenya"
    )
    expect(visitor.locator("main")).to_contain_text("Release every detained journalist")
    expect(visitor.locator("main")).not_to_contain_text("Haki Watch")
    assert_accessible(visitor)

    # The recommendations, for a mission drafting its own, filtered by country.
    visitor.get_by_role("link", name="Recommendations", exact=True).first.click()
    visitor.get_by_label("State under Review").select_option(label="Kenya")
    visitor.get_by_role("button", name="Show").click()
    expect(visitor.get_by_role("status")).to_contain_text("2 recommendations")
    assert_accessible(visitor)


def test_speaker_previews_the_public_page_of_their_statement(page: Page, live_server, speaker):
    statement = StatementFactory(
        application=speaker,
        position=1,
        sharing=Sharing.ANONYMOUS,
        text="Community radio journalists in Kisumu are detained without charge.",
        file=upload("HakiWatch_statement_final.pdf", pdf_by("Haki Watch")),
        file_name="HakiWatch_statement_final.pdf",
    )
    for n in (1, 2):
        RecommendationFactory(statement=statement, position=n, sharing=Sharing.ANONYMOUS)

    page.goto(f"{live_server.url}/en/application/{make_token(speaker)}/")

    preview = page.get_by_role(
        "region", name="This is how the public will see your statement once it is published"
    )
    expect(preview.locator(".statement-preview h1")).to_have_text(
        "Kenya: statement by an organisation from Kenya"
    )
    expect(preview).to_contain_text("presession-48-KEN-statement-1.pdf")
    expect(preview).not_to_contain_text("Haki Watch")
    expect(preview).not_to_contain_text("HakiWatch")
    # The preview sits inside the private page: its headings' ids must not clash.
    ids = page.eval_on_selector_all("[id]", "elements => elements.map(e => e.id)")
    assert len(ids) == len(set(ids))
    assert_accessible(page)
