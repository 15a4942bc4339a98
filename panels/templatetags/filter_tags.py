"""Tags of the public filter forms."""

from django import template
from django.forms import BoundField
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

from panels.statements import filters
from presessions.forms import choices_of

register = template.Library()


@register.simple_tag(takes_context=True)
def filter_form(
    context: template.Context, form: filters.StatementFilterForm | filters.RecommendationFilterForm
) -> SafeString:
    """The filters' form of a list page (`panels/_filter_form.html`), rendered once for
    the pages of a version that show it with the same values."""
    return filters.rendered(form, context.get("request"))


@register.simple_tag
def options_for(field: BoundField) -> SafeString:
    """The <option> elements of a select field, the current value selected: in one pass,
    since the country and series lists run to hundreds of options."""
    current = "" if field.value() is None else str(field.value())
    rendered = getattr(field.form, "rendered_options", {}).get(field.name)
    if rendered is not None:
        # Rendered once for every visitor (see filters.py): only the selection is added.
        selected = filters.with_selected(rendered, current)
        return mark_safe(selected)  # noqa: S308 - escaped when rendered, and the value
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (value, " selected" if str(value) == current else "", label)
            for value, label in choices_of(field.field)
        ),
    )
