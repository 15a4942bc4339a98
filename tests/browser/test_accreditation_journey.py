"""A journalist requests accreditation, a coordinator approves it, the journalist opens
the pass and staff check it at the door."""

import datetime as dt
import importlib
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from presessions.models import Accreditation, CheckIn
from tests.browser.conftest import staff_log_in
from tests.factories import SeriesFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def coordinator(themes, django_user_model):
    importlib.import_module("panels.migrations.0002_staff_groups").create_groups(apps, None)
    importlib.import_module("presessions.migrations.0005_coordinators_accredit").grant(apps, None)
    user = django_user_model.objects.create_user(
        "coordinator", password="a-long-test-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Coordinators"))
    return user


@pytest.fixture
def series(coordinator):
    return SeriesFactory(
        session__number=55, starts_on=dt.date(2027, 3, 23), ends_on=dt.date(2027, 3, 26)
    )


def serious(page: Page) -> list:
    violations = Axe().run(page).response["violations"]
    return [v["id"] for v in violations if v["impact"] in ("serious", "critical")]


def test_journalist_is_accredited_and_the_pass_is_checked(page: Page, context, live_server, series):
    # The journalist asks, in English, forgetting the rule on recording first.
    page.goto(f"{live_server.url}/en/series/55/accreditation/")
    assert serious(page) == []
    page.get_by_label("Full name").fill("Ana Reyes")
    page.get_by_label("Email").fill("ana@news.example.org")
    page.get_by_role("group", name="You come as").get_by_label("Media").check()
    page.get_by_label("Organisation or mission").fill("Radio Ginebra")
    page.get_by_label("Country").select_option(label="Spain")
    page.get_by_role("group", name="Days you will attend").get_by_label(
        "Tuesday, March 23, 2027"
    ).check()
    page.get_by_label("I agree that the organiser stores my data").check()
    page.get_by_role("button", name="Request accreditation").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "The media must acknowledge that recording and photography are not permitted."
    )
    expect(page.get_by_label("Full name")).to_have_value("Ana Reyes")
    page.get_by_label("I understand that recording and photography are not permitted.").check()
    page.get_by_role("button", name="Request accreditation").click()
    expect(page.locator("h1")).to_contain_text("your request is received")
    assert Accreditation.objects.get().status == "pending"

    # A coordinator approves it in the admin.
    staff = context.browser.new_context().new_page()
    staff_log_in(staff, live_server, "coordinator", "a-long-test-password")
    staff.goto(f"{live_server.url}/admin/presessions/accreditation/")
    staff.locator("#result_list tbody tr", has_text="Ana Reyes").locator(
        "input[name=_selected_action]"
    ).check()
    staff.locator("select[name=action]").select_option(label="Approve and send the passes")
    staff.locator("button[name=index]").click()
    # The pass is shown as it will be sent before anything goes out.
    expect(staff.locator(".send-count")).to_contain_text("1 email to 1 person")
    staff.get_by_role("button", name="Send", exact=True).click()
    expect(staff.locator(".messagelist")).to_contain_text("1 accreditation approved.")

    # The journalist opens the pass from the email.
    approval = mail.outbox[-1]
    assert approval.to == ["ana@news.example.org"]
    pass_path = re.search(r"http://testserver(/en/accreditation/pass/\S+/)", approval.body)[1]
    page.goto(live_server.url + pass_path)
    expect(page.locator("main")).to_contain_text("Ana Reyes")
    expect(page.locator("main svg")).to_be_visible()
    assert serious(page) == []

    # Staff check it at the door: the QR code leads to the check page.
    code = Accreditation.objects.get().code
    check_path = pass_path.replace("/en/accreditation/pass/", "/staff/accreditation/check/")
    staff.goto(live_server.url + check_path)
    # Before the day, the pass says which day it is for.
    expect(staff.locator("h1")).to_have_text("Not valid today")
    expect(staff.locator("main")).to_contain_text("it is for Tuesday, March 23, 2027")
    # On its day (moved to today here), it is valid and the holder is checked in once.
    Accreditation.objects.update(days=[timezone.localdate().isoformat()])
    staff.reload()
    expect(staff.locator("h1")).to_have_text("Valid pass")
    expect(staff.locator("main")).to_contain_text(code)
    staff.get_by_role("button", name="Check in", exact=True).click()
    expect(staff.locator("main")).to_contain_text("Already checked in today at")
    assert CheckIn.objects.filter(accreditation__code=code).count() == 1
