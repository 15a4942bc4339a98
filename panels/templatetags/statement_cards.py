"""The cards of the statements in the public listing, and the items of the public
recommendations, rendered in Python.

The listing shows twenty cards, the recommendations fifty items, on every page that
nobody asked for before (most of the archive's pages, every search, every filter);
written out here, with the words of the catalogue looked up once per page, they cost a
fraction of a template loop. Every value is escaped as the template engine would."""

import datetime as dt
import html
import re
from collections.abc import Sequence
from functools import lru_cache
from urllib.parse import quote

from django import template
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime
from django.utils.translation import get_language, ngettext, override
from django.utils.translation import gettext as _

from panels.statements.published import PublicRecommendation, PublicStatement

register = template.Library()


def escape(value: object) -> str:
    """What `django.utils.html.escape` gives (its very code), without marking each value
    safe one by one: the cards are marked safe once, whole."""
    return html.escape(str(value))


def first_words(text: str, count: int = 50, more: str = " …") -> str:
    """What `Truncator(text).words(count, truncate=more)` gives (its rule: the words
    separated by single spaces, `more` after them when some were cut), at a fraction of
    its cost (a lazy object per card)."""
    words = text.split()
    if len(words) <= count:
        return " ".join(words)
    shown = " ".join(words[:count])
    return shown if shown.endswith(more) else f"{shown}{more}"


@lru_cache(maxsize=4096)
def day_label(day: dt.date, language: str | None) -> str:
    """`date_format(day, "DATE_FORMAT")` in a language: the listing shows a date on each
    card, of a few hundred days of publication."""
    with override(language):
        return date_format(day, "DATE_FORMAT")


@register.simple_tag
def statement_cards(statements: Sequence[PublicStatement]) -> SafeString:
    if not statements:
        return SafeString("")
    about = _("Pre-sessions %(number)s · published on %(date)s")
    all_of = _("All statements of %(organisation)s")
    listing = reverse("panels:statements")
    counted: dict[int, str] = {}
    language = get_language()
    cards = []
    for statement in statements:
        date = ""
        if statement.published_at:
            date = day_label(localtime(statement.published_at).date(), language)
        line = about % {"number": escape(statement.series_number), "date": escape(date)}
        if statement.theme:
            line += f" · {escape(statement.theme)}"
        if statement.highlight:
            excerpt = f'<p class="mb-2 search-excerpt">{statement.highlight}</p>'
        elif statement.text:
            text = first_words(statement.text)
            excerpt = f'<p class="mb-2">{escape(text)}</p>'
        else:
            excerpt = ""
        count = statement.recommendation_count
        if count not in counted:
            counted[count] = ngettext(
                "%(count)s recommendation", "%(count)s recommendations", count
            ) % {"count": count}
        footer = counted[count]
        if statement.named_organisation:
            organisation = statement.named_organisation
            link = all_of % {"organisation": escape(organisation)}
            query = escape(quote(organisation, safe="/"))
            footer += f' · <a href="{listing}?organisation={query}">{link}</a>'
        cards.append(
            '<article class="card mb-3">\n    <div class="card-body">\n'
            f'      <h2 class="h5 card-title"><a href="{escape(statement.get_absolute_url())}">'
            f"{escape(statement.title)}</a></h2>\n"
            f'      <p class="small text-body-secondary mb-2">{line}</p>\n'
            f"      {excerpt}\n"
            f'      <p class="small mb-0">{footer}</p>\n'
            "    </div>\n  </article>\n"
        )
    return mark_safe("  ".join(cards))  # noqa: S308 - every value above is escaped


_LINE_BREAKS = re.compile(r"\r\n|\r")


def with_line_breaks(text: str) -> str:
    """What the `linebreaksbr` filter gives for a text not marked safe: escaped, each
    line break (of any platform) a <br>."""
    return escape(_LINE_BREAKS.sub("\n", text)).replace("\n", "<br>")


@register.simple_tag
def recommendation_items(recommendations: Sequence[PublicRecommendation]) -> SafeString:
    """The list of the public recommendations: what the loop of
    `_recommendation_list_body.html` gave, character for character."""
    if not recommendations:
        return SafeString("")
    series = _("Pre-sessions %(number)s")
    countries: dict[str, str] = {}
    items = []
    for recommendation in recommendations:
        code = recommendation.country.code
        if code not in countries:
            countries[code] = escape(recommendation.country.name)
        line = f"{countries[code]} · " + series % {"number": escape(recommendation.series_number)}
        if recommendation.theme:
            line += f" · {escape(recommendation.theme)}"
        line += (
            f' · <a href="{escape(recommendation.statement_url)}">'
            f"{escape(recommendation.organisation)}</a>"
        )
        items.append(
            '\n    <li class="border-bottom py-3">\n'
            f'      <p class="mb-1">{with_line_breaks(recommendation.text)}</p>\n'
            f'      <p class="small text-body-secondary mb-0">{line}</p>\n'
            "    </li>\n  "
        )
    listed = "".join(items)
    return mark_safe(f'<ul class="list-unstyled">\n  {listed}\n</ul>')  # noqa: S308 - escaped
