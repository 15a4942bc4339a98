"""Erase the personal data of the series past their retention time (also run daily by
the periodic task). --dry-run lists the series without erasing anything."""

from django.conf import settings
from django.core.management.base import BaseCommand

from presessions.site import erasure


class Command(BaseCommand):
    help = "Erase the personal data of applicants, speakers and guests of old series."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="only list the series")

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        due = list(erasure.series_due())
        days = settings.PERSONAL_DATA_RETENTION_DAYS
        if not due:
            self.stdout.write(f"No series ended more than {days} days ago is left to erase.")
            return
        for series in due:
            self.stdout.write(f"{'Would erase' if dry_run else 'Erasing'}: {series}")
        if dry_run:
            return
        report = erasure.erase_due_personal_data()
        self.stdout.write(
            f"Erased: {report.applications} applications, {report.accreditations} "
            f"accreditations, {report.registrations} registrations; deleted "
            f"{report.statements_deleted} unpublished statements, {report.items_deleted} "
            f"unshared items, {report.documents_deleted} observers' documents, "
            f"{report.emails_deleted} emails, "
            f"{report.history_rows_deleted} audit rows."
        )
