"""The filters of the UPR record's public pages, as GET forms (no JavaScript needed).
A value that does not fit is reported next to its field and ignored; the others apply."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from panels.record import queries
from panels.record.names import is_member_state
from presessions.countries import UN_OBSERVER_STATES, un_member_codes

CYCLES = range(1, 6)


def state_choices(*, members_only: bool = False) -> list[tuple[str, str]]:
    """The UN Member States (and the observer States), by alpha-3 code, in the active
    language's alphabetical order. No query."""
    codes = [*un_member_codes(), *([] if members_only else UN_OBSERVER_STATES)]
    named = [(str(countries.alpha3(code)), str(countries.name(code))) for code in codes]
    return sorted(named, key=lambda pair: pair[1])


def code_of(alpha3: str) -> str | None:
    """The alpha-2 code of a Member or observer State from its alpha-3 code, or None."""
    code = countries.alpha2(alpha3) if alpha3.isascii() and alpha3.isalpha() else None
    if not code or not (is_member_state(code) or code in UN_OBSERVER_STATES):
        return None
    return str(code)


class RecordFilterForm(forms.Form):
    """Theme, the other State (who recommended, or to whom), cycle, words."""

    theme = forms.TypedChoiceField(label=_("Theme"), coerce=int, required=False)
    state = forms.ChoiceField(required=False)
    cycle = forms.TypedChoiceField(label=_("UPR cycle"), coerce=int, required=False)
    q = forms.CharField(label=_("Words in the recommendation"), required=False, max_length=200)

    def __init__(
        self, *args: Any, state_label: str, themes: list[queries.ThemeName], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        theme_field: Any = self.fields["theme"]
        theme_field.choices = [("", _("All themes")), *((t.pk, t.label) for t in themes)]
        state_field: Any = self.fields["state"]
        state_field.label = state_label
        state_field.choices = [("", _("All States")), *state_choices()]
        cycle_field: Any = self.fields["cycle"]
        cycle_field.choices = [("", _("All cycles")), *((c, str(c)) for c in CYCLES)]

    def values(self) -> dict[str, Any]:
        """The valid filters; those that do not fit are left out (and shown as errors)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if k not in self.errors and v}

    def query_string(self, **changes: object) -> str:
        """The current filters (with these changed), for links to pages and facets."""
        values = {**self.values(), **changes}
        pairs = [(k, str(values[k])) for k in ("theme", "state", "cycle", "q") if values.get(k)]
        return urlencode(pairs)
