"""Public forms of attendance: an accreditation request, the mailing list, a registration."""

from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_countries import countries

# fields.pyi of django-countries leaves out this form field that fields.py defines.
from django_countries.fields import LazyTypedChoiceField  # type: ignore[attr-defined]

from presessions.attendance.accreditation import check_media_acknowledged, series_days
from presessions.dates import long_date
from presessions.enums import AccreditationCategory
from presessions.forms import (
    HONEYPOT,
    ErrorSummaryMixin,
    HoneypotMixin,
    LineField,
    choice_field,
    column_length,
)
from presessions.models import Accreditation, Registration, Series, Subscriber


def day_choices(series: Series) -> list[tuple[str, str]]:
    """The days of the series to tick, as stored (YYYY-MM-DD) and as read."""
    return [(day.isoformat(), long_date(day)) for day in series_days(series)]


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
        choice_field(self.fields["country"]).choices = [("", _("Choose a country")), *countries]
        choice_field(self.fields["days"]).choices = day_choices(series)
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
        super().clean()
        data = self.cleaned_data
        try:
            # The service's rule, shown on its field before anything is sent.
            check_media_acknowledged(data)
        except ValidationError as error:
            self.add_error(None, error)
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
