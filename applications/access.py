"""The one door to an application from outside: its private link.

The link carries the application's secret access key signed with the site's
secret, so it cannot be guessed or forged; a tampered, truncated or foreign
token gives nothing away (the same error whatever is wrong with it).
"""

from __future__ import annotations

import functools
import uuid

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation

from applications.models import Application

_SALT = "applications.private-link"


class InvalidLinkError(Exception):
    """The token does not open any application."""


def make_token(application: Application) -> str:
    return signing.Signer(salt=_SALT).sign(application.access_key.hex)


def private_url(application: Application, *, language: str | None = None) -> str:
    """The absolute private link, in the given language (the applicant's by default)."""
    with translation.override(language or application.language):
        path = reverse("panels:private", kwargs={"token": make_token(application)})
    return f"{settings.SITE_URL}{path}"


def application_from_token(token: str) -> Application:
    """The application a private-link token opens; InvalidLinkError otherwise."""
    try:
        key = uuid.UUID(hex=signing.Signer(salt=_SALT).unsign(token))
    except (signing.BadSignature, ValueError, TypeError):
        raise InvalidLinkError from None
    try:
        return Application.objects.select_related("presession__series__session", "main_theme").get(
            access_key=key
        )
    except Application.DoesNotExist:
        raise InvalidLinkError from None


def can_download_report(user) -> bool:
    """Staff with the right to view applications may download their files."""
    return bool(
        user.is_authenticated and user.is_staff and user.has_perm("applications.view_application")
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
