"""Export, as JSON, everything held on one person (a data-subject request):
`manage.py export_personal_data person@example.org > person.json`."""

import json

from django.core.management.base import BaseCommand

from presessions.site import erasure


class Command(BaseCommand):
    help = "Print as JSON everything held on the person with this email address."

    def add_arguments(self, parser) -> None:
        parser.add_argument("email")

    def handle(self, *args, email: str, **options) -> None:
        data = erasure.personal_data_of(email)
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str))
