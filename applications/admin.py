from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin

from applications import queries, services
from applications.enums import Language
from applications.exports import ApplicationResource
from applications.models import (
    APPLICANT_FIELDS,
    NEEDS_FIELDS,
    ORGANISATION_FIELDS,
    SPEAKER_FIELDS,
    Application,
    FundingRequest,
)
from applications.review_admin import (
    OpensTheNextApplication,
    ReviewsInBulk,
    criteria_at_a_glance,
    language_names,
    next_application_link,
)
from applications.rules import can_review_applications
from applications.validators import describe_active_content
from presessions.admin_history import AuditTrailAdmin
from presessions.exports import ExportOnlyForCoordinators
from presessions.models import PreSession

if TYPE_CHECKING:
    from django_stubs_ext import FieldsetSpec


class CountryFilter(admin.SimpleListFilter):
    title = _("State under Review")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        from presessions.models import PreSession

        codes = PreSession.objects.values_list("country", flat=True).distinct()
        countries = {PreSession(country=code).country for code in codes}
        return sorted(((c.code, c.name) for c in countries), key=lambda item: str(item[1]))

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(presession__country=self.value())
        return queryset


def report_download_link(application: Application) -> str:
    """The UPR report through the staff download view, which checks rights: private
    files have no public URL, so the file field itself is never rendered."""
    if not application.upr_report:
        return "-"
    return format_html(
        '<a href="{}">{}</a>',
        reverse("application-report", args=[application.pk]),
        application.upr_report_name or _("Download"),
    )


# What a reviewer may change: the review, nothing the applicant wrote, no decision.
REVIEW_FIELDS = ("rating", "review_notes")


