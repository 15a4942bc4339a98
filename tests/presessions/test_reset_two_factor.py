"""manage.py reset_two_factor: a coordinator who lost their phone sets up a new
authenticator at the next login; nobody else's devices are touched."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from presessions.two_factor import make_backup_codes
from tests.presessions.test_staff_login import PASSWORD, code, log_in


@pytest.fixture
def coordinators(django_user_model):
    users = []
    for name in ["coordinator", "colleague"]:
        user = django_user_model.objects.create_user(name, password=PASSWORD, is_staff=True)
        user.groups.add(Group.objects.get(name="Coordinators"))
        TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
        make_backup_codes(user=user)
        users.append(user)
    return users


def test_reset_removes_the_devices_and_asks_for_a_new_set_up(client, coordinators, capsys):
    lost, colleague = coordinators

    call_command("reset_two_factor", "coordinator")

    assert capsys.readouterr().out == (
        "Removed 1 authenticator app(s) and 10 unused backup code(s) of coordinator. Their "
        "current sessions no longer count as confirmed; at the next login they set up a new "
        "authenticator.\n"
    )
    assert not TOTPDevice.objects.filter(user=lost).exists()
    assert not StaticDevice.objects.filter(user=lost).exists()
    assert TOTPDevice.objects.filter(user=colleague).count() == 1
    assert StaticToken.objects.filter(device__user=colleague).count() == 10
    response = log_in(client, "coordinator")
    assert response["Location"] == reverse("admin:two-factor-setup")


def test_reset_ends_the_confirmation_of_a_session_already_open(client, coordinators):
    lost = coordinators[0]
    log_in(client, "coordinator", token=code(TOTPDevice.objects.get(user=lost)))
    assert client.get(reverse("admin:index")).status_code == 200

    call_command("reset_two_factor", "coordinator")

    assert client.get(reverse("admin:index")).status_code == 302


def test_reset_says_when_there_was_nothing_to_remove(db, django_user_model, capsys):
    django_user_model.objects.create_user("reviewer", password=PASSWORD, is_staff=True)

    call_command("reset_two_factor", "reviewer")

    assert capsys.readouterr().out == "reviewer had no authenticator app and no backup codes.\n"


def test_reset_refuses_an_unknown_user_name(coordinators):
    with pytest.raises(CommandError) as refused:
        call_command("reset_two_factor", "nobody")

    assert str(refused.value) == "No user has the user name 'nobody'; nothing changed."
    assert TOTPDevice.objects.count() == 2
    assert StaticToken.objects.count() == 20
