"""The second factor of staff logins: the authenticator app (TOTP) and, for a lost phone,
backup codes (django-otp's static tokens), each of which works once.

The codes are ten digits, so that the login's code field (a numeric keypad on phones)
takes them as it takes the authenticator's six; their length tells the two apart."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_CODE_COUNT = 10
BACKUP_CODE_DIGITS = 10
# Where the codes just made wait for the one page that shows them (then they are removed).
BACKUP_CODES_SESSION_KEY = "presessions_backup_codes"


def normalise_code(typed: str) -> str:
    """The code as typed, without the spaces and hyphens people copy with it."""
    return "".join(character for character in typed if character not in " -\t")


def is_backup_code(code: str) -> bool:
    return len(code) == BACKUP_CODE_DIGITS and code.isdigit()


def format_code(code: str) -> str:
    """12345 67890: easier to copy by hand."""
    middle = len(code) // 2
    return f"{code[:middle]} {code[middle:]}"


@transaction.atomic
def make_backup_codes(*, user: AbstractBaseUser) -> list[str]:
    """Give the user BACKUP_CODE_COUNT new backup codes and return them.

    Side effects: the user's former backup codes stop working. The codes are returned
    only here, to be shown once."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": "Backup codes", "confirmed": True}
    )
    device.token_set.all().delete()
    codes: set[str] = set()
    while len(codes) < BACKUP_CODE_COUNT:
        codes.add(f"{secrets.randbelow(10**BACKUP_CODE_DIGITS):0{BACKUP_CODE_DIGITS}d}")
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return sorted(codes)


@dataclass(frozen=True)
class Reset:
    authenticators: int
    backup_codes: int


@transaction.atomic
def reset_two_factor(*, user: AbstractBaseUser) -> Reset:
    """Remove the user's authenticator apps and backup codes, for a lost phone.

    Side effects: sessions confirmed by a removed device are no longer verified; at the
    next login the user signs in with the password and sets up a new authenticator
    (coordinators and superusers must; other staff may)."""
    authenticators = TOTPDevice.objects.filter(user=user)
    static = StaticDevice.objects.filter(user=user)
    reset = Reset(
        authenticators=authenticators.count(),
        backup_codes=StaticToken.objects.filter(device__in=static).count(),
    )
    authenticators.delete()
    static.delete()
    return reset
