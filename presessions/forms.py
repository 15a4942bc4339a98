"""Public forms of the series side (crispy-forms, Bootstrap 5, no JavaScript needed)."""

from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout, Submit
from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from .accreditation import series_days
from .enums import AccreditationCategory
from .models import Accreditation, Registration, Series, Subscriber
from .text import clean_line, clean_text


def column_length(model: type, name: str) -> int:
    """The length of the column a form field is saved into: the form refuses longer
    values with a message instead of the database refusing them."""
    return model._meta.get_field(name).max_length


class LineField(forms.CharField):
    """A name or another one-line value, without control characters or bidirectional
    controls (see presessions/text.py), removed before the value is checked."""

    def to_python(self, value: Any) -> str:
        if isinstance(value, str):
            value = clean_line(value)
        return super().to_python(value)


class MultilineField(forms.CharField):
    """A text of several lines: the same, but tabs and line breaks stay."""

    widget = forms.Textarea

    def to_python(self, value: Any) -> str:
        if isinstance(value, str):
            value = clean_text(value)
        return super().to_python(value)


class ErrorSummaryMixin:
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


class HoneypotMixin:
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


class AccreditationForm(HoneypotMixin, ErrorSummaryMixin, forms.Form):
    name = LineField(label=_("Full name"), max_length=column_length(Accreditation, "name"))
    email = forms.EmailField(
        label=_("Email"),
        max_length=column_length(Accreditation, "email"),
        help_text=_("We send the decision and the pass to this address."),
    )
    category = forms.ChoiceField(
        label=_("You come as"), choices=AccreditationCategory.choices, widget=forms.RadioSelect
    )
    organisation = LineField(
        label=_("Organisation or mission"), max_length=column_length(Accreditation, "organisation")
    )
    country = LazyTypedChoiceField(label=_("Country"), choices=[])
    days = forms.MultipleChoiceField(
        label=_("Days you will attend"), widget=forms.CheckboxSelectMultiple
    )
    media_acknowledged = forms.BooleanField(
        label=_("I understand that recording and photography are not permitted."),
        required=False,
        help_text=_("Required for the media."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the organiser stores my data to process this request and to "
            "register me with UN Geneva."
        ),
        error_messages={"required": _("Please give your consent so that we can process it.")},
    )

    def __init__(self, *args: Any, series: Series, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.series = series
        self.fields["country"].choices = [("", _("Choose a country")), *countries]
        self.fields["days"].choices = [
            (day.isoformat(), formats.date_format(day, "l j F Y")) for day in series_days(series)
        ]
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.add_honeypot()
        self.helper.layout = Layout(*[n for n in self.fields if n != HONEYPOT])
        self.helper.layout.append(self.honeypot_layout())
        self.helper.add_input(Submit("submit", _("Request accreditation")))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("category") == AccreditationCategory.MEDIA and not data.get(
            "media_acknowledged"
        ):
            self.add_error(
                "media_acknowledged",
                _("The media must acknowledge that recording and photography are not permitted."),
            )
        return data


class SubscribeForm(HoneypotMixin, ErrorSummaryMixin, forms.Form):
    email = forms.EmailField(label=_("Email"), max_length=column_length(Subscriber, "email"))
    name = LineField(label=_("Name"), max_length=column_length(Subscriber, "name"), required=False)
    mission = LineField(
        label=_("Permanent Mission"),
        max_length=column_length(Subscriber, "mission"),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.add_honeypot()
        self.helper.layout = Layout("email", "name", "mission", self.honeypot_layout())
        self.helper.add_input(Submit("submit", _("Subscribe")))


class RegistrationForm(HoneypotMixin, ErrorSummaryMixin, forms.Form):
    name = LineField(label=_("Full name"), max_length=column_length(Registration, "name"))
    email = forms.EmailField(label=_("Email"), max_length=column_length(Registration, "email"))
    organisation = LineField(
        label=_("Organisation"),
        max_length=column_length(Registration, "organisation"),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.add_honeypot()
        self.helper.layout = Layout("name", "email", "organisation", self.honeypot_layout())
        self.helper.add_input(Submit("submit", _("Register")))
