"""Public pages of attendance: accreditation requests and passes, the missions' mailing
list, the trainings and networking event."""

import datetime as dt

import segno
from django.contrib import admin, messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from presessions import queries, ratelimits, rules
from presessions.attendance import accreditation, events, mailing_list
from presessions.attendance.forms import AccreditationForm, RegistrationForm, SubscribeForm
from presessions.enums import SubscriberStatus
from presessions.models import Event, Series
from presessions.signing import InvalidLinkError


@never_cache
@require_http_methods(["GET", "POST"])
def accreditation_request(request: HttpRequest, number: int) -> HttpResponse:
    series = get_object_or_404(queries.series_with_countries(), session__number=number)
    # Once the series is over, the page says so instead of showing the form (and the
    # service refuses a request).
    is_over = accreditation.series_is_over(series)
    form = AccreditationForm(request.POST or None, series=series)
    if ratelimits.over_limit(request, "accreditation"):
        return _too_many(
            request, form, "presessions/accreditation_form.html",
            {"series": series, "is_over": is_over},
        )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            accreditation.request_accreditation(
                series=series,
                email=form.cleaned_data["email"],
                fields=form.cleaned_data,
                language=get_language(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # The same page whether the request is new or repeated: nothing is revealed.
            request.session["accreditation.series"] = series.number
            return redirect("accreditation-received", number=series.number)
    return render(
        request,
        "presessions/accreditation_form.html",
        {"series": series, "form": form, "is_over": is_over},
    )


@never_cache
def accreditation_received(request: HttpRequest, number: int) -> HttpResponse:
    if request.session.get("accreditation.series") != number:
        return redirect("accreditation-request", number=number)
    series = get_object_or_404(Series.objects.select_related("session"), session__number=number)
    return render(request, "presessions/accreditation_received.html", {"series": series})


@never_cache
def accreditation_pass(request: HttpRequest, token: str) -> HttpResponse:
    """The pass, opened from the approval email: printable, with a QR code for the door."""
    try:
        holder = accreditation.accreditation_from_pass(token)
    except InvalidLinkError:
        response = render(request, "presessions/pass_invalid.html", status=404)
    else:
        qr = segno.make(accreditation.check_url(holder), error="m")
        response = render(
            request,
            "presessions/pass.html",
            {
                "holder": holder,
                "token": token,
                "days": [dt.date.fromisoformat(day) for day in holder.days],
                "qr_svg": mark_safe(qr.svg_inline(scale=5, dark="#000", light="#fff")),  # noqa: S308 - segno's own SVG
            },
        )
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
@login_required(login_url="admin:login")
def accreditation_check(request: HttpRequest, token: str) -> HttpResponse:
    """Staff only: what the QR code of a pass says at the door, and the button that
    records the holder's entry. Opening the page records nothing: only the press of the
    button does (a POST)."""
    # The staff side's own door: staff, active, and the second factor where one is due.
    if not admin.site.has_permission(request):
        return redirect_to_login(request.get_full_path(), "admin:login")
    if not rules.can_check_passes(request.user):
        raise PermissionDenied
    try:
        holder = accreditation.accreditation_from_pass(token)
    except InvalidLinkError:
        return render(request, "presessions/pass_check.html", {"check": None})
    if request.method == "POST" and isinstance(request.user, User):
        try:
            accreditation.check_in(accreditation=holder, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(name)s is checked in.") % {"name": holder.name})
        return redirect("accreditation-check", token=token)
    return render(
        request, "presessions/pass_check.html", {"check": accreditation.door_check(holder)}
    )


@never_cache
@require_http_methods(["GET", "POST"])
def mailing_subscribe(request: HttpRequest) -> HttpResponse:
    form = SubscribeForm(request.POST or None)
    if ratelimits.over_limit(request, "subscribe"):
        return _too_many(request, form, "presessions/mailing_subscribe.html", {})
    if request.method == "POST" and form.is_valid():
        mailing_list.subscribe(
            email=form.cleaned_data["email"],
            name=form.cleaned_data["name"],
            mission=form.cleaned_data["mission"],
            language=get_language(),
        )
        # The same answer whether the address was known or not.
        return _message(
            request,
            _("Please check your inbox"),
            _("We have sent you an email: open its link to confirm your subscription."),
        )
    return render(request, "presessions/mailing_subscribe.html", {"form": form})


def _too_many(request: HttpRequest, form, template: str, context: dict) -> HttpResponse:
    """The form as typed, with the rate limit's message, and nothing done (429)."""
    form.is_valid()
    form.errors.clear()
    form.add_error(None, ratelimits.too_many_message())
    return render(request, template, {**context, "form": form}, status=429)


def _message(request: HttpRequest, title: str, text: str, status: int = 200) -> HttpResponse:
    return render(
        request, "presessions/message.html", {"title": title, "text": text}, status=status
    )


# A link in an email is opened by the person and also by the link scanners of mail
# servers, which fetch every link they see: a GET only shows the page, and only the
# person's press of its button (a POST) confirms or unsubscribes.


@never_cache
@require_http_methods(["GET", "POST"])
def mailing_confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber = mailing_list.subscriber_from_token(token, "confirm")
    except InvalidLinkError:
        return _message(request, _("This link does not work"), _("Please subscribe again."), 404)
    if request.method == "POST":
        mailing_list.confirm(subscriber)
    elif subscriber.status != SubscriberStatus.CONFIRMED:
        return render(request, "presessions/mailing_confirm.html", {"subscriber": subscriber})
    return _message(
        request,
        _("You are subscribed"),
        _("You will receive the invitations to the Pre-sessions. Every email has a link to "
          "unsubscribe."),
    )  # fmt: skip


def _is_one_click(request: HttpRequest) -> bool:
    """The POST of RFC 8058 that mail clients send for the List-Unsubscribe-Post header."""
    return request.method == "POST" and request.POST.get("List-Unsubscribe") == "One-Click"


def _unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber = mailing_list.subscriber_from_token(token, "unsubscribe")
    except InvalidLinkError:
        return _message(request, _("This link does not work"), _("Nothing was changed."), 404)
    if request.method == "POST":
        mailing_list.unsubscribe(subscriber)
    elif subscriber.status != SubscriberStatus.UNSUBSCRIBED:
        return render(request, "presessions/mailing_unsubscribe.html", {"subscriber": subscriber})
    return _message(
        request,
        _("You are unsubscribed"),
        _("You will receive no more emails from the missions' mailing list."),
    )


_unsubscribe_with_csrf_check = csrf_protect(_unsubscribe)


# Exempt from the CSRF check only for the one-click POST, which mail clients send
# without cookies or token. It needs none: only someone who has the email's link (its
# signed token) can send it, and another site cannot learn the token. The page's
# button is a form like any other and is checked.
@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def mailing_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    if _is_one_click(request):
        return _unsubscribe(request, token)
    return _unsubscribe_with_csrf_check(request, token)


def event_list(request: HttpRequest, number: int) -> HttpResponse:
    series = get_object_or_404(Series.objects.select_related("session"), session__number=number)
    upcoming = queries.events_with_seats(Event.objects.filter(series=series)).order_by("starts_at")
    return render(request, "presessions/events.html", {"series": series, "events": upcoming})


@never_cache
@require_http_methods(["GET", "POST"])
def event_register(request: HttpRequest, number: int, pk: int) -> HttpResponse:
    event = get_object_or_404(
        Event.objects.select_related("series__session"), pk=pk, series__session__number=number
    )
    # Once the event has started, the page says so instead of showing the form (and the
    # service refuses a registration).
    is_past = events.has_started(event)
    form = RegistrationForm(request.POST or None)
    if ratelimits.over_limit(request, "register"):
        return _too_many(
            request, form, "presessions/event_register.html",
            {"event": event, "is_past": is_past},
        )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            events.register(
                event=event,
                language=get_language(),
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                organisation=form.cleaned_data["organisation"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _message(
                request,
                _("Please check your inbox"),
                _("We have sent you an email that says whether you have a seat or are on "
                  "the waiting list, with a link to cancel."),
            )  # fmt: skip
    return render(
        request, "presessions/event_register.html",
        {"event": event, "form": form, "is_past": is_past},
    )  # fmt: skip


@never_cache
@require_http_methods(["GET", "POST"])
def event_cancel(request: HttpRequest, token: str) -> HttpResponse:
    try:
        registration = events.registration_from_token(token)
    except InvalidLinkError:
        return _message(request, _("This link does not work"), _("Nothing was changed."), 404)
    if request.method == "POST":
        events.cancel(registration=registration)
        return _message(
            request, _("Your registration is cancelled"), _("Thank you for telling us.")
        )
    return render(request, "presessions/event_cancel.html", {"registration": registration})
