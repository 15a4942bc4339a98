"""The staff login: a second factor for coordinators, brute-force protection, and the
security headers of every page."""

import re
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.authenticator import next_code

PASSWORD = "a-long-test-password"


def code(device: TOTPDevice, drift: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, drift=drift):0{device.digits}d}"


@pytest.fixture
def coordinator(django_user_model):
    user = django_user_model.objects.create_user("coordinator", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Coordinators"))
    return user


@pytest.fixture
def reviewer(django_user_model):
    user = django_user_model.objects.create_user("reviewer", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Reviewers"))
    return user


def log_in(client, username, password=PASSWORD, token=""):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "otp_token": token, "next": "/admin/"},
    )


def test_coordinator_without_an_authenticator_is_taken_to_set_one_up(client, coordinator):
    response = log_in(client, "coordinator")

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:two-factor-setup")
    # Signed in with the password only: no data yet.
    listing = client.get(reverse("admin:applications_application_changelist"))
    assert listing.status_code == 302
    assert listing["Location"].startswith(reverse("admin:login"))

    page = client.get(reverse("admin:two-factor-setup"))
    device = TOTPDevice.objects.get(user=coordinator, confirmed=False)
    assert "<svg" in page.content.decode()
    wrong = client.post(reverse("admin:two-factor-setup"), {"token": "000000"})
    assert "This code is not right" in wrong.content.decode()
    time.sleep(1.1)  # after a wrong code the authenticator waits a second (throttling)

    done = client.post(reverse("admin:two-factor-setup"), {"token": code(device)})

    assert done.status_code == 302
    assert done["Location"] == reverse("admin:two-factor-backup-codes")
    assert client.get(reverse("admin:applications_application_changelist")).status_code == 200
    device.refresh_from_db()
    assert device.confirmed


# Backup codes ----------------------------------------------------------------------------

BACKUP_CODE = re.compile(r"<code>(\d{5} \d{5})</code>")


def set_up_authenticator(client, coordinator) -> TOTPDevice:
    log_in(client, "coordinator")
    client.get(reverse("admin:two-factor-setup"))
    device = TOTPDevice.objects.get(user=coordinator, confirmed=False)
    client.post(reverse("admin:two-factor-setup"), {"token": code(device)})
    return device


def test_setup_shows_ten_backup_codes_once(client, coordinator):
    set_up_authenticator(client, coordinator)

    first = client.get(reverse("admin:two-factor-backup-codes"))
    second = client.get(reverse("admin:two-factor-backup-codes"))

    shown = BACKUP_CODE.findall(first.content.decode())
    assert len(set(shown)) == 10
    assert sorted(c.replace(" ", "") for c in shown) == sorted(
        StaticToken.objects.filter(device__user=coordinator).values_list("token", flat=True)
    )
    assert "They are shown only now, never again." in first.content.decode()
    assert second.status_code == 200
    assert BACKUP_CODE.findall(second.content.decode()) == []
    assert "Backup codes are shown only once" in second.content.decode()
    assert first["Cache-Control"].startswith("max-age=0, no-cache, no-store")


def test_a_backup_code_logs_in_once_and_not_twice(client, coordinator):
    set_up_authenticator(client, coordinator)
    backup = BACKUP_CODE.findall(
        client.get(reverse("admin:two-factor-backup-codes")).content.decode()
    )[0]
    client.post(reverse("admin:logout"))

    first = log_in(client, "coordinator", token=backup)  # as shown, with its space
    assert first.status_code == 302
    assert client.get(reverse("admin:applications_application_changelist")).status_code == 200
    client.post(reverse("admin:logout"))
    again = log_in(client, "coordinator", token=backup.replace(" ", ""))

    assert again.status_code == 200
    assert "This code is not right" in again.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302
    assert StaticToken.objects.filter(device__user=coordinator).count() == 9


def test_a_wrong_backup_code_leaves_the_authenticator_usable(client, coordinator):
    device = set_up_authenticator(client, coordinator)
    client.post(reverse("admin:logout"))

    wrong = log_in(client, "coordinator", token="12345 67890")
    right = log_in(client, "coordinator", token=next_code(device))

    assert "This code is not right" in wrong.content.decode()
    assert right.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_new_backup_codes_replace_the_old_ones(client, coordinator):
    set_up_authenticator(client, coordinator)
    old = BACKUP_CODE.findall(client.get(reverse("admin:two-factor-backup-codes")).content.decode())

    made = client.post(reverse("admin:two-factor-backup-codes"))
    new = BACKUP_CODE.findall(client.get(made["Location"]).content.decode())

    assert len(new) == 10
    assert set(new).isdisjoint(old)
    client.post(reverse("admin:logout"))
    assert log_in(client, "coordinator", token=old[0]).status_code == 200
    time.sleep(1.1)  # after a wrong code the backup codes wait a second (throttling)
    assert log_in(client, "coordinator", token=new[0]).status_code == 302


