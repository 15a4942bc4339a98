"""The staff side of selection: panels, placements and decisions in the admin.

Every action calls a service and shows its ValidationError to the coordinator."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy
from import_export.admin import ExportMixin

from panels import rules
from panels.enums import Outcome, Response
from panels.models import Decision, Panel, Placement
from panels.models.panel import active_speaker_q
from panels.selection import decision_texts, queries, reasons, services
from panels.selection.exports import PlacementResource
from presessions.admin_actions import ActionsOnChangePage, confirm_send, run_each
from presessions.admin_history import AuditTrailAdmin
from presessions.exports import ExportOnlyForCoordinators
from presessions.models import PreSession

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class _PanelCounts(TypedDict):
    """What PanelAdmin.get_queryset counts on each panel."""

    speaker_count: int
    waiting_count: int
    declined_count: int


def describe_panel(glance: queries.PanelAtAGlance) -> str:
    """The panel's totals, a line for each criterion of its balance."""
    if not glance.speakers:
        return str(_("No speaker holds a seat yet."))
    lines = [
        ngettext(
            "%(count)d speaker. Women: %(women)d, men: %(men)d, another gender or not "
            "said: %(others)d.",
            "%(count)d speakers. Women: %(women)d, men: %(men)d, another gender or not "
            "said: %(others)d.",
            glance.speakers,
        )
        % {"count": glance.speakers, "women": glance.women, "men": glance.men,
           "others": glance.others},
        _("Scopes: %(scopes)s.") % {"scopes": _counts(glance.scopes)},
        ngettext(
            "%(count)d main theme: %(themes)s.", "%(count)d main themes: %(themes)s.",
            len(glance.themes),
        )
        % {"count": len(glance.themes), "themes": ", ".join(glance.themes)},
        _("Languages: %(languages)s.") % {"languages": _counts(glance.languages)},
        ngettext(
            "%(count)d needs interpretation.", "%(count)d need interpretation.",
            glance.needing_interpretation,
        )
        % {"count": glance.needing_interpretation},
    ]  # fmt: skip
    return format_html_join(mark_safe("<br>"), "{}", ((line,) for line in lines))


def _counts(pairs: tuple[tuple[str, int], ...]) -> str:
    return ", ".join(f"{label} {count}" for label, count in pairs)


class EarlySendForm(forms.Form):
    """Outcomes sent while the call is still open need a written reason (it is logged)."""

    reason = forms.CharField(
        label=_("Reason for sending before the call closes"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )


class PlacementInline(admin.TabularInline):
    model = Placement
    extra = 0
    can_delete = False
    # Beside each placement, what the panel's balance is made of.
    fields = readonly_fields = ("application", "organisation", "gender", "scope", "main_theme",
                                "languages", "interpretation", "outcome", "waitlist_rank",
                                "score", "reason", "response", "notified_outcome",
                                "waitlist_final_notified_at")  # fmt: skip
    ordering = ["outcome", "waitlist_rank", "application__submitted_at"]

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("application__presession__series", "application__main_theme")
        )

    @admin.display(description=_("organisation"))
    def organisation(self, placement: Placement) -> str:
        return placement.application.organisation_name

    @admin.display(description=_("gender"))
    def gender(self, placement: Placement) -> str:
        return placement.application.get_speaker_gender_display()

    @admin.display(description=_("scope"))
    def scope(self, placement: Placement) -> str:
        return placement.application.get_scope_display()

    @admin.display(description=_("main theme"))
    def main_theme(self, placement: Placement) -> str:
        return placement.application.main_theme.label

    @admin.display(description=_("languages"))
    def languages(self, placement: Placement) -> str:
        return " ".join(code.upper() for code in placement.application.speaker_languages)

    @admin.display(description=_("interpretation"), boolean=True)
    def interpretation(self, placement: Placement) -> bool:
        return placement.application.needs_interpretation

    @admin.display(description=_("why"))
    def reason(self, placement: Placement) -> str:
        return reasons.describe(placement.reason_code, placement.reason_params)


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0
    can_delete = False
    fields = readonly_fields = ("made_at", "made_by", "action", "text")

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("made_by")

    @admin.display(description=_("what changed"))
    def text(self, decision: Decision) -> str:
        return decision_texts.describe(decision.action, decision.values, decision.details)


