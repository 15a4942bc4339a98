"""The staff side of selection: panels, placements and decisions in the admin.

Every action calls a service and shows its ValidationError to the coordinator."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from import_export.admin import ExportMixin
from simple_history.admin import SimpleHistoryAdmin

from . import reasons, scheduling, services
from .enums import Outcome, Response
from .exports import ExportOnlyForCoordinators, PlacementResource
from .models import Decision, Meeting, Panel, Placement, Room, Timetable, TimetableDay
from .queries import meeting_interpretation
from .reasons import describe_interpretation


def _run_each(modeladmin, request, objects, action: Callable, done: str) -> None:
    """Apply a service to each object; report successes (done: an ngettext_lazy message
    keyed on "count") and each refusal by name."""
    succeeded = 0
    for obj in objects:
        try:
            with transaction.atomic():
                action(obj)
        except ValidationError as error:
            modeladmin.message_user(request, f"{obj}: {' '.join(error.messages)}", messages.ERROR)
        else:
            succeeded += 1
    if succeeded:
        modeladmin.message_user(request, done % {"count": succeeded}, messages.SUCCESS)


class PlacementInline(admin.TabularInline):
    model = Placement
    extra = 0
    can_delete = False
    fields = ["application", "organisation", "outcome", "waitlist_rank", "score", "reason",
              "response", "notified_outcome"]  # fmt: skip
    readonly_fields = fields
    ordering = ["outcome", "waitlist_rank", "application__submitted_at"]

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("application__presession__series")

    @admin.display(description=_("organisation"))
    def organisation(self, placement: Placement) -> str:
        return placement.application.organisation_name

    @admin.display(description=_("why"))
    def reason(self, placement: Placement) -> str:
        return reasons.describe(placement.reason_code, placement.reason_params)


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0
    can_delete = False
    fields = ["made_at", "made_by", "action", "details"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Panel)
class PanelAdmin(SimpleHistoryAdmin):
    list_display = ["presession", "status", "speakers", "waiting", "declined", "confirmed_by",
                    "confirmed_at"]  # fmt: skip
    list_filter = ["presession__series", "status"]
    list_select_related = ["presession__series__session", "confirmed_by"]
    search_fields = ["placements__application__organisation_name"]
    fields = ["presession", "status", "pinned", "excluded", "proposed_replacement",
              "confirmed_by", "confirmed_at"]  # fmt: skip
    readonly_fields = ["presession", "status", "proposed_replacement", "confirmed_by",
                       "confirmed_at"]  # fmt: skip
    filter_horizontal = ["pinned", "excluded"]
    inlines = [PlacementInline, DecisionInline]
    actions = ["suggest", "confirm", "reopen", "send", "replace"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                speaker_count=Count(
                    "placements",
                    filter=Q(placements__outcome=Outcome.SELECTED)
                    & ~Q(placements__response=Response.DECLINED),
                ),
                waiting_count=Count("placements", filter=Q(placements__outcome=Outcome.WAITLISTED)),
                declined_count=Count(
                    "placements", filter=Q(placements__response=Response.DECLINED)
                ),
            )
        )

    def has_add_permission(self, request):
        # A panel is created when a coordinator first asks for its suggestion.
        return False

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("panels.decide_panel")

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # Pins and exclusions are chosen among the applications of this panel's country.
        panel = getattr(request, "_panel", None)
        if db_field.name in {"pinned", "excluded"} and panel is not None:
            kwargs["queryset"] = panel.presession.applications.order_by("reference")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        request._panel = obj
        return super().get_form(request, obj, change, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self.message_user(
            request,
            _("Pins and exclusions saved. Ask for the suggested panel to apply them."),
            messages.INFO,
        )

    @admin.display(description=_("speakers"), ordering="speaker_count")
    def speakers(self, panel: Panel) -> int:
        return panel.speaker_count

    @admin.display(description=_("waiting list"), ordering="waiting_count")
    def waiting(self, panel: Panel) -> int:
        return panel.waiting_count

    @admin.display(description=_("declined"), ordering="declined_count")
    def declined(self, panel: Panel) -> int:
        return panel.declined_count

    @admin.display(description=_("proposed replacement"))
    def proposed_replacement(self, panel: Panel) -> str:
        application = services.propose_replacement(panel)
        if application is None:
            return "-"
        return format_html(
            "{} {} <em>({})</em>",
            application.reference,
            application.organisation_name,
            _("use the action “Invite the proposed replacement”"),
        )

    @admin.action(description=_("Ask for the suggested panel"), permissions=["decide"])
    def suggest(self, request, queryset):
        _run_each(
            self,
            request,
            queryset.select_related("presession__series"),
            lambda panel: services.suggest_panel(presession=panel.presession, by=request.user),
            ngettext_lazy("%(count)d panel suggested.", "%(count)d panels suggested.", "count"),
        )

    @admin.action(description=_("Confirm the panel"), permissions=["decide"])
    def confirm(self, request, queryset):
        _run_each(
            self,
            request,
            queryset,
            lambda panel: services.confirm_panel(panel=panel, by=request.user),
            ngettext_lazy("%(count)d panel confirmed.", "%(count)d panels confirmed.", "count"),
        )

    @admin.action(description=_("Reopen the panel for changes"), permissions=["decide"])
    def reopen(self, request, queryset):
        _run_each(
            self,
            request,
            queryset,
            lambda panel: services.reopen_panel(panel=panel, by=request.user),
            ngettext_lazy("%(count)d panel reopened.", "%(count)d panels reopened.", "count"),
        )

    @admin.action(description=_("Send the invitations and outcome emails"), permissions=["send"])
    def send(self, request, queryset):
        _run_each(
            self,
            request,
            queryset,
            lambda panel: services.send_outcomes(panel=panel, by=request.user),
            ngettext_lazy(
                "Emails sent for %(count)d panel.", "Emails sent for %(count)d panels.", "count"
            ),
        )

    @admin.action(description=_("Invite the proposed replacement"), permissions=["send"])
    def replace(self, request, queryset):
        _run_each(
            self,
            request,
            queryset,
            lambda panel: services.invite_replacement(panel=panel, by=request.user),
            ngettext_lazy(
                "%(count)d replacement invited.", "%(count)d replacements invited.", "count"
            ),
        )

    def has_decide_permission(self, request) -> bool:
        return request.user.has_perm("panels.decide_panel")

    def has_send_permission(self, request) -> bool:
        return request.user.has_perm("panels.send_outcomes")


@admin.register(Placement)
class PlacementAdmin(ExportOnlyForCoordinators, ExportMixin, SimpleHistoryAdmin):
    """Every applicant's place, to change the panel by hand and to export it."""

    resource_classes = [PlacementResource]
    list_display = ["application", "country", "organisation", "gender", "outcome",
                    "waitlist_rank", "score", "reason", "response"]  # fmt: skip
    list_filter = ["panel__presession__series", "outcome", "response",
                   "application__speaker_gender"]  # fmt: skip
    list_select_related = ["application", "panel__presession__series__session"]
    search_fields = ["application__organisation_name", "application__reference"]
    actions = ["put_on_panel", "take_off_panel"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("State under Review"), ordering="panel__presession__country")
    def country(self, placement: Placement) -> str:
        return placement.panel.presession.country.name

    @admin.display(description=_("organisation"))
    def organisation(self, placement: Placement) -> str:
        return placement.application.organisation_name

    @admin.display(description=_("gender"))
    def gender(self, placement: Placement) -> str:
        return placement.application.get_speaker_gender_display()

    @admin.display(description=_("why"))
    def reason(self, placement: Placement) -> str:
        return reasons.describe(placement.reason_code, placement.reason_params)

    def _change(self, request, queryset, *, add: bool) -> None:
        by_panel: dict[int, list] = {}
        for placement in queryset.select_related("panel", "application"):
            by_panel.setdefault(placement.panel_id, []).append(placement)
        _run_each(
            self,
            request,
            [group[0].panel for group in by_panel.values()],
            lambda panel: services.change_panel(
                panel=panel,
                add=[p.application for p in by_panel[panel.pk]] if add else [],
                remove=[] if add else [p.application for p in by_panel[panel.pk]],
                by=request.user,
            ),
            ngettext_lazy("%(count)d panel changed.", "%(count)d panels changed.", "count"),
        )

    @admin.action(description=_("Put on the panel"), permissions=["decide"])
    def put_on_panel(self, request, queryset):
        self._change(request, queryset, add=True)

    @admin.action(description=_("Take off the panel"), permissions=["decide"])
    def take_off_panel(self, request, queryset):
        self._change(request, queryset, add=False)

    def has_decide_permission(self, request) -> bool:
        return request.user.has_perm("panels.decide_panel")


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["made_at", "panel", "action", "made_by", "details"]
    list_filter = ["action", "panel__presession__series"]
    list_select_related = ["panel__presession__series__session", "made_by"]
    date_hierarchy = "made_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class TimetableDayInline(admin.TabularInline):
    model = TimetableDay
    extra = 0


