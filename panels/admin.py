"""The panels side's admin, by concept; and the series admin with the panels side's
actions on a series (suggest every panel, prepare the timetable)."""

from django.contrib import admin

from panels.programme.admin import PreparesTimetable
from panels.selection.admin import SuggestsPanels
from panels.statements import admin as statements_admin  # noqa: F401 (registers its models)
from presessions.admin.calendar import SeriesAdmin as BaseSeriesAdmin
from presessions.models import Series


class SeriesAdmin(SuggestsPanels, PreparesTimetable, BaseSeriesAdmin):
    actions = ["suggest_panels", "prepare_timetable", *BaseSeriesAdmin.actions]


admin.site.unregister(Series)
admin.site.register(Series, SeriesAdmin)