@admin.register(Panel)
class PanelAdmin(ActionsOnChangePage, AuditTrailAdmin):
    list_display = ["presession", "status", "speakers", "waiting", "declined", "confirmed_by",
                    "confirmed_at"]  # fmt: skip
    list_filter = ["presession__series", "status"]
    list_select_related = ["presession__series__session", "confirmed_by"]
    search_fields = ["placements__application__organisation_name"]
    fields = ["presession", "status", "at_a_glance", "pinned", "excluded",
              "proposed_replacement", "confirmed_by", "confirmed_at"]  # fmt: skip
    readonly_fields = ["presession", "status", "at_a_glance", "proposed_replacement",
                       "confirmed_by", "confirmed_at"]  # fmt: skip
    filter_horizontal = ["pinned", "excluded"]
    inlines = [PlacementInline, DecisionInline]
    actions = ["suggest", "confirm", "reopen", "send", "replace"]
    change_page_actions = ("suggest", "confirm", "reopen", "send", "replace")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                speaker_count=Count("placements", filter=active_speaker_q("placements__")),
                waiting_count=Count("placements", filter=Q(placements__outcome=Outcome.WAITLISTED)),
                declined_count=Count(
                    "placements", filter=Q(placements__response=Response.DECLINED)
                ),
            )
        )

    def offers_action(self, request, obj, name: str) -> bool:
        if name == "suggest":
            return not obj.is_confirmed
        if name == "confirm":
            return not obj.is_confirmed and obj.placements.filter(outcome=Outcome.SELECTED).exists()
        if name in ("reopen", "send"):
            return obj.is_confirmed
        return services.propose_replacement(obj) is not None  # replace

    def has_add_permission(self, request):
        # A panel is created when a coordinator first asks for its suggestion.
        return False

    def has_change_permission(self, request, obj=None):
        return rules.can_decide_panel(request.user)

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
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)
        try:
            services.set_pins_and_exclusions(
                panel=form.instance,
                pinned=form.cleaned_data["pinned"],
                excluded=form.cleaned_data["excluded"],
                by=request.user,
            )
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            request._pins_refused = True
            return
        self.message_user(
            request,
            _("Pins and exclusions saved. Ask for the suggested panel to apply them."),
            messages.INFO,
        )

    def response_change(self, request, obj):
        if getattr(request, "_pins_refused", False):
            # Back to the panel, without the "changed successfully" of the admin.
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    @admin.display(description=_("speakers"), ordering="speaker_count")
    def speakers(self, panel: WithAnnotations[Panel, _PanelCounts]) -> int:
        return panel.speaker_count

    @admin.display(description=_("waiting list"), ordering="waiting_count")
    def waiting(self, panel: WithAnnotations[Panel, _PanelCounts]) -> int:
        return panel.waiting_count

    @admin.display(description=_("declined"), ordering="declined_count")
    def declined(self, panel: WithAnnotations[Panel, _PanelCounts]) -> int:
        return panel.declined_count

    @admin.display(description=_("panel at a glance"))
    def at_a_glance(self, panel: Panel) -> str:
        return describe_panel(queries.panel_at_a_glance(panel))

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
        run_each(
            self,
            request,
            queryset.select_related("presession__series"),
            lambda panel: services.suggest_panel(presession=panel.presession, by=request.user),
            ngettext_lazy("%(count)d panel suggested.", "%(count)d panels suggested.", "count"),
        )

    @admin.action(description=_("Confirm the panel"), permissions=["decide"])
    def confirm(self, request, queryset):
        run_each(
            self,
            request,
            queryset,
            lambda panel: services.confirm_panel(panel=panel, by=request.user),
            ngettext_lazy("%(count)d panel confirmed.", "%(count)d panels confirmed.", "count"),
        )

    @admin.action(description=_("Reopen the panel for changes"), permissions=["decide"])
    def reopen(self, request, queryset):
        run_each(
            self,
            request,
            queryset,
            lambda panel: services.reopen_panel(panel=panel, by=request.user),
            ngettext_lazy("%(count)d panel reopened.", "%(count)d panels reopened.", "count"),
        )

    @admin.action(description=_("Send the invitations and outcome emails"), permissions=["send"])
    def send(self, request, queryset):
        panels = list(queryset.select_related("presession__series"))
        call_open = any(panel.presession.series.call_is_open() for panel in panels)
        form = None
        if call_open:
            form = EarlySendForm(request.POST if request.POST.get("post") else None)
            closes = max(p.presession.series.call_closes_at for p in panels)
            form.fields["reason"].help_text = _(
                "The call for applications is open until %(date)s: outcomes wait for it to "
                "close. Say why they cannot wait; the reason is recorded on the panel."
            ) % {"date": formats.date_format(timezone.localtime(closes), "DATETIME_FORMAT")}

        def send_one(panel: Panel, reason: str | None = None) -> None:
            if reason is None:
                reason = form.cleaned_data["reason"] if form is not None else ""
            services.send_outcomes(panel=panel, by=request.user, override_reason=reason)

        return confirm_send(
            self,
            request,
            panels,
            send_each=send_one,
            # The preview shows what would go out once a reason is given.
            preview_each=lambda panel: send_one(panel, reason="preview" if call_open else ""),
            form=form,
            title=_("Send the invitations and outcome emails"),
            done=ngettext_lazy(
                "Emails sent for %(count)d panel.", "Emails sent for %(count)d panels.", "count"
            ),
        )

    @admin.action(description=_("Invite the proposed replacement"), permissions=["send"])
    def replace(self, request, queryset):
        return confirm_send(
            self,
            request,
            queryset,
            send_each=lambda panel: services.invite_replacement(panel=panel, by=request.user),
            title=_("Invite the proposed replacement"),
            done=ngettext_lazy(
                "%(count)d replacement invited.", "%(count)d replacements invited.", "count"
            ),
        )

    def has_decide_permission(self, request) -> bool:
        return rules.can_decide_panel(request.user)

    def has_send_permission(self, request) -> bool:
        return rules.can_send_outcomes(request.user)


