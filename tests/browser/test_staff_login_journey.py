"""A new coordinator sets up the authenticator app at the first login, is shown the
backup codes once, then logs in with the app's code, and with a backup code."""

import base64
import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from tests.authenticator import next_code

pytestmark = pytest.mark.browser


@pytest.fixture
def coordinator(themes, django_user_model):
    importlib.import_module("panels.migrations.0002_staff_groups").create_groups(apps, None)
    user = django_user_model.objects.create_user(
        "newcoordinator", password="a-long-test-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Coordinators"))
    return user


def code_for(secret: str, drift: int = 0) -> str:
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return f"{totp(key, drift=drift):06d}"


def test_coordinator_sets_up_the_authenticator_then_logs_in_with_it(
    page: Page, live_server, coordinator
):
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill("newcoordinator")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()

    expect(page.get_by_role("heading", name="Set up your authenticator app")).to_be_visible()
    expect(page.locator(".two-factor-qr svg")).to_be_visible()
    secret = page.locator("code").inner_text()
    page.get_by_label("The six-digit code your app shows now").fill(code_for(secret))
    page.get_by_role("button", name="Confirm").click()

    expect(page.get_by_role("heading", name="Your backup codes")).to_be_visible()
    expect(page.get_by_text("They are shown only now, never again.")).to_be_visible()
    backup_codes = page.locator(".backup-codes code").all_inner_texts()
    assert len(set(backup_codes)) == 10
    page.get_by_role("link", name="I have written them down: continue").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()

    # The next login asks for the code; the one just used cannot serve again.
    page.get_by_role("button", name="Log out").click()
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill("newcoordinator")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_label("Code from your authenticator app").fill(
        next_code(TOTPDevice.objects.get(user=coordinator))
    )
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()

    # The phone is lost: a backup code, typed as it was shown, serves instead.
    page.get_by_role("button", name="Log out").click()
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill("newcoordinator")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_label("Code from your authenticator app").fill(backup_codes[0])
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()
