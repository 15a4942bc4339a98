"""The filters of the public statement pages, as GET forms (no JavaScript needed).

A value that does not fit is reported next to its field and ignored; the others apply."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.choices import BaseChoiceIterator
from django.utils.functional import Promise
from django.utils.html import escape, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from panels.statements import page_cache, published
from presessions import page_cache as pages
from presessions.forms import choice_field, choices_of


class _FilterForm(forms.Form):
    series = forms.TypedChoiceField(label=_("Series"), coerce=int, required=False)
    country = forms.ChoiceField(label=_("State under Review"), required=False)
    theme = forms.TypedChoiceField(label=_("Theme"), coerce=int, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Plain choices from one query each (a model field would count, list and fetch
        # again), with their <option> elements rendered once for every visitor.
        self.rendered_options: dict[str, SafeString] = {}
        sources: list[tuple[str, Promise, Callable[[], list[tuple[Any, str]]]]] = [
            ("series", _("All series"), published.series_choices),
            ("country", _("All countries"), published.country_choices),
            ("theme", _("All themes"), published.theme_choices),
        ]
        for name, everything, choices in sources:
            listed, self.rendered_options[name] = _choices(name, everything, choices)
            choice_field(self.fields[name]).choices = _Prepared(listed)

    def _valid(self) -> dict[str, Any]:
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if k not in self.errors}

    def filters(self) -> published.Filters:
        data = self._valid()
        return published.Filters(
            series=data.get("series") or None,
            country=data.get("country") or None,
            theme=data.get("theme") or None,
            organisation=" ".join(data.get("organisation", "").split()),
            text=published.search.normalise_query(data.get("q", "")),
        )

    def query_string(self) -> str:
        """The current filters, for the links to other pages of the results."""
        filters = self.filters()
        pairs = {
            "q": filters.text,
            "series": filters.series or "",
            "country": filters.country or "",
            "theme": filters.theme or "",
            "organisation": filters.organisation,
        }
        return urlencode({k: v for k, v in pairs.items() if v and k in self.fields})


class _Prepared(BaseChoiceIterator):
    """Choices already in the form Django gives them (value, label): taken as they are,
    not normalised again for every form (hundreds of countries)."""

    def __init__(self, choices: list[tuple[Any, str]]) -> None:
        self.choices = choices

    def __iter__(self) -> Iterator[tuple[Any, str]]:
        return iter(self.choices)

    def __len__(self) -> int:
        return len(self.choices)


def _choices(
    name: str, everything: Promise, choices: Callable[[], list[tuple[Any, str]]]
) -> tuple[list[tuple[Any, str]], SafeString]:
    def build() -> tuple[list[tuple[Any, str]], SafeString]:
        listed = [("", str(everything)), *choices()]
        return listed, format_html_join("", '<option value="{}">{}</option>', listed)

    return page_cache.cached_value(f"filter-{name}", build)


class StatementFilterForm(_FilterForm):
    q = forms.CharField(
        label=_("Search the statements and recommendations"), max_length=200, required=False
    )
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)

    field_order = ["q", "series", "country", "theme", "organisation"]

    def __init__(
        self, data=None, *, number: int | None = None, country: str | None = None, **kwargs: Any
    ) -> None:
        # A series or a country in the address is a filter like the others.
        if number is not None or country is not None:
            data = data.copy() if data is not None else {}
            if number is not None:
                data["series"] = str(number)
            if country is not None:
                data["country"] = country
        super().__init__(data, **kwargs)
        # An address may name a series or a country with nothing published yet.
        series, countries = self.fields["series"], self.fields["country"]
        if number is not None and number not in dict(choices_of(series)):
            choice_field(series).choices = [*choices_of(series), (number, str(number))]
            self.rendered_options.pop("series")
        if country is not None and country not in dict(choices_of(countries)):
            choice_field(countries).choices = [*choices_of(countries), (country, country)]
            self.rendered_options.pop("country")


class RecommendationFilterForm(_FilterForm):
    pass


# The forms rendered for earlier pages of this version of the lists, by language, form,
# address and values: every page of the listing shows the same form, and so does every
# page of one series, country or theme (some 20 kB each, with their hundreds of options).
_rendered: pages.HeldValues[SafeString] = pages.HeldValues(
    page_cache.LISTS, seconds=page_cache.LIST_SECONDS, at_most=200
)
# Fields whose values are words, and what stands for them in a form held for every page
# that shows the same other values: the words themselves are put in for each page.
_WORDS = {"q": "\ue005", "organisation": "\ue006"}
# What stands for the value of a list whose <option> elements are held (`rendered_options`)
# in a form held for every choice: no option is selected there, and each page selects its
# own in that list's options, as `options_for` does.
_CHOSEN = "\ue007"
_STAND_INS = (*_WORDS.values(), _CHOSEN)


def rendered(form: _FilterForm, request: HttpRequest | None) -> SafeString:
    """The form as `panels/_filter_form.html` renders it, which depends only on its values,
    its choices (those of the lists' version), the language and the page's address. Its
    values are held with stand-ins: the words of a search or an organisation, escaped as
    the template escapes them when put in, and the choice of each list whose options are
    held, selected in that list's options as `options_for` selects it. A form that reports
    an error is rendered for its page alone."""

    def render() -> SafeString:
        html = render_to_string(
            "panels/_filter_form.html", {"filter_form": form, "request": request}
        )
        return mark_safe(html)  # noqa: S308 - rendered by its template

    if form.errors or any(
        stand_in in value for value in form.data.values() for stand_in in _STAND_INS
    ):
        return render()
    words = {name: form[name].value() for name in _WORDS if name in form.fields}
    words = {name: value for name, value in words.items() if value}
    chosen = {
        name: "" if (value := form[name].value()) is None else str(value)
        for name in form.fields
        if name in form.rendered_options
    }
    values = tuple(
        (name, repr(form[name].value()))
        for name in form.fields
        if name not in words and name not in chosen
    )
    path = request.path if request is not None else ""
    key = (get_language(), type(form).__name__, path, values, tuple(words), tuple(chosen))

    def render_with_stand_ins() -> SafeString:
        data = form.data
        form.data = {name: data.get(name) for name in data}
        form.data.update({name: _WORDS[name] for name in words})
        form.data.update({name: _CHOSEN for name in chosen})
        try:
            return render()
        finally:
            form.data = data

    held: str = _rendered.get(key, render_with_stand_ins)
    for name, value in words.items():
        held = held.replace(_WORDS[name], escape(value))
    for name, value in chosen.items():
        held = _select(held, name, value)
    return mark_safe(held)  # noqa: S308 - held as rendered, the words escaped as it does


def _select(html: str, name: str, value: str) -> str:
    """`html` with the option of `value` selected in the list named `name`."""
    start = html.index(f'<select name="{name}"')
    end = html.index("</select>", start)
    return html[:start] + with_selected(html[start:end], value) + html[end:]


def with_selected(options: str, value: str) -> str:
    """<option> elements rendered unselected, with the first of this value selected."""
    option = f'<option value="{escape(value)}">'
    return options.replace(option, f'<option value="{escape(value)}" selected>', 1)
