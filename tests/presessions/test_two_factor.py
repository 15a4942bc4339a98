"""The second factor's codes: how they are read, shown, made and removed."""

import pytest
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from presessions import two_factor


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user("coordinator", password="x", is_staff=True)


@pytest.mark.parametrize(
    ("typed", "code"),
    [("123 456", "123456"), ("12345-67890", "1234567890"), ("\t 12 34 56 ", "123456")],
)
def test_normalise_code_drops_what_people_copy_with_the_code(typed, code):
    assert two_factor.normalise_code(typed) == code


@pytest.mark.parametrize(
    ("code", "is_backup"),
    [("1234567890", True), ("123456", False), ("12345678901", False), ("12345abcde", False)],
)
def test_a_backup_code_is_ten_digits(code, is_backup):
    assert two_factor.is_backup_code(code) is is_backup


def test_format_code_splits_a_code_in_two_halves():
    assert two_factor.format_code("1234567890") == "12345 67890"


def test_a_formatted_code_reads_back_as_the_code():
    code = "0012345678"

    assert two_factor.normalise_code(two_factor.format_code(code)) == code
    assert two_factor.is_backup_code(two_factor.normalise_code(two_factor.format_code(code)))


def test_make_backup_codes_gives_ten_distinct_codes_that_each_work_once(user):
    codes = two_factor.make_backup_codes(user=user)
    device = StaticDevice.objects.get(user=user)

    assert len(codes) == len(set(codes)) == two_factor.BACKUP_CODE_COUNT
    assert all(two_factor.is_backup_code(code) for code in codes)
    assert codes == sorted(codes)
    assert device.verify_token(codes[0]) is True
    assert device.verify_token(codes[0]) is False


def test_new_backup_codes_replace_the_former_ones(user):
    former = two_factor.make_backup_codes(user=user)

    current = two_factor.make_backup_codes(user=user)

    assert StaticDevice.objects.filter(user=user).count() == 1
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(current)
    gone = next(code for code in former if code not in current)
    assert StaticDevice.objects.get(user=user).verify_token(gone) is False


def test_reset_two_factor_removes_this_users_devices_only(user, django_user_model):
    other = django_user_model.objects.create_user("other", password="x", is_staff=True)
    for person in (user, other):
        TOTPDevice.objects.create(user=person, name="Phone", confirmed=True)
        two_factor.make_backup_codes(user=person)

    reset = two_factor.reset_two_factor(user=user)

    assert reset == two_factor.Reset(authenticators=1, backup_codes=10)
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    assert TOTPDevice.objects.filter(user=other).count() == 1
    assert StaticToken.objects.filter(device__user=other).count() == 10