class ApplicationAdminForm(forms.ModelForm):
    """The rules between the applicant's answers hold here as on the public form: staff
    cannot save a change that the form would refuse (services.validate_answers). The
    message is on its field, or above the form for one that is not on the page (the
    report file, or a field that is read-only here). The speaker's languages are the
    public form's checkboxes, saved as the same list of codes."""

    speaker_languages = forms.MultipleChoiceField(
        label=_("Languages the speaker uses"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        answers = {
            name: data.get(name) if name in self.fields else getattr(self.instance, name)
            for name in APPLICANT_FIELDS
            if name != "main_theme"
        }
        try:
            services.validate_answers(
                answers, has_report=bool(self.instance.upr_report), changed=self.changed_data
            )
        except ValidationError as refused:
            for name, errors in refused.error_dict.items():
                self.add_error(name if name in self.fields else None, errors)
        if data.get("related_themes") is not None:
            main_theme = (
                data.get("main_theme") if "main_theme" in self.fields else self.instance.main_theme
            )
            data["related_themes"] = services.themes_besides_main(
                main_theme, data["related_themes"]
            )
        return data


@admin.register(Application)
class ApplicationAdmin(
    OpensTheNextApplication,
    ReviewsInBulk,
    ExportOnlyForCoordinators,
    ExportMixin,
    AuditTrailAdmin,
):
    form = ApplicationAdminForm
    resource_classes = [ApplicationResource]
    # The rating first, then the criteria at a glance (PRODUCT.md, "Selection criteria")
    # under short headings, so that a row reads without scrolling.
    list_display = [
        "reference",
        "organisation_name",
        "rating",
        "country",
        "scope",
        "coalition",
        "report_submitted",
        "main_theme_label",
        "speaker_gender",
        "language_codes",
        "interpretation",
        "reprisals",
        "ineligible",
        "status",
        "report_warning",
    ]
    actions = ["rate", "mark_ineligible"]
    list_editable = ["rating"]
    list_select_related = ["presession__series__session", "main_theme"]
    list_display_links = ["reference", "organisation_name"]
    list_filter = [
        "presession__series",
        CountryFilter,
        "status",
        "scope",
        "organisation_type",
        "speaker_gender",
        "main_theme",
        "is_national_coalition",
        "submitted_upr_report",
        "needs_interpretation",
        "needs_funding",
        "has_safety_concerns",
        "is_ineligible",
        "rating",
    ]
    search_fields = [
        "reference",
        "organisation_name",
        "contact_email",
        "speaker_name",
        "speaker_email",
    ]
    date_hierarchy = "submitted_at"
    list_per_page = 50
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    filter_horizontal = ["related_themes"]
    readonly_fields = [
        "reference",
        "presession",
        "status",
        "language",
        "report_link",
        "report_warning",
        "criteria",
        "next_application",
        "consent_given_at",
        "submitted_at",
        "updated_at",
        "withdrawn_at",
    ]
    # The review first, beside the criteria at a glance and the way to the next one.
    fieldsets: "ClassVar[FieldsetSpec]" = [
        (
            _("Review"),
            {
                "fields": [
                    "criteria",
                    "rating",
                    "review_notes",
                    "next_application",
                    "is_ineligible",
                    "ineligible_reason",
                ]
            },
        ),
        (None, {"fields": ["reference", "presession", "status", "language"]}),
        (_("Organisation"), {"fields": ORGANISATION_FIELDS}),
        (
            _("UPR report"),
            {"fields": ["submitted_upr_report", "report_link", "report_warning"]},
        ),
        (_("Presentation"), {"fields": ["main_theme", "related_themes", "summary"]}),
        (_("Speaker"), {"fields": SPEAKER_FIELDS}),
        (_("Needs and safety"), {"fields": NEEDS_FIELDS}),
        (
            _("Dates"),
            {"fields": ["consent_given_at", "submitted_at", "updated_at", "withdrawn_at"]},
        ),
    ]

    def has_change_permission(self, request, obj=None):
        # Reviewers reach the change form to rate and write notes; see get_readonly_fields.
        return super().has_change_permission(request, obj) or can_review_applications(request.user)

    def has_delete_permission(self, request, obj=None):
        # An application is withdrawn by its applicant or marked ineligible, not deleted.
        return request.user.is_superuser

    def get_readonly_fields(self, request, obj=None):
        if super().has_change_permission(request, obj):
            return self.readonly_fields
        fieldsets = self.get_fieldsets(request, obj)
        every_field = [f for _title, options in fieldsets for f in options["fields"]]
        # speaker_languages is shown by name (get_fieldsets); read-only all the same, so
        # that the form leaves out its checkboxes.
        return [f for f in every_field if f not in REVIEW_FIELDS] + ["speaker_languages"]

    def get_fieldsets(self, request, obj=None):
        if super().has_change_permission(request, obj):
            return super().get_fieldsets(request, obj)
        # Read-only, the languages by name rather than as the stored list of codes.
        return [
            (title, {**options, "fields": [
                "speaker_language_names" if f == "speaker_languages" else f
                for f in options["fields"]
            ]})
            for title, options in self.fieldsets
        ]  # fmt: skip

    @admin.display(description=_("the criteria at a glance"))
    def criteria(self, obj: Application) -> str:
        return criteria_at_a_glance(obj)

    @admin.display(description=_("next application of this country"))
    def next_application(self, obj: Application) -> str:
        return next_application_link(obj)

    @admin.display(description=_("languages the speaker uses"))
    def speaker_language_names(self, obj: Application) -> str:
        return language_names(obj)

    @admin.display(description=_("coalition"), boolean=True, ordering="is_national_coalition")
    def coalition(self, obj: Application) -> bool:
        return obj.is_national_coalition

    @admin.display(description=_("UPR report"), boolean=True, ordering="submitted_upr_report")
    def report_submitted(self, obj: Application) -> bool:
        return obj.submitted_upr_report

    @admin.display(description=_("main theme"), ordering="main_theme__name")
    def main_theme_label(self, obj: Application) -> str:
        return obj.main_theme.label

    @admin.display(description=_("languages"))
    def language_codes(self, obj: Application) -> str:
        return " ".join(code.upper() for code in obj.speaker_languages)

    @admin.display(description=_("interpretation"), boolean=True, ordering="needs_interpretation")
    def interpretation(self, obj: Application) -> bool:
        return obj.needs_interpretation

    @admin.display(description=_("reprisals"), boolean=True, ordering="has_safety_concerns")
    def reprisals(self, obj: Application) -> bool:
        return obj.has_safety_concerns

    @admin.display(description=_("ineligible"), boolean=True, ordering="is_ineligible")
    def ineligible(self, obj: Application) -> bool:
        return obj.is_ineligible

    def has_add_permission(self, request):
        # Applications come from the public form, where the applicant gives consent.
        return False

    @admin.display(description=_("State under Review"), ordering="presession__country")
    def country(self, obj: Application) -> str:
        return obj.presession.country.name

    @admin.display(description=_("Report file"))
    def report_link(self, obj: Application) -> str:
        return report_download_link(obj)

    @admin.display(description=_("Report warning"))
    def report_warning(self, obj: Application) -> str:
        """The active content found in a PDF report when it was stored, so that staff
        open it with care (accepted, unlike in statements, which may be published)."""
        if not (obj.upr_report and obj.upr_report_active_content):
            return ""
        return format_html(
            '<strong class="errornote">{}</strong>',
            _("Contains %(found)s. Open it with care, in a viewer that does not run them.")
            % {"found": describe_active_content(obj.upr_report_active_content)},
        )


@admin.register(FundingRequest)
class FundingRequestAdmin(admin.ModelAdmin):
    """Coordinators see the funding requests of a series, record what is granted, and
    see the totals against the series' budget."""

    form = ApplicationAdminForm
    list_display = ["reference", "organisation_name", "country", "funding_amount",
                    "funding_reason", "funding_granted"]  # fmt: skip
    list_editable = ["funding_granted"]
    list_filter = ["presession__series", CountryFilter]
    list_select_related = ["presession__series__session"]
    search_fields = ["reference", "organisation_name"]
    change_list_template = "admin/applications/fundingrequest/change_list.html"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    exclude = ["upr_report"]
    readonly_fields = ["report_link"]

    @admin.display(description=_("Report file"))
    def report_link(self, obj: Application) -> str:
        return report_download_link(obj)

    def get_queryset(self, request):
        return queries.funding_requests(among=super().get_queryset(request))

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "presession":
            # Each Pre-session is named after its series and session: read with it, not
            # once per choice.
            kwargs["queryset"] = PreSession.objects.select_related("series__session")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("State under Review"), ordering="presession__country")
    def country(self, obj: Application) -> str:
        return obj.presession.country.name

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        context = getattr(response, "context_data", None)
        if context and "cl" in context:
            context["funding_totals"] = queries.funding_totals(context["cl"].queryset)
        return response


# The call alerts' admin lives with them.
from applications.call_alerts import admin as call_alerts_admin  # noqa: E402, F401
