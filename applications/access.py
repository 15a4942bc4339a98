"""The one door to an application from outside: its private link.

The link carries the application's secret access key signed with the site's
secret, so it cannot be guessed or forged; a tampered, truncated or foreign
token gives nothing away (the same error whatever is wrong with it).
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation

from applications.models import Application
from presessions import signing
from presessions.signing import InvalidLinkError

_SALT = "applications.private-link"


def make_token(application: Application) -> str:
    return signing.make_token(application.access_key.hex, salt=_SALT)


def private_url(application: Application, *, language: str | None = None) -> str:
    """The absolute private link, in the given language (the applicant's by default)."""
    with translation.override(language or application.language):
        path = reverse("panels:private", kwargs={"token": make_token(application)})
    return f"{settings.SITE_URL}{path}"


def application_from_token(token: str) -> Application:
    """The application a private-link token opens; InvalidLinkError otherwise."""
    return signing.row_from_token(
        Application.objects.select_related("presession__series__session", "main_theme"),
        token,
        salt=_SALT,
        field="access_key",
    )


def _private_page_headers(response: HttpResponse) -> HttpResponse:
    """Pages opened by a private link: never cached, never indexed, and the link is never
    passed on to other sites through the Referer header. ("same-origin", not
    "no-referrer": with no referrer at all browsers post the page's own forms with
    "Origin: null", which the CSRF check rightly refuses.)"""
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def opened_by_private_link(view):
    """Resolve the token of a private link into the application, or show the same
    clear error page for any link that is not valid (it reveals nothing)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, token: str) -> HttpResponse:
        try:
            application = application_from_token(token)
        except InvalidLinkError:
            response = render(request, "applications/link_invalid.html", status=404)
        else:
            response = view(request, application, token)
        return _private_page_headers(response)

    return wrapper
