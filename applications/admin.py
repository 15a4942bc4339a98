from decimal import Decimal

from django.contrib import admin
from django.db import models
from django.db.models import Sum
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin
from simple_history.admin import SimpleHistoryAdmin

from applications.enums import ApplicationStatus
from applications.exports import ApplicationResource
from applications.models import Application, FundingRequest
from applications.validators import describe_active_content
from presessions.exports import ExportOnlyForCoordinators
from presessions.models import Series


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


@admin.register(Application)
class ApplicationAdmin(ExportOnlyForCoordinators, ExportMixin, SimpleHistoryAdmin):
    resource_classes = [ApplicationResource]
    # The criteria at a glance (PRODUCT.md, "Selection criteria"), then the review.
    list_display = [
        "reference",
        "organisation_name",
        "country",
        "scope",
        "is_national_coalition",
        "submitted_upr_report",
        "themes",
        "speaker_gender",
        "languages",
        "needs_interpretation",
        "needs_funding",
        "has_safety_concerns",
        "rating",
        "is_ineligible",
        "status",
        "report_warning",
    ]
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
        "consent_given_at",
        "submitted_at",
        "updated_at",
        "withdrawn_at",
    ]
    fieldsets = [
        (None, {"fields": ["reference", "presession", "status", "language"]}),
        (
            _("Organisation"),
            {
                "fields": [
                    "organisation_name",
                    "organisation_country",
                    "organisation_website",
                    "organisation_type",
                    "scope",
                    "is_national_coalition",
                    "contact_email",
                ]
            },
        ),
        (
            _("UPR report"),
            {"fields": ["submitted_upr_report", "report_link", "report_warning"]},
        ),
        (_("Presentation"), {"fields": ["main_theme", "related_themes", "summary"]}),
        (
            _("Speaker"),
            {
                "fields": [
                    "speaker_name",
                    "speaker_email",
                    "speaker_gender",
                    "speaker_languages",
                    "speaker_other_languages",
                ]
            },
        ),
        (
            _("Needs and safety"),
            {
                "fields": [
                    "needs_interpretation",
                    "interpretation_details",
                    "needs_funding",
                    "funding_amount",
                    "funding_reason",
                    "has_safety_concerns",
                    "safety_details",
                ]
            },
        ),
        (
            _("Review"),
            {"fields": ["rating", "review_notes", "is_ineligible", "ineligible_reason"]},
        ),
        (
            _("Dates"),
            {"fields": ["consent_given_at", "submitted_at", "updated_at", "withdrawn_at"]},
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("related_themes")

    def has_change_permission(self, request, obj=None):
        # Reviewers reach the change form to rate and write notes; see get_readonly_fields.
        return super().has_change_permission(request, obj) or request.user.has_perm(
            "applications.review_application"
        )

    def has_delete_permission(self, request, obj=None):
        # An application is withdrawn by its applicant or marked ineligible, not deleted.
        return request.user.is_superuser

    def get_readonly_fields(self, request, obj=None):
        if super().has_change_permission(request, obj):
            return self.readonly_fields
        every_field = [f for _title, options in self.fieldsets for f in options["fields"]]
        return [f for f in every_field if f not in REVIEW_FIELDS]

    @admin.display(description=_("themes"))
    def themes(self, obj: Application) -> str:
        related = [theme.label for theme in obj.related_themes.all() if theme != obj.main_theme]
        main = _("%(theme)s (main)") % {"theme": obj.main_theme.label}
        return ", ".join([main, *related])

    @admin.display(description=_("languages"))
    def languages(self, obj: Application) -> str:
        return ", ".join(obj.speaker_languages)

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
        return (
            super()
            .get_queryset(request)
            .filter(needs_funding=True, status=ApplicationStatus.SUBMITTED)
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("State under Review"), ordering="presession__country")
    def country(self, obj: Application) -> str:
        return obj.presession.country.name

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        context = getattr(response, "context_data", None)
        if context and "cl" in context:
            queryset = context["cl"].queryset
            totals = queryset.aggregate(
                requested=Sum("funding_amount"), granted=Sum("funding_granted")
            )
            series_ids = set(queryset.values_list("presession__series", flat=True))
            budget = None
            if len(series_ids) == 1:
                budget = Series.objects.get(pk=series_ids.pop()).support_budget
            granted = totals["granted"] or Decimal(0)
            context["funding_totals"] = {
                "requested": totals["requested"] or Decimal(0),
                "granted": granted,
                "budget": budget,
                "left": None if budget is None else budget - granted,
            }
        return response