def test_a_login_by_backup_code_cannot_make_new_codes(client, coordinator):
    set_up_authenticator(client, coordinator)
    backup = BACKUP_CODE.findall(
        client.get(reverse("admin:two-factor-backup-codes")).content.decode()
    )
    client.post(reverse("admin:logout"))
    log_in(client, "coordinator", token=backup[0])

    refused = client.post(reverse("admin:two-factor-backup-codes"))

    assert BACKUP_CODE.findall(refused.content.decode()) == []
    assert "ask an administrator to reset your second factor" in refused.content.decode()
    assert sorted(StaticToken.objects.values_list("token", flat=True)) == sorted(
        c.replace(" ", "") for c in backup[1:]
    )


def test_the_backup_codes_page_is_only_for_confirmed_logins(client, coordinator):
    log_in(client, "coordinator")  # the password only: not yet confirmed

    response = client.get(reverse("admin:two-factor-backup-codes"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_coordinator_with_an_authenticator_needs_its_code(client, coordinator):
    device = TOTPDevice.objects.create(user=coordinator, name="phone", confirmed=True)

    without = log_in(client, "coordinator")
    wrong = log_in(client, "coordinator", token="123456")
    time.sleep(1.1)  # after a wrong code the authenticator waits a second (throttling)
    right = log_in(client, "coordinator", token=code(device))

    assert "Enter the six-digit code from your authenticator app." in without.content.decode()
    assert "This code is not right" in wrong.content.decode()
    assert right.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_codes_are_refused_for_a_while_after_a_wrong_one(client, coordinator):
    device = TOTPDevice.objects.create(user=coordinator, name="phone", confirmed=True)
    log_in(client, "coordinator", token="123456")

    at_once = log_in(client, "coordinator", token=code(device))

    assert at_once.status_code == 200
    assert "Verification temporarily disabled" in at_once.content.decode()


def test_a_code_cannot_be_used_twice(client, coordinator):
    device = TOTPDevice.objects.create(user=coordinator, name="phone", confirmed=True)
    token = code(device)
    log_in(client, "coordinator", token=token)
    client.post(reverse("admin:logout"))

    again = log_in(client, "coordinator", token=token)

    assert again.status_code == 200
    assert client.get(reverse("admin:index")).status_code == 302


def test_reviewer_without_an_authenticator_logs_in_with_the_password(client, reviewer):
    response = log_in(client, "reviewer")

    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_reviewer_who_set_up_an_authenticator_must_use_it(client, reviewer):
    TOTPDevice.objects.create(user=reviewer, name="phone", confirmed=True)

    response = log_in(client, "reviewer")

    assert response.status_code == 200
    assert client.get(reverse("admin:index")).status_code == 302


def test_the_setup_page_is_only_for_signed_in_staff(client, coordinator):
    response = client.get(reverse("admin:two-factor-setup"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert not TOTPDevice.objects.exists()


def test_login_locks_out_after_five_failures(client, coordinator):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "coordinator", password="wrong")

    locked = log_in(client, "coordinator")

    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302


def test_another_user_name_is_not_locked_by_someone_elses_failures(client, coordinator, reviewer):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "coordinator", password="wrong")

    assert log_in(client, "reviewer").status_code == 302


# Headers ---------------------------------------------------------------------------------


def test_public_pages_send_a_strict_content_security_policy(client, db):
    response = client.get("/en/")

    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_no_template_of_a_page_has_inline_script_or_style():
    """The policy forbids them: a page with one would break in the browser. (Emails are
    not pages: mail clients need inline styles.)"""
    inline = re.compile(r"<script(?![^>]*\bsrc=)|<style|\sstyle=\"|\son[a-z]+=", re.IGNORECASE)
    offenders = [
        str(path)
        for path in Path(settings.BASE_DIR, "templates").rglob("*.html")
        if "emails" not in path.parts and inline.search(path.read_text())
    ]

    assert offenders == []
