"""Helpers of every export coordinators download (CSV and XLSX): formulae escaped,
readable headings, the export button only for those with the right."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.db.models import Field, Model
from django.utils.text import capfirst
from import_export.formats import base_formats

from presessions.rules import can_export_data
from presessions.text import escape_formula

EXPORT_FORMATS: list[type[base_formats.Format]] = [base_formats.CSV, base_formats.XLSX]

if TYPE_CHECKING:
    from import_export.resources import ModelResource

    # The resource mixins below are mixed into ModelResources: mypy reads them as such.
    ResourceMixinBase = ModelResource[Any]
else:
    ResourceMixinBase = object


class EscapesFormulae(ResourceMixinBase):
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
        return can_export_data(request.user)


class ReadableHeaders(ResourceMixinBase):
    """Column headings a registration desk can read: the fields' verbose names."""

    def get_export_headers(self, selected_fields=None) -> list[str]:
        # A model named as text is resolved to its class when the resource class is made.
        model = cast("type[Model]", self._meta.model)
        model_fields = {f.name: f for f in model._meta.get_fields() if isinstance(f, Field)}
        headers = []
        for field in self.get_export_fields(selected_fields):
            model_field = model_fields.get(field.attribute or "")
            named = field.column_name != field.attribute
            label = field.column_name if named or model_field is None else model_field.verbose_name
            headers.append(capfirst(str(label)))
        return headers
