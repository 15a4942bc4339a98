"""The call alerts in the admin: the subscriptions and the alerts sent, read-only (people
subscribe themselves, with the double opt-in). An address is shown, and searchable, only
to staff with the right to see it (rules.can_see_alert_addresses)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from applications.call_alerts import queries
from applications.call_alerts.models import CallAlert, CallAlertDelivery
from applications.rules import can_see_alert_addresses

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django_stubs_ext import StrOrPromise


class _Confirmed(admin.SimpleListFilter):
    title = _("confirmed")
    parameter_name = "confirmed"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, StrOrPromise]]:
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() in ("yes", "no"):
            return queryset.filter(confirmed_at__isnull=self.value() == "no")
        return queryset


_COLUMNS = ("reference", "language", "countries_list", "created_at", "confirmed_at")
_DETAILS = ("language", "any_country", "countries_list", "created_at", "confirmed_at")
_SENT = ("series", "subscription", "language", "status", "created_at")


@admin.register(CallAlert)
class CallAlertAdmin(admin.ModelAdmin):
    list_display = _COLUMNS
    list_filter = [_Confirmed, "any_country", "language"]
    ordering = ["-created_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        if can_see_alert_addresses(request.user):
            return ("email", *_DETAILS)
        return _DETAILS

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return self.get_fields(request, obj)

    def get_search_fields(self, request: HttpRequest) -> tuple[str, ...]:
        # Searching by address would tell whether an address is subscribed.
        return ("email",) if can_see_alert_addresses(request.user) else ()

    def get_list_display(self, request: HttpRequest) -> tuple[str, ...]:
        if can_see_alert_addresses(request.user):
            return ("reference", "email", *_COLUMNS[1:])
        return _COLUMNS

    @admin.display(description=_("reference"), ordering="pk")
    def reference(self, alert: CallAlert) -> str:
        return f"#{alert.pk}"

    @admin.display(description=_("States under Review"))
    def countries_list(self, alert: CallAlert) -> StrOrPromise:
        if alert.any_country:
            return _("any country")
        return ", ".join(str(country.name) for country in alert.countries)


@admin.register(CallAlertDelivery)
class CallAlertDeliveryAdmin(admin.ModelAdmin):
    list_display = fields = readonly_fields = _SENT
    list_filter = ["series"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[CallAlertDelivery]:
        return queries.deliveries_with_details()

    @admin.display(description=_("call alert subscription"), ordering="alert")
    def subscription(self, delivery: CallAlertDelivery) -> str:
        return f"#{delivery.alert_id}"

    @admin.display(description=_("language"))
    def language(self, delivery: CallAlertDelivery) -> StrOrPromise:
        return delivery.alert.get_language_display()

    @admin.display(description=_("status"))
    def status(self, delivery: CallAlertDelivery) -> StrOrPromise:
        if delivery.queued_at is None:
            return _("waiting")
        if delivery.email is None:
            return _("sent; its record was erased")
        return delivery.email.get_status_display()
