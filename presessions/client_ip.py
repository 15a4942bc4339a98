"""The client's address, the one function that the login lockout (django-axes) and the
public forms' rate limits (django-ratelimit) both use.

Each proxy in front of the site appends the address it received the request from to
X-Forwarded-For, so with TRUSTED_PROXY_COUNT proxies the client is the entry that many
places from the right. Everything to the left of it was sent by the client and may be
forged: it is never read. With no trusted proxy, the address is the connection's."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The client's IP address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the
    entry of X-Forwarded-For that the outermost of them added."""
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").strip()
    if not forwarded:
        return remote
    hops = [hop.strip() for hop in forwarded.split(",")]
    # Fewer entries than proxies: the request entered the chain past the outermost
    # proxy, and each entry was added by a trusted one; the left-most is the client.
    chosen = hops[-count] if len(hops) >= count else hops[0]
    try:
        return str(ipaddress.ip_address(chosen))
    except ValueError:
        # Not an address (a misconfigured proxy): count by the connection instead, so a
        # malformed value never becomes a key of its own.
        return remote
