"""Rate limits of the public forms: each client address may send each form a limited
number of times (PUBLIC_FORM_RATE), counted in the shared cache. The client address is
presessions.client_ip.client_address (RATELIMIT_IP_META_KEY), as for the login lockout."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited


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


def too_many_message() -> str:
    return _(
        "This form has been sent many times from your connection in a short while. "
        "Please wait a little and send it again: what you typed is kept below."
    )
