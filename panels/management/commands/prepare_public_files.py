"""Make the copies without their author's details of the statements' files that have
none (files stored before copies were made): until then the public gets none of them."""

from django.core.management.base import BaseCommand

from panels.enums import Cleaning
from panels.models import Material, Statement
from panels.statements import public_files


class Command(BaseCommand):
    help = "Prepare the public copies of statement files that have none yet."

    def handle(self, *args, **options) -> None:
        prepared = 0
        statements = Statement.objects.exclude(file="").filter(cleaning=Cleaning.NOT_PREPARED)
        materials = Material.objects.filter(cleaning=Cleaning.NOT_PREPARED)
        items: list[public_files.PublicCopyOwner] = [*statements, *materials]
        for item in items:
            public_files.prepare_public_copy(item)
            prepared += 1
        self.stdout.write(f"{prepared} files prepared.")
