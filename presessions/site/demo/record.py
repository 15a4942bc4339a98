"""The demo's UPR record: the sample files of both import formats (SAMPLE DATA, invented
recommendations, not real UN text), imported as staff would. Importing them again
creates nothing: the import is idempotent."""

from __future__ import annotations

from panels.record import services
from panels.record.importing import Defaults
from panels.record.sample import make_samples


def load_sample_record() -> int:
    """Import the sample UPR Info export and the sample OHCHR matrix (Mexico, session
    45, whose recommendations the export also holds); return how many were created."""
    created = 0
    files = [
        (make_samples.CSV_FILE, Defaults()),
        (
            make_samples.XLSX_FILE,
            Defaults(
                state_under_review=make_samples.MATRIX_STATE, session=make_samples.MATRIX_SESSION
            ),
        ),
    ]
    for path, defaults in files:
        with path.open("rb") as handle:
            outcome = services.import_file(
                handle=handle, name=path.name, defaults=defaults, dry_run=False
            )
        created += outcome.created
    return created
