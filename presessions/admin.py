from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy
from import_export import fields, resources
from import_export.admin import ExportMixin

from panels.exports import EscapesFormulae, ExportOnlyForCoordinators

from . import accreditation, mail, mailing, queries
from .enums import AccreditationStatus, EmailStatus
from .models import (
    Accreditation,
    Event,
    Mailing,
    MailingRecipient,
    OutboundEmail,
    PreSession,
    Registration,
    Series,
    Subscriber,
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
    actions = ["suggest_panels", "prepare_timetable", "invite_mailing_list"]
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
        description=_("Ask for the suggested panel of every country"), permissions=["decide"]
    )
    def suggest_panels(self, request, queryset):
        from panels.admin import _run_each  # the panels side builds on the series side
        from panels.services import suggest_panel

        presessions = PreSession.objects.filter(series__in=queryset).select_related(
            "series__session"
        )
        _run_each(
            self,
            request,
            presessions,
            lambda presession: suggest_panel(presession=presession, by=request.user),
            ngettext_lazy("%(count)d panel suggested.", "%(count)d panels suggested.", "count"),
        )

    def has_decide_permission(self, request) -> bool:
        return request.user.has_perm("panels.decide_panel")

    @admin.action(description=_("Prepare the timetable"), permissions=["publish"])
    def prepare_timetable(self, request, queryset):
        from panels.admin import _run_each
        from panels.scheduling import prepare_timetable

        _run_each(
            self,
            request,
            queryset,
            lambda series: prepare_timetable(series=series),
            ngettext_lazy(
                "%(count)d timetable prepared: open it under Timetables.",
                "%(count)d timetables prepared: open them under Timetables.",
                "count",
            ),
        )

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm("panels.publish_programme")

    @admin.action(
        description=_("Send the invitation to the missions' mailing list"), permissions=["invite"]
    )
    def invite_mailing_list(self, request, queryset):
        for series in queryset:
            mailing.start_invitation(series=series)
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


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "to", "kind", "language", "status", "attempts", "sent_at"]
    list_filter = ["status", "kind", "language"]
    search_fields = ["to", "subject"]
    date_hierarchy = "created_at"
    actions = ["resend"]
    readonly_fields = [
        "to",
        "kind",
        "language",
        "subject",
        "body_text",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "next_attempt_at",
        "sent_at",
    ]
    exclude = ["body_html"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Send the selected emails again"), permissions=["resend"])
    def resend(self, request, queryset):
        count = mail.resend_emails(queryset)
        self.message_user(
            request,
            ngettext("%(count)d email queued again.", "%(count)d emails queued again.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    def has_resend_permission(self, request):
        # The records themselves stay read-only; resending needs the change right.
        return request.user.has_perm("presessions.change_outboundemail")


class InviteesForm(forms.Form):
    series = forms.ModelChoiceField(label=_("Series"), queryset=Series.objects.all())
    file = forms.FileField(label=_("CSV file"))


class AccreditationResource(EscapesFormulae, resources.ModelResource):
    """What a registration desk (and UN Geneva's grounds pass list) needs."""

    series = fields.Field(attribute="series__session__number", column_name="Series")
    name = fields.Field(attribute="name", column_name="Full name")
    email = fields.Field(attribute="email", column_name="Email")
    organisation = fields.Field(attribute="organisation", column_name="Organisation or mission")
    category = fields.Field(column_name="Category")
    country = fields.Field(column_name="Country")
    days = fields.Field(column_name="Days")
    code = fields.Field(attribute="code", column_name="Pass code")
    status = fields.Field(attribute="status", column_name="Status")

    class Meta:
        model = Accreditation
        fields = ["series", "name", "email", "organisation", "category", "country", "days",
                  "code", "status"]  # fmt: skip
        export_order = fields

    def get_queryset(self):
        return super().get_queryset().select_related("series__session")

    def dehydrate_category(self, accreditation: Accreditation) -> str:
        return str(accreditation.get_category_display())

    def dehydrate_country(self, accreditation: Accreditation) -> str:
        return str(accreditation.country.name)

    def dehydrate_days(self, accreditation: Accreditation) -> str:
        return ", ".join(accreditation.days)


@admin.register(Accreditation)
class AccreditationAdmin(ExportOnlyForCoordinators, ExportMixin, admin.ModelAdmin):
    resource_classes = [AccreditationResource]
    list_display = ["name", "organisation", "category", "country", "status", "requests",
                    "created_at", "pass_link"]  # fmt: skip
    list_filter = ["series", "status", "category"]
    list_select_related = ["series__session"]
    search_fields = ["name", "email", "organisation", "code"]
    readonly_fields = ["series", "status", "code", "requests", "decided_at", "decided_by",
                       "created_at", "language", "pass_link"]  # fmt: skip
    fields = ["series", "name", "email", "category", "organisation", "country", "days",
              "media_acknowledged", "language", "status", "code", "pass_link", "requests",
              "decided_at", "decided_by", "created_at"]  # fmt: skip
    actions = ["approve", "refuse", "revoke"]
    import_export_change_list_template = (
        "admin/presessions/accreditation/change_list_with_invitees.html"
    )

    def has_add_permission(self, request):
        return False

    def get_export_queryset(self, request):
        # The export is the list for the registration desk and UN Geneva: approved only.
        return super().get_export_queryset(request).filter(status=AccreditationStatus.APPROVED)

    def get_urls(self):
        return [
            path(
                "import-invitees/",
                self.admin_site.admin_view(self.import_invitees_view),
                name="presessions_accreditation_import_invitees",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "has_import_invitees_permission": self.has_decide_permission(request),
        }
        return super().changelist_view(request, extra_context)

    def import_invitees_view(self, request):
        """Pre-approve a list of invitees from a CSV file (coordinators)."""
        if not self.has_decide_permission(request):
            raise PermissionDenied
        form = InviteesForm(request.POST or None, request.FILES or None)
        problems: list[str] = []
        if request.method == "POST" and form.is_valid():
            series = form.cleaned_data["series"]
            text = form.cleaned_data["file"].read().decode("utf-8-sig", errors="replace")
            rows, problems = accreditation.parse_invitees(text, series=series)
            if not problems:
                count = accreditation.import_invitees(series=series, rows=rows, by=request.user)
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d invitee approved; the passes are sent.",
                        "%(count)d invitees approved; the passes are sent.",
                        count,
                    )
                    % {"count": count},
                    messages.SUCCESS,
                )
                return redirect("admin:presessions_accreditation_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import invitees"),
            "form": form,
            "problems": problems,
            "opts": self.model._meta,
        }
        return TemplateResponse(
            request, "admin/presessions/accreditation/import_invitees.html", context
        )

    @admin.display(description=_("pass"))
    def pass_link(self, obj: Accreditation) -> str:
        if not obj.is_valid:
            return "-"
        return format_html('<a href="{}">{}</a>', accreditation.pass_url(obj), _("Open the pass"))

    @admin.action(description=_("Approve and send the passes"), permissions=["decide"])
    def approve(self, request, queryset):
        count = accreditation.decide_accreditations(
            accreditations=queryset, approve=True, by=request.user
        )
        self.message_user(
            request,
            ngettext("%(count)d accreditation approved.", "%(count)d accreditations approved.",
                     count) % {"count": count},
            messages.SUCCESS,
        )  # fmt: skip

    @admin.action(description=_("Refuse, with a polite email"), permissions=["decide"])
    def refuse(self, request, queryset):
        count = accreditation.decide_accreditations(
            accreditations=queryset, approve=False, by=request.user
        )
        self.message_user(
            request,
            ngettext("%(count)d request refused.", "%(count)d requests refused.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Revoke the passes"), permissions=["decide"])
    def revoke(self, request, queryset):
        for holder in queryset:
            accreditation.revoke_accreditation(accreditation=holder, by=request.user)
        self.message_user(request, _("Passes revoked."), messages.SUCCESS)

    def has_decide_permission(self, request) -> bool:
        return request.user.has_perm("presessions.decide_accreditation")


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "name", "mission", "language", "status", "confirmed_at"]
    list_filter = ["status", "language"]
    search_fields = ["email", "name", "mission"]
    readonly_fields = ["status", "created_at", "confirmed_at", "unsubscribed_at"]

    def has_add_permission(self, request):
        # People join themselves (double opt-in): nobody is added without their consent.
        return False


