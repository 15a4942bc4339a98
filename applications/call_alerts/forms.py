"""The public form of the call alerts (crispy-forms, Bootstrap 5, no JavaScript needed)."""

from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from applications.call_alerts.models import CallAlert
from presessions.countries import UNMemberStates
from presessions.forms import ErrorSummaryMixin, HoneypotMixin, choice_field, column_length

ANY_COUNTRY = "any"
CHOSEN_COUNTRIES = "chosen"


class CallAlertForm(HoneypotMixin, ErrorSummaryMixin, forms.Form):
    email = forms.EmailField(
        label=_("Email"),
        max_length=column_length(CallAlert, "email"),
        help_text=_("We send the confirmation link and the alerts to this address only."),
    )
    which = forms.ChoiceField(
        label=_("Tell me when a call opens for"),
        choices=[
            (ANY_COUNTRY, _("Any country")),
            (CHOSEN_COUNTRIES, _("Only the countries I choose below")),
        ],
        initial=CHOSEN_COUNTRIES,
        widget=forms.RadioSelect,
    )
    countries = forms.MultipleChoiceField(
        label=_("States under Review"),
        required=False,
        help_text=_("To choose several, hold Ctrl (Cmd on a Mac) while you click."),
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self.fields["countries"]).choices = list(UNMemberStates())
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.add_honeypot()
        self.helper.layout = Layout("email", "which", "countries", self.honeypot_layout())
        self.helper.add_input(Submit("submit", _("Subscribe to the alerts")))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("which") == CHOSEN_COUNTRIES and not data.get("countries"):
            self.add_error(
                "countries", _("Choose at least one country, or choose any country above.")
            )
        return data

    @property
    def any_country(self) -> bool:
        return self.cleaned_data["which"] == ANY_COUNTRY
