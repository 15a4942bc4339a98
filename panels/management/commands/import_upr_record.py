"""Import a file of UPR recommendations from disk, for files too large to upload:
`manage.py import_upr_record export.csv [--dry-run] [--state KE --session 49]`.

The same import as the admin's (panels.record.services.import_file): an OHCHR matrix
(.xlsx) or a UPR Info export (.csv); lines that cannot be mapped are refused with their
reason and the rest imported; the same file twice creates nothing new.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from panels.record import names, reading, services
from panels.record.importing import Defaults

REFUSALS_SHOWN = 50


class Command(BaseCommand):
    help = "Import the recommendations of past UPR reviews from an OHCHR matrix or UPR Info CSV."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Check only: import nothing.")
        parser.add_argument("--state", default="", help="State under Review, if the file lacks it.")
        parser.add_argument("--session", type=int, help="Session, if the file lacks it.")

    def handle(self, *args, **options) -> None:
        state = ""
        if options["state"]:
            state = names.state_code(options["state"]) or ""
            if not state or not names.is_member_state(state):
                raise CommandError(f"{options['state']!r} is not a UN Member State.")
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(f"There is no file at {path}.")
        try:
            with path.open("rb") as handle:
                outcome = services.import_file(
                    handle=handle,
                    name=path.name,
                    defaults=Defaults(state_under_review=state, session=options["session"]),
                    dry_run=options["dry_run"],
                )
        except reading.UnreadableFileError as problem:
            raise CommandError(problem.message) from problem
        for refusal in outcome.refusals[:REFUSALS_SHOWN]:
            self.stderr.write(f"line {refusal.line}: {refusal.message}")
        if len(outcome.refusals) > REFUSALS_SHOWN:
            self.stderr.write(f"... and {len(outcome.refusals) - REFUSALS_SHOWN} more refused.")
        verb = "would create" if options["dry_run"] else "created"
        self.stdout.write(
            self.style.SUCCESS(
                f"{outcome.total} lines: {verb} {outcome.created}, updated {outcome.updated}, "
                f"unchanged {outcome.unchanged}, refused {len(outcome.refusals)}."
            )
        )
