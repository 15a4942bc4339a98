"""What coordinators export of the panels of a series: every applicant's place."""

from __future__ import annotations

from import_export import fields, resources

from panels.models import Placement
from presessions.exports import EscapesFormulae, ReadableHeaders


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
