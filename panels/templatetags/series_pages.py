"""The series pages listed on the admin's index."""

from django import template

from panels import rules
from presessions.models import Series

register = template.Library()

# The most recent series are those a coordinator runs; older ones are in the series list.
SHOWN = 6


@register.simple_tag
def series_pages(user) -> list[Series]:
    """The most recent series, for those who may see their pages; none for others."""
    if not rules.can_see_series_page(user):
        return []
    return list(Series.objects.select_related("session").order_by("-starts_on")[:SHOWN])
