"""What coordinators export (CSV and XLSX) for a series: applications and panels."""

from __future__ import annotations

from django.utils.text import capfirst
from import_export import fields, resources
from import_export.formats import base_formats

from applications.models import Application
from presessions.text import escape_formula

from .models import Placement

EXPORT_FORMATS = [base_formats.CSV, base_formats.XLSX]


class EscapesFormulae:
    """Resource mixin, for every export: a cell that a spreadsheet would run as a formula
    (an organisation named `=HYPERLINK(...)`, or "+1", "-2+3", "@SUM(A1)") is prefixed
    with an apostrophe, in CSV and XLSX alike; numbers, dates and empty cells keep their
    type. (import-export's IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT only drops a leading
    "=" and turns every cell into text: see the settings.)"""

    def export_resource(self, instance, selected_fields=None, **kwargs) -> list:
        row = super().export_resource(instance, selected_fields, **kwargs)
        return [escape_formula(value) for value in row]


class ExportOnlyForCoordinators:
    """Admin mixin: only people with the export right see the export button."""

    export_formats = EXPORT_FORMATS

    def has_export_permission(self, request) -> bool:
        return request.user.has_perm("panels.export_data")


class ReadableHeaders:
    """Column headings a registration desk can read: the fields' verbose names."""

    def get_export_headers(self, selected_fields=None) -> list[str]:
        model_fields = {f.name: f for f in self._meta.model._meta.get_fields()}
        headers = []
        for field in self.get_export_fields(selected_fields):
            model_field = model_fields.get(field.attribute or "")
            named = field.column_name != field.attribute
            label = field.column_name if named or model_field is None else model_field.verbose_name
            headers.append(capfirst(str(label)))
        return headers


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


class PlacementResource(EscapesFormulae, ReadableHeaders, resources.ModelResource):
    series = fields.Field(
        attribute="panel__presession__series__session__number", column_name="series"
    )
    country = fields.Field(column_name="State under Review")
    reference = fields.Field(attribute="application__reference", column_name="reference")
    organisation = fields.Field(
        attribute="application__organisation_name", column_name="organisation"
    )
    speaker = fields.Field(attribute="application__speaker_name", column_name="speaker")
    speaker_email = fields.Field(
        attribute="application__speaker_email", column_name="speaker's email"
    )
    speaker_gender = fields.Field(
        attribute="application__speaker_gender", column_name="speaker's gender"
    )
    panel_status = fields.Field(attribute="panel__status", column_name="panel status")

    class Meta:
        model = Placement
        fields = [
            "series", "country", "reference", "organisation", "speaker", "speaker_email",
            "speaker_gender", "outcome", "waitlist_rank", "score", "response", "panel_status",
            "notified_at",
        ]  # fmt: skip
        export_order = fields

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("panel__presession__series__session", "application")
        )

    def dehydrate_country(self, placement: Placement) -> str:
        return str(placement.panel.presession.country.name)
