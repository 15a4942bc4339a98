"""Public pages of the call alerts: subscribe, confirm, unsubscribe. They translate HTTP
into the services' calls.

A link in an email is opened by the person and also by the link scanners of mail
servers, which fetch every link they see: a GET only shows the page, and only the
person's press of its button (a POST) confirms or unsubscribes."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from applications.call_alerts import services
from applications.call_alerts.forms import CallAlertForm
from presessions import ratelimits
from presessions.countries import un_member_codes
from presessions.signing import InvalidLinkError

_SUBSCRIBE = "applications/call_alerts/subscribe.html"


@never_cache
@require_http_methods(["GET", "POST"])
def alert_subscribe(request: HttpRequest) -> HttpResponse:
    # ?country=KE, from a series' page: that country is chosen already.
    country = request.GET.get("country", "").upper()
    initial = {"countries": [country]} if country in un_member_codes() else {}
    form = CallAlertForm(request.POST or None, initial=initial)
    if ratelimits.over_limit(request, "call-alerts"):
        form.is_valid()
        form.errors.clear()
        form.add_error(None, ratelimits.too_many_message())
        return render(request, _SUBSCRIBE, {"form": form}, status=429)
    if request.method == "POST" and form.is_valid():
        try:
            services.subscribe_to_alerts(
                email=form.cleaned_data["email"],
                countries=form.cleaned_data["countries"],
                any_country=form.any_country,
                language=get_language(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # The same page whether the address was known or not.
            return redirect("applications:alert-sent")
    return render(request, _SUBSCRIBE, {"form": form})


@require_GET
def alert_sent(request: HttpRequest) -> HttpResponse:
    return _message(
        request,
        _("Please check your inbox"),
        _("We have sent you an email: open its link and press the button to confirm that "
          "you want the alerts. Nothing is sent to you before that."),
    )  # fmt: skip


def _message(request: HttpRequest, title: str, text: str, status: int = 200) -> HttpResponse:
    return render(
        request, "presessions/message.html", {"title": title, "text": text}, status=status
    )


def _invalid_link(request: HttpRequest, text: str) -> HttpResponse:
    return _message(request, _("This link does not work"), text, status=404)


def _subscribed(request: HttpRequest) -> HttpResponse:
    return _message(
        request,
        _("You will receive the call alerts"),
        _("We will write to you when a call for applications opens for the countries you "
          "chose. Every alert has a link to unsubscribe."),
    )  # fmt: skip


@never_cache
@require_http_methods(["GET", "POST"])
def alert_confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        alert = services.alert_from_token(token, services.CONFIRM)
    except InvalidLinkError:
        return _invalid_link(request, _("Please subscribe again."))
    if request.method == "POST":
        services.confirm_alert(alert=alert)
    elif not alert.is_confirmed:
        context: dict[str, Any] = {"alert": alert}
        return render(request, "applications/call_alerts/confirm.html", context)
    return _subscribed(request)


def _is_one_click(request: HttpRequest) -> bool:
    """The POST of RFC 8058 that mail clients send for the List-Unsubscribe-Post header."""
    return request.method == "POST" and request.POST.get("List-Unsubscribe") == "One-Click"


def _unsubscribed(request: HttpRequest) -> HttpResponse:
    return _message(
        request,
        _("You are unsubscribed"),
        _("You will receive no more call alerts, and your address is deleted from them."),
    )


def _unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "POST":
        try:
            services.unsubscribe_alerts(token=token)
        except InvalidLinkError:
            return _invalid_link(request, _("Nothing was changed."))
        return _unsubscribed(request)
    try:
        alert = services.alert_from_token(token, services.UNSUBSCRIBE)
    except InvalidLinkError:
        if services.is_genuine_unsubscribe_token(token):
            return _unsubscribed(request)  # unsubscribed already
        return _invalid_link(request, _("Nothing was changed."))
    return render(request, "applications/call_alerts/unsubscribe.html", {"alert": alert})


_unsubscribe_with_csrf_check = csrf_protect(_unsubscribe)


# Exempt from the CSRF check only for the one-click POST, which mail clients send
# without cookies or token. It needs none: only someone who has the email's link (its
# signed token) can send it, and another site cannot learn the token. The page's
# button is a form like any other and is checked.
@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def alert_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    if _is_one_click(request):
        return _unsubscribe(request, token)
    return _unsubscribe_with_csrf_check(request, token)
