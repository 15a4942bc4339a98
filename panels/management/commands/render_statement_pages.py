"""Render every published statement's page into the cache, in every language: after
restoring a backup or emptying the cache, so that visitors are served at once."""

from django.core.management.base import BaseCommand

from panels.models import Statement
from panels.statements import public_pages


class Command(BaseCommand):
    help = "Render the pages of every published statement into the cache."

    def handle(self, *args, **options) -> None:
        ids = Statement.objects.filter(published_at__isnull=False).values_list("pk", flat=True)
        stored = public_pages.render_statement_pages(ids.iterator())
        self.stdout.write(f"{stored} statement pages rendered into the cache.")