class RoomInline(admin.TabularInline):
    model = Room
    extra = 0


class MeetingInline(admin.TabularInline):
    model = Meeting
    extra = 0
    can_delete = False
    fields = ["presession", "day", "room", "starts_at", "ends_at", "is_pinned", "interpretation",
              "move"]  # fmt: skip
    readonly_fields = fields
    ordering = ["day__date", "starts_at", "room__position"]

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("presession", "day", "room")

    @admin.display(description=_("interpretation"))
    def interpretation(self, meeting: Meeting) -> str:
        return describe_interpretation(meeting_interpretation(meeting))

    @admin.display(description=_("move"))
    def move(self, meeting: Meeting) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:panels_meeting_change", args=[meeting.pk]),
            _("Move"),
        )


@admin.register(Timetable)
class TimetableAdmin(SimpleHistoryAdmin):
    list_display = ["series", "status", "is_generating", "generation_problem", "generated_at",
                    "published_at", "published_by"]  # fmt: skip
    list_select_related = ["series__session", "published_by"]
    fields = ["series", "gap_minutes", "status", "is_generating", "generation_problem",
              "generated_at", "published_at", "published_by"]  # fmt: skip
    readonly_fields = ["series", "status", "is_generating", "generation_problem",
                       "generated_at", "published_at", "published_by"]  # fmt: skip
    inlines = [TimetableDayInline, RoomInline, MeetingInline]
    actions = ["generate", "publish"]

    def has_add_permission(self, request):
        # Created with its default days and room by "Prepare the timetable" on the series.
        return False

    @admin.action(description=_("Generate the timetable"), permissions=["publish"])
    def generate(self, request, queryset):
        _run_each(
            self,
            request,
            queryset.select_related("series"),
            lambda table: scheduling.request_generation(series=table.series),
            ngettext_lazy(
                "%(count)d timetable is being generated: reload its page to see the result.",
                "%(count)d timetables are being generated: reload their pages to see the result.",
                "count",
            ),
        )

    @admin.action(description=_("Publish the programme"), permissions=["publish"])
    def publish(self, request, queryset):
        _run_each(
            self,
            request,
            queryset.select_related("series"),
            lambda table: scheduling.publish_programme(series=table.series, by=request.user),
            ngettext_lazy(
                "%(count)d programme published.", "%(count)d programmes published.", "count"
            ),
        )

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm("panels.publish_programme")


