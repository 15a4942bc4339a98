"""The audit trail in the admin, read in the reader's language and time zone.

django-simple-history shows each change of a record as its raw values: a time in UTC
(str() of the stored datetime) beside the row's date in the venue's time zone, choices
as their codes, booleans as True and False. The trail here stores no words of its own
(nothing writes a change reason): its values are worded when read, as the admin words
the same fields on the change page, in the current time zone (settings.TIME_ZONE)."""

from __future__ import annotations

from typing import Any

from django.contrib.admin.utils import display_for_field
from django.db import models
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper


def shown_value(field: models.Field, value: Any) -> Any:
    """One value of an audited field as the admin shows it, in the active language."""
    if isinstance(field, models.BooleanField) and value is not None:
        return _("Yes") if value else _("No")
    if field.is_relation:
        # An empty link comes as a DeletedObject without a key.
        return "-" if getattr(value, "pk", None) is None else str(value)
    return display_for_field(value, field, "-", avoid_link=True)


class AuditTrailContext(HistoricalRecordContextHelper):
    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        if field.many_to_many:
            return super().prepare_delta_change_value(change, value)
        return shown_value(field, value)


class AuditTrailAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose history page words the changes for its reader."""

    def get_historical_record_context_helper(self, request, historical_record):
        return AuditTrailContext(self.model, historical_record)
