"""Attendance in the admin: accreditations, the missions' mailing list, events."""

from typing import TYPE_CHECKING, TypedDict

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy
from import_export import fields, resources
from import_export.admin import ExportMixin

from presessions import outbox, queries, rules
from presessions.admin_actions import confirm_send
from presessions.attendance import accreditation, events
from presessions.attendance.forms import day_choices
from presessions.enums import AccreditationStatus
from presessions.exports import EscapesFormulae, ExportOnlyForCoordinators
from presessions.forms import choice_field
from presessions.models import (
    Accreditation,
    CheckIn,
    Event,
    Mailing,
    MailingRecipient,
    Registration,
    Series,
    Subscriber,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise, WithAnnotations


class _EventSeats(TypedDict):
    """What queries.events_with_seats counts on each event."""

    taken: int
    waiting_count: int
    is_full: bool


class _MailingProgress(TypedDict):
    """What queries.mailings_with_progress counts on each mailing."""

    recipient_total: int
    sent_count: int
    failed_count: int


class InviteesForm(forms.Form):
    series = forms.ModelChoiceField(label=_("Series"), queryset=Series.objects.all())
    file = forms.FileField(label=_("CSV file"))


class AccreditationAdminForm(forms.ModelForm):
    """The days as the public form offers them, one checkbox per day of the series, saved
    as the same sorted list of dates. A day stored outside the series (its dates moved
    since) stays offered, ticked, so that saving does not drop it unseen."""

    days = forms.MultipleChoiceField(label=_("Days to attend"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "days" in self.fields:
            choices = day_choices(self.instance.series)
            offered = {value for value, _label in choices}
            choices += [(day, day) for day in self.instance.days if day not in offered]
            choice_field(self.fields["days"]).choices = choices

    def clean_days(self) -> list[str]:
        return sorted(self.cleaned_data["days"])


class CheckedInviteesForm(forms.Form):
    """The file as it was checked, carried through the page that shows its passes."""

    series = forms.ModelChoiceField(queryset=Series.objects.all(), widget=forms.HiddenInput)
    text = forms.CharField(widget=forms.HiddenInput, strip=False)


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


class CheckInInline(admin.TabularInline):
    """The holder's entries through the door, as recorded there: read-only."""

    model = CheckIn
    extra = 0
    can_delete = False
    fields = readonly_fields = ("checked_in_at", "checked_in_by")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("checked_in_by")


@admin.register(Accreditation)
# types-django-import-export declares ExportMixin's `model` as an instance and its
# `change_list_template` as a plain str, against django-stubs' ModelAdmin: stubs disagree.
class AccreditationAdmin(ExportOnlyForCoordinators, ExportMixin, admin.ModelAdmin):  # type: ignore[misc]
    form = AccreditationAdminForm
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
    inlines = [CheckInInline]
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
        """Pre-approve a list of invitees from a CSV file (coordinators): the file is
        checked, then the passes it would send are shown, then it is imported."""
        if not self.has_decide_permission(request):
            raise PermissionDenied
        if request.method == "POST" and request.POST.get("post") == "yes":
            return self._import_checked_invitees(request)
        form = InviteesForm(request.POST or None, request.FILES or None)
        problems: list[str] = []
        if request.method == "POST" and form.is_valid():
            series = form.cleaned_data["series"]
            text = form.cleaned_data["file"].read().decode("utf-8-sig", errors="replace")
            rows, problems = accreditation.parse_invitees(text, series=series)
            if not problems:
                return self._confirm_invitees(request, series, text, rows)
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

    def _confirm_invitees(self, request, series, text, rows):
        preview = outbox.dry_run(
            lambda _series: accreditation.import_invitees(series=series, rows=rows,
                                                          by=request.user),
            [series],
        )  # fmt: skip
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import invitees"),
            "opts": self.model._meta,
            "preview": preview,
            "series": series,
            "rows": len(rows),
            "confirm_form": CheckedInviteesForm(initial={"series": series, "text": text}),
        }
        return TemplateResponse(
            request, "admin/presessions/accreditation/confirm_invitees.html", context
        )

    def _import_checked_invitees(self, request):
        form = CheckedInviteesForm(request.POST)
        if not form.is_valid():
            self.message_user(request, _("The checked file was lost: choose it again."),
                              messages.ERROR)  # fmt: skip
            return redirect("admin:presessions_accreditation_import_invitees")
        series = form.cleaned_data["series"]
        rows, problems = accreditation.parse_invitees(form.cleaned_data["text"], series=series)
        if problems:  # the series changed since the file was checked: check it again
            self.message_user(request, " ".join(problems), messages.ERROR)
            return redirect("admin:presessions_accreditation_import_invitees")
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

    @admin.display(description=_("pass"))
    def pass_link(self, obj: Accreditation) -> str:
        if not obj.is_valid:
            return "-"
        return format_html('<a href="{}">{}</a>', accreditation.pass_url(obj), _("Open the pass"))

    def _decide(self, request, queryset, *, approve: bool, title, done):
        # Only pending requests are decided (and emailed): the others are left alone.
        return confirm_send(
            self,
            request,
            queryset.filter(status=AccreditationStatus.PENDING).select_related("series__session"),
            send_each=lambda holder: accreditation.decide_accreditations(
                accreditations=[holder], approve=approve, by=request.user
            ),
            title=title,
            done=done,
        )

    @admin.action(description=_("Approve and send the passes"), permissions=["decide"])
    def approve(self, request, queryset):
        return self._decide(
            request,
            queryset,
            approve=True,
            title=_("Approve and send the passes"),
            done=ngettext_lazy(
                "%(count)d accreditation approved.", "%(count)d accreditations approved.", "count"
            ),
        )

    @admin.action(description=_("Refuse, with a polite email"), permissions=["decide"])
    def refuse(self, request, queryset):
        return self._decide(
            request,
            queryset,
            approve=False,
            title=_("Refuse, with a polite email"),
            done=ngettext_lazy(
                "%(count)d request refused.", "%(count)d requests refused.", "count"
            ),
        )

    @admin.action(description=_("Revoke the passes, with an email"), permissions=["decide"])
    def revoke(self, request, queryset):
        # Only approved passes are revoked (and their holders emailed), after the preview.
        return confirm_send(
            self,
            request,
            queryset.filter(status=AccreditationStatus.APPROVED).select_related("series__session"),
            send_each=lambda holder: accreditation.revoke_accreditation(
                accreditation=holder, by=request.user
            ),
            title=_("Revoke the passes, with an email"),
            done=ngettext_lazy(
                "%(count)d pass revoked; its holder is told by email.",
                "%(count)d passes revoked; their holders are told by email.",
                "count",
            ),
        )

    def has_decide_permission(self, request) -> bool:
        return rules.can_decide_accreditation(request.user)


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
    fields = readonly_fields = ("subscriber", "status")

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("subscriber", "email")

    @admin.display(description=_("status"))
    def status(self, recipient: MailingRecipient) -> "StrOrPromise":
        if recipient.email is None:
            return _("waiting")
        return recipient.email.get_status_display()


@admin.register(Mailing)
class MailingAdmin(admin.ModelAdmin):
    list_display = ["series", "kind", "created_at", "progress"]
    list_filter = ["kind"]
    list_select_related = ["series__session"]
    readonly_fields = ["series", "kind", "created_at", "progress"]
    inlines = [RecipientInline]

    def has_add_permission(self, request):
        return False

    def get_queryset(self, request):
        # The progress of every mailing on the list is counted in the list's own query.
        return queries.mailings_with_progress(super().get_queryset(request))

    @admin.display(description=_("progress"))
    def progress(self, obj: "WithAnnotations[Mailing, _MailingProgress]") -> str:
        sent, failed, total = obj.sent_count, obj.failed_count, obj.recipient_total
        return _("%(sent)s sent, %(failed)s failed, %(waiting)s waiting, of %(total)s") % {
            "sent": sent,
            "failed": failed,
            "waiting": total - sent - failed,
            "total": total,
        }


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    fields = readonly_fields = (
        "name", "email", "organisation", "status", "created_at", "reminded_at",
    )  # fmt: skip
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        # Each row is titled with the registration, named after its event.
        return super().get_queryset(request).select_related("event")


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "series", "kind", "starts_at", "capacity", "seats_taken", "waiting"]
    list_filter = ["series", "kind"]
    list_select_related = ["series__session"]
    inlines = [RegistrationInline]
    # The online link is typed as an address; without a scheme it is read as https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        return queries.events_with_seats(super().get_queryset(request))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "series":
            # Each series is named after its session: read with it, not once per choice.
            kwargs["queryset"] = Series.objects.select_related("session")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "capacity" in form.changed_data:
            # Seats freed by a larger capacity go to the waiting list, who are told.
            events.change_capacity(event=obj, capacity=obj.capacity)

    @admin.display(description=_("seats taken"), ordering="taken")
    def seats_taken(self, obj: "WithAnnotations[Event, _EventSeats]") -> int:
        return obj.taken

    @admin.display(description=_("waiting list"), ordering="waiting_count")
    def waiting(self, obj: "WithAnnotations[Event, _EventSeats]") -> int:
        return obj.waiting_count