class MeetingMoveForm(forms.ModelForm):
    """Move a meeting by hand: checked against the rule before anything is saved."""

    class Meta:
        model = Meeting
        fields = ["day", "room", "starts_at", "unavailable_days"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        table = self.instance.timetable
        for name in ("day", "room", "unavailable_days"):
            field = self.fields[name]
            field.queryset = field.queryset.filter(timetable=table)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        given = [data.get(name) is not None for name in ("day", "room", "starts_at")]
        if not any(given):
            return data
        if not all(given):
            raise forms.ValidationError(_("Give the day, the room and the start time."))
        problems, self.ends_at = scheduling.check_move(
            self.instance, day=data["day"], room=data["room"], starts_at=data["starts_at"]
        )
        if data["day"] in data.get("unavailable_days", []):
            problems.append(_("Its country cannot use that day."))
        if problems:
            raise forms.ValidationError(problems)
        return data


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    form = MeetingMoveForm
    list_display = ["presession", "day", "room", "starts_at", "ends_at", "is_pinned"]
    list_filter = ["timetable__series", "day"]
    list_select_related = ["presession__series__session", "day", "room"]
    readonly_fields = ["presession", "ends_at", "is_pinned"]
    fields = ["presession", "day", "room", "starts_at", "ends_at", "is_pinned", "unavailable_days"]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        if form.cleaned_data["day"] is None:
            return  # only the days this country cannot use changed (saved below)
        scheduling.move_meeting(
            meeting=obj,
            day=form.cleaned_data["day"],
            room=form.cleaned_data["room"],
            starts_at=form.cleaned_data["starts_at"],
        )

    def save_related(self, request, form, formsets, change):
        form.instance.unavailable_days.set(form.cleaned_data["unavailable_days"])


from . import statement_admin  # noqa: E402, F401  (registers the statements' admin)