@admin.register(Placement)
class PlacementAdmin(ExportOnlyForCoordinators, ExportMixin, AuditTrailAdmin):
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
        run_each(
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
        return rules.can_decide_panel(request.user)


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["made_at", "panel", "action", "made_by", "text"]
    list_filter = ["action", "panel__presession__series"]
    list_select_related = ["panel__presession__series__session", "made_by"]
    date_hierarchy = "made_at"
    fields = readonly_fields = ("panel", "made_at", "made_by", "action", "text")

    @admin.display(description=_("what changed"))
    def text(self, decision: Decision) -> str:
        return decision_texts.describe(decision.action, decision.values, decision.details)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SuggestsPanels:
    """Series admin mixin: ask for the suggested panel of every country of a series."""

    @admin.action(
        description=_("Ask for the suggested panel of every country"), permissions=["decide"]
    )
    def suggest_panels(self, request, queryset):
        presessions = PreSession.objects.filter(series__in=queryset).select_related(
            "series__session"
        )
        run_each(
            self,
            request,
            presessions,
            lambda presession: services.suggest_panel(presession=presession, by=request.user),
            ngettext_lazy("%(count)d panel suggested.", "%(count)d panels suggested.", "count"),
        )

    def has_decide_permission(self, request) -> bool:
        return rules.can_decide_panel(request.user)
