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

from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from applications.validators import detect_document_type
from panels.enums import Cleaning
from panels.models import Material, Statement
from presessions import downloads, file_metadata

PublicCopyOwner = Statement | Material

# Full sentences, for the speaker's page and the admin's messages.
REASONS: dict[str, Callable[[], str]] = {
    Cleaning.OLD_WORD_FORMAT: lambda: _(
        "Word 97-2003 (.doc) files cannot be cleaned of their author's details."
    ),
    Cleaning.UNREADABLE: lambda: _("The file could not be read to remove its author's details."),
    Cleaning.EMBEDDED_OBJECT: lambda: _(
        "The file holds an embedded file or object whose author's details cannot be removed."
    ),
    Cleaning.SIGNED: lambda: _("The file is digitally signed, and its signature names its signer."),
}


def reason(cleaning: str) -> str:
    explain = REASONS.get(cleaning)
    return explain() if explain else ""


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


def prepare_public_copy(item: PublicCopyOwner) -> None:
    """Read the type of `item.file` from its content and store a copy without its
    author's details, or the reason there can be none.

    Side effects: `file_type`, `public_file` and `cleaning` saved on the row (without
    touching its other fields or its audit trail); an earlier copy deleted."""
    if item.public_file:
        item.public_file.delete(save=False)
    item.public_file = ""
    item.file_type = ""
    item.cleaning = Cleaning.NOT_PREPARED
    if item.file:
        with item.file.open("rb") as original:
            item.file_type = detect_document_type(original) or ""
            data = original.read()
        try:
            cleaned = file_metadata.remove_identifying_metadata(data, item.file_type)
        except file_metadata.CannotClean as refusal:
            item.cleaning = refusal.reason
        else:
            item.public_file.save(f"copy.{item.file_type}", ContentFile(cleaned), save=False)
            item.cleaning = Cleaning.CLEANED
    type(item).objects.filter(pk=item.pk).update(
        file_type=item.file_type, public_file=item.public_file.name or "", cleaning=item.cleaning
    )


def prepare_missing_copies(statement: Statement) -> None:
    """A copy for each file of the statement that has none yet (files handed in before
    copies were made, or stored by other means)."""
    if statement.file and statement.cleaning == Cleaning.NOT_PREPARED:
        prepare_public_copy(statement)
    for material in statement.materials.filter(cleaning=Cleaning.NOT_PREPARED):
        prepare_public_copy(material)


def delete_files(item: PublicCopyOwner) -> None:
    """Delete the original and the copy from storage (the row is left to the caller)."""
    if item.file:
        item.file.delete(save=False)
    if item.public_file:
        item.public_file.delete(save=False)


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
