"""Rate limits of the public forms: each client address may send each form a limited
number of times (PUBLIC_FORM_RATE), counted in the shared cache; and of the open read
API, whose every request counts (API_RATE). The client address is
presessions.client_ip.client_address (RATELIMIT_IP_META_KEY), as for the login lockout."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage, is_ratelimited

from presessions.client_ip import client_address


def over_limit(request: HttpRequest, group: str) -> bool:
    """Count this submission of a form; True when the client has sent too many."""
    if request.method != "POST":
        return False
    return is_ratelimited(
        request,
        group=group,
        key="ip",
        rate=settings.PUBLIC_FORM_RATE,
        method="POST",
        increment=True,
    )


def over_read_limit(request: HttpRequest, group: str) -> int | None:
    """Count this request of a read-only interface, whatever its method. When the client
    has sent too many (API_RATE): the seconds until it may read again; else None."""
    usage = get_usage(request, group=group, key=_client, rate=settings.API_RATE, increment=True)
    if usage is None or not usage["should_limit"]:
        return None
    return max(1, int(usage["time_left"]))


def _client(group: str, request: HttpRequest) -> str:
    # A request without an address (a WSGI server that gives none) counts as one client
    # rather than failing.
    return client_address(request) or "unknown"


def too_many_message() -> str:
    return _(
        "This form has been sent many times from your connection in a short while. "
        "Please wait a little and send it again: what you typed is kept below."
    )
