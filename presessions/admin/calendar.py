"""The calendar in the admin: Working Group sessions, series with their Pre-sessions, themes."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from presessions import rules
from presessions.admin_actions import confirm_send
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


class SeriesListFilter(admin.RelatedFieldListFilter):
    """The choices of a filter by series, with their sessions read in the same query: a
    series is named after its session ("Pre-sessions 55"), one query each otherwise."""

    def field_choices(self, field, request, model_admin):
        queryset = Series.objects.select_related("session")
        ordering = self.field_admin_ordering(field, request, model_admin)
        if ordering:
            queryset = queryset.order_by(*ordering)
        return [(series.pk, str(series)) for series in queryset]


# Every admin's filter on a series (``series``, ``presession__series``, ...) uses it:
# Django picks a field's filter class by the field.
admin.FieldListFilter.register(
    lambda field: field.is_relation and field.related_model is Series,
    SeriesListFilter,
    take_priority=True,
)


class PreSessionInline(admin.TabularInline):
    model = PreSession
    extra = 0
    ordering = ["review_order"]

    def get_queryset(self, request):
        # Each row is titled with its Pre-session, named after its series and session.
        return super().get_queryset(request).select_related("series__session")


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["__str__", "starts_on", "ends_on", "call_opens_at", "call_closes_at", "venue"]
    list_select_related = ["session"]
    date_hierarchy = "starts_on"
    inlines = [PreSessionInline]
    actions = ["invite_mailing_list"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "session",
                    "venue",
                    ("venue_fr", "venue_es"),
                    ("starts_on", "ends_on"),
                    "statement_deadline",
                ]
            },
        ),
        (_("Call for applications"), {"fields": [("call_opens_at", "call_closes_at")]}),
        (_("Financial support"), {"fields": ["support_budget"]}),
        (
            _("Selection"),
            {
                "fields": [
                    "panel_size",
                    "waitlist_length",
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
        # The sending fans out in a task: the preview is computed, not dry-run.
        series_list = list(queryset.select_related("session"))
        return confirm_send(
            self,
            request,
            series_list,
            send_each=lambda series: mailing_list.start_invitation(series=series),
            preview=mailing_list.preview_invitations(series_list),
            title=_("Send the invitation to the missions' mailing list"),
            done=ngettext_lazy(
                "The invitations of %(count)d series are being sent; follow them under "
                "Mailings to the missions.",
                "The invitations of %(count)d series are being sent; follow them under "
                "Mailings to the missions.",
                "count",
            ),
        )

    def has_invite_permission(self, request) -> bool:
        return rules.can_invite_mailing_list(request.user)


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "name_fr", "name_es", "is_active"]
    list_editable = ["is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "name_fr", "name_es"]
