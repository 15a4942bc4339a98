"""The staff admin, with a second factor.

Coordinators (and superusers) must confirm each login with a code from an authenticator
app (TOTP, django-otp); any other staff member who has set one up must use it too. A
coordinator without an authenticator yet signs in with the password and is taken to set
one up before anything else, and is then shown ten backup codes, once, for the day the
phone is lost; the login's code field takes one of them instead of the app's code (each
works once). Failed logins are counted by django-axes."""

from __future__ import annotations

import segno
from django import forms
from django.contrib import admin
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.forms import OTPAuthenticationFormMixin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from presessions.staff_groups import COORDINATORS
from presessions.two_factor import (
    BACKUP_CODE_COUNT,
    BACKUP_CODES_SESSION_KEY,
    format_code,
    is_backup_code,
    make_backup_codes,
    normalise_code,
)


def must_use_second_factor(user) -> bool:
    """Coordinators and superusers always; other staff once they have set one up."""
    return (
        user.is_superuser or user_has_device(user) or user.groups.filter(name=COORDINATORS).exists()
    )


def is_verified(user) -> bool:
    """Has this login been confirmed by a second factor? (Right after the login, in the
    same request, the middleware has not yet added is_verified to the user.)"""
    check = getattr(user, "is_verified", None)
    if check is not None:
        return check()
    return getattr(user, "otp_device", None) is not None


class StaffLoginForm(OTPAuthenticationFormMixin, AuthenticationForm):
    otp_error_messages = dict(
        OTPAuthenticationFormMixin.otp_error_messages,
        token_required=_("Enter the six-digit code from your authenticator app."),
        invalid_token=_("This code is not right, or has expired. Enter the current code."),
    )
    otp_device = forms.CharField(required=False, widget=forms.HiddenInput)
    otp_challenge = forms.CharField(required=False, widget=forms.HiddenInput)
    otp_token = forms.CharField(
        label=_("Code from your authenticator app"),
        required=False,
        max_length=16,
        help_text=_(
            "Six digits, or one of your ten-digit backup codes if you have lost your phone. "
            "Leave empty if you have not set up an authenticator yet."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_otp_token(self) -> str:
        return normalise_code(self.cleaned_data["otp_token"])

    def _chosen_device(self, user):
        # Staff have one authenticator (TOTP) and one set of backup codes: the code's
        # length says which it is checked against, without asking which device to use
        # (and a wrong code counts against that one only).
        chosen = super()._chosen_device(user)
        if chosen is not None:
            return chosen
        kind = (
            StaticDevice if is_backup_code(self.cleaned_data.get("otp_token", "")) else TOTPDevice
        )
        return kind.objects.devices_for_user(user, confirmed=True).first()

    def clean(self):
        data = super().clean()
        user = self.get_user()
        # Only those who have an authenticator are asked for its code here; coordinators
        # without one are sent to set it up once the password is right.
        if user is not None and user_has_device(user):
            self.clean_otp(user)
        return data


class StaffAdminSite(admin.AdminSite):
    site_header = _("Pre-sessions administration")
    site_title = _("Pre-sessions")
    login_form = StaffLoginForm
    login_template = "admin/staff_login.html"

    def has_permission(self, request: HttpRequest) -> bool:
        if not super().has_permission(request):
            return False
        return is_verified(request.user) or not must_use_second_factor(request.user)

    def login(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        response = super().login(request, extra_context)
        user = request.user
        needs_setup = (
            user.is_authenticated
            and user.is_staff
            and not self.has_permission(request)
            and not user_has_device(user)
            and must_use_second_factor(user)
        )
        if needs_setup:
            return redirect("admin:two-factor-setup")
        return response

    def get_urls(self):
        return [
            path("two-factor/setup/", never_cache(self.two_factor_setup), name="two-factor-setup"),
            path(
                "two-factor/backup-codes/",
                self.admin_view(self.two_factor_backup_codes),
                name="two-factor-backup-codes",
            ),
            *super().get_urls(),
        ]

    def two_factor_setup(self, request: HttpRequest) -> HttpResponse:
        """Set up the authenticator of a staff member who signed in with the password:
        scan the code, enter the first six digits, and the login is complete; the backup
        codes made then are shown on the next page."""
        user = request.user
        if not (user.is_authenticated and user.is_active and user.is_staff):
            return redirect(f"{reverse('admin:login')}?next={request.path}")
        if user_has_device(user) and not is_verified(user):
            # Once set up, the authenticator is checked at the login form only.
            return redirect("admin:login")
        device, _created = TOTPDevice.objects.get_or_create(
            user=user, confirmed=False, defaults={"name": "Authenticator app"}
        )
        form = ConfirmDeviceForm(request.POST or None, device=device)
        if request.method == "POST" and form.is_valid():
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            request.session[BACKUP_CODES_SESSION_KEY] = make_backup_codes(user=user)
            return redirect("admin:two-factor-backup-codes")
        qr = segno.make(device.config_url, error="m")
        context = {
            **self.each_context(request),
            "title": _("Set up your authenticator app"),
            "form": form,
            "qr_svg": mark_safe(qr.svg_inline(scale=4)),  # noqa: S308 - generated by segno
            "secret": device_secret(device),
        }
        return render(request, "admin/two_factor_setup.html", context)

    def two_factor_backup_codes(self, request: HttpRequest) -> HttpResponse:
        """The backup codes just made, shown this once (they leave the session as they are
        shown). A staff member who confirmed this login with the authenticator app may
        replace them with new ones, shown once in the same way."""
        user = request.user
        may_renew = is_verified(user) and isinstance(getattr(user, "otp_device", None), TOTPDevice)
        if request.method == "POST" and may_renew and user.is_authenticated:
            request.session[BACKUP_CODES_SESSION_KEY] = make_backup_codes(user=user)
            return redirect("admin:two-factor-backup-codes")
        codes = request.session.pop(BACKUP_CODES_SESSION_KEY, [])
        context = {
            **self.each_context(request),
            "title": _("Your backup codes"),
            "codes": [format_code(code) for code in codes],
            "count": BACKUP_CODE_COUNT,
            "may_renew": may_renew,
        }
        return render(request, "admin/two_factor_backup_codes.html", context)


def device_secret(device: TOTPDevice) -> str:
    """The key in base32, for apps into which it is typed rather than scanned."""
    import base64

    return base64.b32encode(device.bin_key).decode().rstrip("=")


class ConfirmDeviceForm(forms.Form):
    token = forms.CharField(
        label=_("The six-digit code your app shows now"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, device: TOTPDevice, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self) -> str:
        token = "".join(self.cleaned_data["token"].split())
        if not self.device.verify_token(token):
            raise forms.ValidationError(
                _("This code is not right, or has expired. Enter the current code.")
            )
        return token
