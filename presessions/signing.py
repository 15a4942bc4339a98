"""Signed tokens: a row's key signed with the site's secret, and the one way back from a
token to its row.

Every link that opens something without a login goes through here: the accreditation
pass, the cancellation of an event registration, the mailing list's confirm and
unsubscribe links, the private link of an application, and the key of an upload kept
from a form that failed. A token is Django's signature of `str(value)` under the salt of
its purpose (with a timestamp when it expires), so tokens made before this module
existed still open their rows: keep each salt and value unchanged."""

from __future__ import annotations

from typing import TypeVar

from django.core import signing
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Model, QuerySet

RowT = TypeVar("RowT", bound=Model)


class InvalidLinkError(Exception):
    """The token opens no row: forged, truncated, expired, of another purpose, or of a
    row that is gone. One error whatever the reason, so a page reveals nothing."""


def make_token(value: object, *, salt: str, expires: bool = False) -> str:
    """`value` signed for one purpose (`salt`); `expires`: with a timestamp, for
    row_from_token's `max_age`."""
    signer = signing.TimestampSigner(salt=salt) if expires else signing.Signer(salt=salt)
    return signer.sign(str(value))


def value_from_token(token: str, *, salt: str, max_age: int | None = None) -> str:
    """The value a token carries; InvalidLinkError for anything else. With `max_age`
    (seconds), the token must carry a timestamp no older than that."""
    try:
        if max_age is None:
            return signing.Signer(salt=salt).unsign(token)
        return signing.TimestampSigner(salt=salt).unsign(token, max_age=max_age)
    except (signing.BadSignature, TypeError, ValueError):
        raise InvalidLinkError from None


def row_from_token(
    queryset: QuerySet[RowT], token: str, *, salt: str, field: str, max_age: int | None = None
) -> RowT:
    """The row of `queryset` whose `field` (a unique one) is the token's value;
    InvalidLinkError when the token is not genuine or no row has that value."""
    value = value_from_token(token, salt=salt, max_age=max_age)
    try:
        return queryset.get(**{field: value})
    except (ObjectDoesNotExist, ValidationError, ValueError):  # DoesNotExist of the model
        # ValidationError: a value its column cannot hold (not a UUID, for a key).
        raise InvalidLinkError from None
