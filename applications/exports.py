"""What coordinators export of the applications of a series (CSV and XLSX)."""

from __future__ import annotations

from import_export import fields, resources

from applications.models import Application
from presessions.exports import EscapesFormulae, ReadableHeaders


class ApplicationResource(EscapesFormulae, ReadableHeaders, resources.ModelResource):
    series = fields.Field(attribute="presession__series__session__number", column_name="series")
    organisation_country = fields.Field(
        attribute="organisation_country", column_name="country of the organisation"
    )
    country = fields.Field(column_name="State under Review")
    main_theme = fields.Field(attribute="main_theme__name", column_name="main theme")
    related_themes = fields.Field(column_name="related themes")
    speaker_languages = fields.Field(column_name="speaker languages")

    class Meta:
        model = Application
        fields = [
            "reference", "series", "country", "status", "organisation_name",
            "organisation_country", "organisation_website", "organisation_type", "scope",
            "is_national_coalition", "contact_email", "submitted_upr_report", "main_theme",
            "related_themes", "summary", "speaker_name", "speaker_email", "speaker_gender",
            "speaker_languages", "speaker_other_languages", "needs_interpretation",
            "interpretation_details", "needs_funding", "funding_amount", "funding_reason",
            "has_safety_concerns", "rating", "is_ineligible", "ineligible_reason",
            "language", "submitted_at",
        ]  # fmt: skip
        export_order = fields

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("presession__series__session", "main_theme")
            .prefetch_related("related_themes")
        )

    def dehydrate_country(self, application: Application) -> str:
        return str(application.presession.country.name)

    def dehydrate_organisation_country(self, application: Application) -> str:
        return str(application.organisation_country.name)

    def dehydrate_related_themes(self, application: Application) -> str:
        return "; ".join(theme.name for theme in application.related_themes.all())

    def dehydrate_speaker_languages(self, application: Application) -> str:
        return ", ".join(application.speaker_languages)
