"""The files of a statement as the public gets them: under neutral names made from the
series, the State under Review and the item (never the name they were uploaded with),
and, whenever the organisation is not named, as a copy without its author's details.

The copy is made when the file is handed in (so the speaker's preview shows at once
what will be public, and a file that cannot be cleaned is known before publication) and
again, for any file that has none, when statements are published or the speaker takes
back the organisation's name. Which copy the public gets is decided in
`panels.statements.published`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from panels.enums import Cleaning
from panels.models import Material, Statement
from panels.public_copy import REASONS, delete_files, prepare_public_copy, reason
from presessions import downloads

PublicCopyOwner = Statement | Material

__all__ = ["REASONS", "delete_files", "prepare_public_copy", "reason"]


def public_stem(*, number: int, alpha3: str, position: int, material: int | None = None) -> str:
    """e.g. presession-49-TUN-statement-2, presession-49-TUN-statement-2-material-1."""
    stem = f"presession-{number}-{alpha3.upper()}-statement-{position}"
    return f"{stem}-material-{material}" if material is not None else stem


def public_name(
    *, number: int, alpha3: str, position: int, kind: str, material: int | None = None
) -> str:
    stem = public_stem(number=number, alpha3=alpha3, position=position, material=material)
    return downloads.file_name(stem, kind)


def staff_stem(reference: str, material: int | None = None) -> str:
    """e.g. PS55-BHR-0007-statement, PS55-BHR-0007-material-1."""
    return f"{reference}-material-{material}" if material is not None else f"{reference}-statement"


def item_label(material: int | None) -> str:
    if material is None:
        return _("The statement as a file")
    return _("Material %(number)d") % {"number": material}


def prepare_missing_copies(statement: Statement) -> None:
    """A copy for each file of the statement that has none yet (files handed in before
    copies were made, or stored by other means)."""
    if statement.file and statement.cleaning == Cleaning.NOT_PREPARED:
        prepare_public_copy(statement)
    for material in statement.materials.filter(cleaning=Cleaning.NOT_PREPARED):
        prepare_public_copy(material)


@dataclass(frozen=True)
class WithheldFile:
    """A shared file the public does not get: the organisation is not named and the file
    cannot be cleaned of its author's details."""

    reference: str
    material: int | None  # None: the statement's own file
    cleaning: str

    @property
    def label(self) -> str:
        return item_label(self.material)

    @property
    def reason(self) -> str:
        return reason(self.cleaning)
