"""The calendar in the admin: Working Group sessions, series with their Pre-sessions, themes."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from presessions.attendance import mailing_list
from presessions.models import (
    PreSession,
    Series,
    Theme,
    WorkingGroupSession,
)


@admin.register(WorkingGroupSession)
class WorkingGroupSessionAdmin(admin.ModelAdmin):
    list_display = ["number", "starts_on", "ends_on"]
    search_fields = ["number"]


class PreSessionInline(admin.TabularInline):
    model = PreSession
    extra = 0
    ordering = ["review_order"]


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["__str__", "starts_on", "ends_on", "call_opens_at", "call_closes_at", "venue"]
    list_select_related = ["session"]
    date_hierarchy = "starts_on"
    inlines = [PreSessionInline]
    actions = ["invite_mailing_list"]
    fieldsets = [
        (None, {"fields": ["session", "venue", ("starts_on", "ends_on")]}),
        (_("Call for applications"), {"fields": [("call_opens_at", "call_closes_at")]}),
        (_("Financial support"), {"fields": ["support_budget"]}),
        (
            _("Selection"),
            {
                "fields": [
                    "panel_size",
                    "weight_local_scope",
                    "weight_coalition",
                    "weight_upr_report",
                    "weight_theme",
                ]
            },
        ),
    ]

    @admin.action(
        description=_("Send the invitation to the missions' mailing list"), permissions=["invite"]
    )
    def invite_mailing_list(self, request, queryset):
        for series in queryset:
            mailing_list.start_invitation(series=series)
        self.message_user(
            request,
            _("The invitations are being sent; follow them under Invitations to the mailing list."),
            messages.SUCCESS,
        )

    def has_invite_permission(self, request) -> bool:
        return request.user.has_perm("presessions.add_mailing")


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "name_fr", "name_es", "is_active"]
    list_editable = ["is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "name_fr", "name_es"]
