"""A file's copy without its author's details, for every model that keeps one
(`panels.models.statement.PublicCopy`: statements, their materials, observers'
documents): made when the file is handed in, or the reason there can be none."""

from __future__ import annotations

from collections.abc import Callable

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from applications.validators import detect_document_type
from panels.enums import Cleaning
from panels.models import Material, ObserverDocument, Statement
from presessions import file_metadata

PublicCopyOwner = Statement | Material | ObserverDocument

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


def delete_files(item: PublicCopyOwner) -> None:
    """Delete the original and the copy from storage (the row is left to the caller)."""
    if item.file:
        item.file.delete(save=False)
    if item.public_file:
        item.public_file.delete(save=False)