class RecipientInline(admin.TabularInline):
    model = MailingRecipient
    extra = 0
    can_delete = False
    fields = ["subscriber", "status"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("subscriber", "email")

    @admin.display(description=_("status"))
    def status(self, recipient: MailingRecipient) -> str:
        if recipient.email is None:
            return _("waiting")
        return recipient.email.get_status_display()


@admin.register(Mailing)
class MailingAdmin(admin.ModelAdmin):
    list_display = ["series", "created_at", "progress"]
    list_select_related = ["series__session"]
    readonly_fields = ["series", "created_at", "progress"]
    inlines = [RecipientInline]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("progress"))
    def progress(self, obj: Mailing) -> str:
        counts = obj.recipients.aggregate(
            total=Count("pk"),
            queued=Count("pk", filter=Q(email__isnull=False)),
            sent=Count("pk", filter=Q(email__status=EmailStatus.SENT)),
            failed=Count("pk", filter=Q(email__status=EmailStatus.FAILED)),
        )
        return _("%(sent)s sent, %(failed)s failed, %(waiting)s waiting, of %(total)s") % {
            "sent": counts["sent"],
            "failed": counts["failed"],
            "waiting": counts["total"] - counts["sent"] - counts["failed"],
            "total": counts["total"],
        }


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    fields = ["name", "email", "organisation", "status", "created_at", "reminded_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "series", "kind", "starts_at", "capacity", "seats_taken", "waiting"]
    list_filter = ["series", "kind"]
    list_select_related = ["series__session"]
    inlines = [RegistrationInline]

    def get_queryset(self, request):
        return queries.events_with_seats(super().get_queryset(request))

    @admin.display(description=_("seats taken"), ordering="taken")
    def seats_taken(self, obj: Event) -> int:
        return obj.taken

    @admin.display(description=_("waiting list"), ordering="waiting_count")
    def waiting(self, obj: Event) -> int:
        return obj.waiting_count
