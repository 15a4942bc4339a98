"""The Atom feed of new publications, for missions that follow them in a reader."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from panels.statements import published
from panels.statements.search import clean_text

FEED_LENGTH = 30


def _text(value: str) -> str:
    """Text safe for XML 1.0: control characters (which an organisation's name typed in
    a form may hold) are dropped."""
    return clean_text(value)


class LatestStatementsFeed(Feed):
    feed_type = Atom1Feed

    def title(self) -> str:
        return _("Pre-sessions: new statements")

    def subtitle(self) -> str:
        return _("Statements and recommendations of civil society for the UPR Pre-sessions.")

    def link(self) -> str:
        return reverse("panels:statements")

    def items(self) -> list[published.PublicStatement]:
        return published.public_page(published.light_rows(published.statements()[:FEED_LENGTH]))

    def item_title(self, item: published.PublicStatement) -> str:
        return _text(item.title)

    def item_description(self, item: published.PublicStatement) -> str:
        # Atom's summary is HTML (type="html"): what speakers typed is escaped as HTML
        # here, then as XML by the feed generator, so readers show it as text.
        if item.text:
            words = item.text.split()
            return escape(_text(" ".join(words[:80]) + (" …" if len(words) > 80 else "")))
        return escape(_("%(count)d recommendations") % {"count": item.recommendation_count})

    def item_link(self, item: published.PublicStatement) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: published.PublicStatement):
        return item.published_at

    def item_updateddate(self, item: published.PublicStatement):
        return item.published_at

    def item_author_name(self, item: published.PublicStatement) -> str:
        return _text(item.organisation)

    def item_categories(self, item: published.PublicStatement) -> list[str]:
        return [_text(c) for c in (item.country.name, item.theme) if c]
