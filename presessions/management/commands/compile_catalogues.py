"""Compile the translation catalogues (locale/*/LC_MESSAGES/django.po) into .mo files.

Django's own compilemessages needs GNU gettext installed; Babel does the same in
pure Python, so a fresh machine needs nothing beyond requirements.txt.
"""

import os
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management.base import BaseCommand


def compile_catalogues(*, force: bool = False) -> list[Path]:
    """Compile every catalogue whose .mo is missing or older than its .po."""
    compiled = []
    for locale_dir in settings.LOCALE_PATHS:
        for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
            mo_path = po_path.with_suffix(".mo")
            if (
                not force
                and mo_path.exists()
                and mo_path.stat().st_mtime >= po_path.stat().st_mtime
            ):
                continue
            with po_path.open("rb") as po_file:
                catalogue = read_po(po_file, locale=po_path.parts[-3])
            # Written beside it, then put in its place: the suite's processes, which
            # each compile at start, never read a catalogue half written.
            partial = mo_path.with_name(f"{mo_path.name}.{os.getpid()}")
            with partial.open("wb") as mo_file:
                write_mo(mo_file, catalogue)
            partial.replace(mo_path)
            compiled.append(mo_path)
    return compiled


class Command(BaseCommand):
    help = "Compile the translation catalogues (no GNU gettext needed)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Recompile every catalogue.")

    def handle(self, *args, force: bool = False, **options) -> None:
        for path in compile_catalogues(force=force):
            self.stdout.write(f"compiled {path.relative_to(settings.BASE_DIR)}")
