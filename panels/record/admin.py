"""The staff side of the UPR record: upload a file, read what it would do (the dry run,
line by line), import it, follow its progress; read the imported recommendations."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from django_countries import countries

from panels import rules
from panels.enums import ImportStatus
from panels.models import RecordImport, UPRRecommendation
from panels.record import importing, services
from presessions.admin_actions import ActionsOnChangePage, run_each

_ACTIONS = {
    "refused": _("refused"),
    "create": _("to create"),
    "update": _("to update"),
}


class RecordUploadForm(forms.ModelForm):
    file = forms.FileField(
        label=_("file"),
        help_text=_(
            "An OHCHR matrix of recommendations (.xlsx) or a UPR Info export (.csv), at "
            "most %(limit)s. Larger files: the import_upr_record command."
        )
        % {"limit": filesizeformat(settings.MAX_UPLOAD_SIZE)},
    )

    class Meta:
        model = RecordImport
        fields = ["file", "state_under_review", "session"]
        help_texts = {
            "state_under_review": _("For a file that does not say (a matrix is one State's)."),
            "session": _("For a file that does not say."),
        }

    def __init__(self, *args, oversized: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.oversized = oversized
        if oversized:
            # Dropped as it arrived: say why, rather than that it is missing.
            self.fields["file"].required = False

    def clean_file(self):
        if self.oversized:
            raise ValidationError(
                _gettext("The file is larger than %(limit)s. Please upload a smaller file.")
                % {"limit": filesizeformat(settings.MAX_UPLOAD_SIZE)}
            )
        return self.cleaned_data["file"]

    def clean(self):
        data = super().clean() or {}
        upload = data.get("file")
        if upload is not None and not self.errors:
            try:
                services.check_upload(upload)
            except ValidationError as error:
                self.add_error("file", error)
        return data


@admin.register(RecordImport)
class RecordImportAdmin(ActionsOnChangePage, admin.ModelAdmin):
    list_display = ["original_name", "format", "status", "progress", "to_create", "to_update",
                    "unchanged", "refused", "uploaded_by", "uploaded_at"]  # fmt: skip
    list_filter = ["status", "format"]
    list_select_related = ["uploaded_by"]
    search_fields = ["original_name"]
    readonly_fields = ["original_name", "format", "state_under_review", "session", "status",
                       "progress", "to_create", "to_update", "unchanged", "refused", "problem",
                       "line_report", "uploaded_by", "uploaded_at", "imported_at"]  # fmt: skip
    actions = ["run_import"]
    change_page_actions = ("run_import",)

    def offers_action(self, request, obj, name: str) -> bool:
        return obj.status == ImportStatus.CHECKED

    def has_import_permission(self, request) -> bool:
        return rules.can_import_record(request.user)

    def has_add_permission(self, request):
        return rules.can_import_record(request.user)

    def has_change_permission(self, request, obj=None):
        return False

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["file", "state_under_review", "session"]
        return self.readonly_fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None:
            return super().get_form(request, obj, change, **kwargs)
        oversized = "file" in getattr(request, "oversized_uploads", set())

        class Upload(RecordUploadForm):
            def __init__(self, *args, **kw):
                super().__init__(*args, oversized=oversized, **kw)

        return Upload

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        created = services.upload_record_file(
            file=data["file"],
            state_under_review=data.get("state_under_review") or "",
            session=data.get("session"),
            by=request.user,
        )
        # The admin's own messages and redirect need the row it believes it saved.
        obj.pk, obj.original_name = created.pk, created.original_name

    def response_add(self, request, obj, post_url_continue=None):
        self.message_user(
            request,
            _("The file is being checked: reload its page to see what importing it would do."),
            messages.SUCCESS,
        )
        return super().response_add(request, obj, post_url_continue)

    def save_related(self, request, form, formsets, change):
        return None

    @admin.display(description=_("progress"))
    def progress(self, obj: RecordImport) -> str:
        total = obj.to_create + obj.to_update
        if obj.status == ImportStatus.IMPORTING and total:
            return format_html(
                '<progress max="{}" value="{}">{}</progress> {} / {}',
                total,
                obj.rows_done,
                obj.rows_done,
                obj.rows_done,
                total,
            )
        return str(ImportStatus(obj.status).label)

    @admin.display(description=_("line by line"))
    def line_report(self, obj: RecordImport) -> str:
        rows = []
        for entry in obj.report:
            params = entry.get("params", {})
            if entry["action"] == "refused":
                reason = importing.Refusal(entry["line"], entry["code"], params).message
            else:
                reason = _gettext("%(by)s to %(sur)s, session %(session)s") % {
                    "by": countries.name(params["by"]),
                    "sur": countries.name(params["sur"]),
                    "session": params["session"],
                }
            rows.append((entry["line"], _ACTIONS[entry["action"]], reason))
        return render_to_string(
            "admin/panels/recordimport/line_report.html",
            {"rows": rows, "shown": len(rows), "total": obj.rows_total},
        )

    @admin.action(description=_("Import the checked file"), permissions=["import"])
    def run_import(self, request, queryset):
        run_each(
            self,
            request,
            queryset,
            lambda row: services.request_record_import(record_import=row),
            ngettext_lazy(
                "%(count)d file is being imported: reload its page to follow its progress.",
                "%(count)d files are being imported: reload their pages to follow their progress.",
                "count",
            ),
        )


@admin.register(UPRRecommendation)
class UPRRecommendationAdmin(admin.ModelAdmin):
    list_display = ["short_text", "recommending_state", "state_under_review", "session",
                    "cycle", "response", "action_category"]  # fmt: skip
    list_filter = ["cycle", "response", "action_category", "session", "state_under_review"]
    search_fields = ["text"]
    readonly_fields = ("text", "recommending_state", "state_under_review", "session", "cycle",
                       "response", "action_category", "theme_names", "imported_at")  # fmt: skip
    fields = readonly_fields
    show_full_result_count = False

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("themes")

    def has_add_permission(self, request):
        # They come from the published files, through the imports.
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("recommendation"))
    def short_text(self, obj: UPRRecommendation) -> str:
        return obj.text if len(obj.text) <= 120 else obj.text[:119] + "…"

    @admin.display(description=_("themes"))
    def theme_names(self, obj: UPRRecommendation) -> str:
        return ", ".join(theme.name for theme in obj.themes.all())
