"""What coordinators export of the applications of a series (CSV and XLSX)."""

from __future__ import annotations

from import_export import fields, resources

from applications.models import APPLICANT_FIELDS, Application
from presessions.exports import EscapesFormulae, ReadableHeaders


def _exported_answers() -> list[str]:
    # What the applicant filled in but the details of their safety concerns (the export
    # has only whether they have any), with the related themes next to the main one.
    answers = [name for name in APPLICANT_FIELDS if name != "safety_details"]
    answers.insert(answers.index("main_theme") + 1, "related_themes")
    return answers


EXPORTED_ANSWERS = _exported_answers()


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
            "reference", "series", "country", "status", *EXPORTED_ANSWERS,
            "rating", "is_ineligible", "ineligible_reason", "language", "submitted_at",
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
