"""What every public form shares (crispy-forms, Bootstrap 5, no JavaScript needed): fields
that clean what people type, the error summary, the honeypot."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from crispy_forms.layout import Div
from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.translation import gettext_lazy as _

from presessions.text import clean_line, clean_text

if TYPE_CHECKING:
    # The mixins of this module and others are mixed into forms: mypy reads them as forms.
    FormMixinBase = forms.BaseForm
else:
    FormMixinBase = object


def column_length(model: type[models.Model], name: str) -> int:
    """The length of the column a form field is saved into: the form refuses longer
    values with a message instead of the database refusing them."""
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field) or field.max_length is None:
        raise ImproperlyConfigured(f"{model.__name__}.{name} has no maximum length.")
    return field.max_length


def choice_field(field: forms.Field) -> forms.ChoiceField:
    """A field of form.fields (plain Fields to mypy) that is known to offer choices."""
    assert isinstance(field, forms.ChoiceField), field
    return field


def choices_of(field: forms.Field) -> Iterable[tuple[Any, Any]]:
    """The (value, label) pairs of a choice field, as Django normalises them when they are
    set (the stubs also allow the forms they may be given in)."""
    return cast("Iterable[tuple[Any, Any]]", choice_field(field).choices)


class LineField(forms.CharField):
    """A name or another one-line value, without control characters or bidirectional
    controls (see presessions/text.py), removed before the value is checked."""

    def to_python(self, value: Any) -> str | None:
        if isinstance(value, str):
            value = clean_line(value)
        return super().to_python(value)


class MultilineField(forms.CharField):
    """A text of several lines: the same, but tabs and line breaks stay."""

    widget = forms.Textarea

    def to_python(self, value: Any) -> str | None:
        if isinstance(value, str):
            value = clean_text(value)
        return super().to_python(value)


class ErrorSummaryMixin(FormMixinBase):
    """The summary above a form that links each error message to its field."""

    def error_summary(self) -> list[tuple[str, str, str]]:
        """(anchor, label, message) for each error."""
        rows = []
        for name, errors in self.errors.items():
            if name not in self.fields:
                rows += [("", "", str(message)) for message in errors]
                continue
            field = self[name]
            multiple = isinstance(
                field.field.widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)
            )
            anchor = f"{field.auto_id}_0" if multiple else field.auto_id
            rows += [(anchor, str(field.label), str(message)) for message in errors]
        return rows


HONEYPOT = "fax_number"


class HoneypotMixin(FormMixinBase):
    """A field people never see (hidden by the style sheet, out of the tab order and
    from screen readers) that robots filling in every field do fill: the form is then
    refused with a message, and what was typed is shown again."""

    def add_honeypot(self) -> None:
        self.fields[HONEYPOT] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            max_length=200,
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )

    def clean_fax_number(self) -> str:
        if self.cleaned_data.get(HONEYPOT):
            raise forms.ValidationError(
                _(
                    "The form could not be accepted: the hidden field at its end, meant to "
                    "catch automated spam, was filled in. Please empty it and send again."
                ),
                code="honeypot",
            )
        return ""

    @staticmethod
    def honeypot_layout() -> Div:
        return Div(HONEYPOT, css_class="honeypot", aria_hidden="true")
