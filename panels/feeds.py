"""The Atom feed of new publications, for missions that follow them in a reader."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from . import published

FEED_LENGTH = 30


class LatestStatementsFeed(Feed):
    feed_type = Atom1Feed

    def title(self) -> str:
        return _("Pre-sessions: new statements")

    def subtitle(self) -> str:
        return _("Statements and recommendations of civil society for the UPR Pre-sessions.")

    def link(self) -> str:
        return reverse("panels:statements")

    def items(self) -> list[published.PublicStatement]:
        return published.public_page(published.statements()[:FEED_LENGTH])

    def item_title(self, item: published.PublicStatement) -> str:
        return item.title

    def item_description(self, item: published.PublicStatement) -> str:
        # Plain text, escaped by the feed generator.
        if item.text:
            words = item.text.split()
            return " ".join(words[:80]) + (" …" if len(words) > 80 else "")
        return _("%(count)d recommendations") % {"count": item.recommendation_count}

    def item_link(self, item: published.PublicStatement) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: published.PublicStatement):
        return item.published_at

    def item_updateddate(self, item: published.PublicStatement):
        return item.published_at

    def item_author_name(self, item: published.PublicStatement) -> str:
        return item.organisation

    def item_categories(self, item: published.PublicStatement) -> list[str]:
        return [c for c in (item.country.name, item.theme) if c]
