"""The panels side's admin, by concept; and the series admin with the panels side's
actions on a series (suggest every panel, prepare the timetable, match its
recommendations to the review's, send the programme to the missions) and its series
page."""

from django.contrib import admin
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from panels.guide import admin as guide_admin  # noqa: F401 (registers its model)
from panels.matching import admin as matching_admin  # registers its model
from panels.programme.admin import PreparesTimetable
from panels.programme.document_admin import SendsProgramme
from panels.record import admin as record_admin  # noqa: F401 (registers its models)
from panels.selection.admin import SuggestsPanels
from panels.series_page import views as series_page
from panels.statements import admin as statements_admin  # noqa: F401 (registers its models)
from presessions.admin.calendar import SeriesAdmin as BaseSeriesAdmin
from presessions.admin_actions import ReturnsAfterAction
from presessions.models import Series


class SeriesAdmin(
    ReturnsAfterAction,
    SuggestsPanels,
    PreparesTimetable,
    SendsProgramme,
    matching_admin.MatchesRecommendations,
    BaseSeriesAdmin,
):
    actions = [
        "suggest_panels",
        "prepare_timetable",
        "propose_matches",
        "send_programme",
        *BaseSeriesAdmin.actions,
    ]
    list_display = [*BaseSeriesAdmin.list_display, "series_page_link"]

    def get_urls(self):
        return [
            path(
                "<int:series_id>/overview/",
                self.admin_site.admin_view(self.series_page_view),
                name="presessions_series_overview",
            ),
            *super().get_urls(),
        ]

    def series_page_view(self, request, series_id: int):
        return series_page.series_overview(self, request, series_id)

    @admin.display(description=_("series page"))
    def series_page_link(self, series: Series) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:presessions_series_overview", args=[series.pk]),
            _("Where it stands"),
        )


admin.site.unregister(Series)
admin.site.register(Series, SeriesAdmin)
