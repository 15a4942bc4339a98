"""Word (DOCX) and OpenDocument (ODT) files without their author's details.

Both are zip packages of XML parts. The package is written anew, part by part: the
document properties are replaced by empty ones, the authors and initials of comments
and tracked changes are blanked, the pictures lose their metadata, embedded documents
of the same kinds are cleaned in turn. XML is parsed without a DTD, entities or network
access; a part that does not parse, an embedded object of another kind (OLE), a
signature or an encrypted package make the file one that cannot be cleaned.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from presessions.file_metadata import images
from presessions.file_metadata.reasons import EMBEDDED_OBJECT, SIGNED, UNREADABLE, CannotClean

# Reading a package stops beyond this many bytes unpacked (a few hundred times any
# real document of the upload limit): a zip bomb is refused, not unpacked.
MAX_UNPACKED = 200 * 1024 * 1024
_MAX_DEPTH = 3
_OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_ODF_MIMETYPE_PREFIX = b"application/vnd.oasis.opendocument."
# A fixed date for every member: the times of the original zip say when and where
# (which time zone) it was written.
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DC = "http://purl.org/dc/elements/1.1/"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_META = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
_CONFIG = "urn:oasis:names:tc:opendocument:xmlns:config:1.0"
_MANIFEST = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"

_EMPTY_OOXML_PARTS = {
    "docProps/core.xml": (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        b'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        b'xmlns:dcterms="http://purl.org/dc/terms/"/>'
    ),
    "docProps/app.xml": (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'extended-properties"/>'
    ),
    "docProps/custom.xml": (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'custom-properties"/>'
    ),
}
# Attributes that name a person, in whichever namespace (w:author of comments and
# tracked changes, w15:author and w15:userId of the people who commented, ...).
_PERSON_ATTRIBUTES = {"author", "initials", "userId", "providerId"}
# Elements whose text names a person (spreadsheet comments' <author>, dc:creator of
# OpenDocument comments and tracked changes).
_PERSON_ELEMENTS = {
    "author",
    "creator",
    "creator-initials",
    "sender-initials",
    "author-name",
    "author-initials",
    "initial-creator",
}
# OpenDocument settings that name the computer's printer.
_ODF_PRINTER_SETTINGS = {"PrinterName", "PrinterSetup"}


def clean_package(data: bytes, *, expected: str) -> bytes:
    """A DOCX or ODT package without its author's details, or CannotClean."""
    return _clean_package(data, expected=expected, depth=0, budget=[MAX_UNPACKED])


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def _kind_of(names: set[str], read) -> str | None:
    if "mimetype" in names and read("mimetype").strip().startswith(_ODF_MIMETYPE_PREFIX):
        return "odt"
    if "[Content_Types].xml" in names:
        return "docx"
    return None


def _clean_package(data: bytes, *, expected: str | None, depth: int, budget: list[int]) -> bytes:
    if depth > _MAX_DEPTH:
        raise CannotClean(EMBEDDED_OBJECT)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as error:
        raise CannotClean(UNREADABLE) from error
    with archive:
        infos = [info for info in archive.infolist() if not info.is_dir()]
        names = {info.filename for info in infos}
        if len(names) != len(infos):
            raise CannotClean(UNREADABLE)  # the same name twice: which one is read?

        def read(name: str) -> bytes:
            info = archive.getinfo(name)
            if info.flag_bits & 0x1:
                raise CannotClean(UNREADABLE)  # an encrypted member
            try:
                with archive.open(info) as member:
                    content = member.read(budget[0] + 1)
            except (zipfile.BadZipFile, NotImplementedError, ValueError, OSError) as error:
                raise CannotClean(UNREADABLE) from error
            budget[0] -= len(content)
            if budget[0] < 0:
                raise CannotClean(UNREADABLE)
            return content

        kind = _kind_of(names, read)
        if kind is None or (expected is not None and kind != expected):
            raise CannotClean(UNREADABLE)
        clean_member = _clean_ooxml_member if kind == "docx" else _clean_odf_member
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as written:
            for info in infos:
                content = clean_member(info.filename, read(info.filename), depth, budget)
                if content is None:
                    continue
                fresh = zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE)
                fresh.compress_type = (
                    zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
                )
                written.writestr(fresh, content)
        return out.getvalue()


def _clean_binary(content: bytes, depth: int, budget: list[int]) -> bytes:
    """A member that is not XML: a picture, an embedded package, or other data."""
    if content.startswith(_OLE2_MAGIC):
        raise CannotClean(EMBEDDED_OBJECT)
    if content.startswith(b"PK\x03\x04"):
        return _clean_package(content, expected=None, depth=depth + 1, budget=budget)
    if images.is_picture(content):
        return images.strip_picture(content)
    return content


def _is_xml(name: str) -> bool:
    return name.endswith((".xml", ".rels")) or name == "[Content_Types].xml"


def _parse(content: bytes) -> etree._ElementTree:
    try:
        tree = etree.parse(io.BytesIO(content), _parser())
    except (etree.XMLSyntaxError, ValueError) as error:
        raise CannotClean(UNREADABLE) from error
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise CannotClean(UNREADABLE)  # no real document declares a DTD
    return tree


def _serialise(tree: etree._ElementTree) -> bytes:
    return etree.tostring(
        tree,
        xml_declaration=True,
        encoding="UTF-8",
        standalone=True if tree.docinfo.standalone else None,
    )


def _blank_people(tree: etree._ElementTree) -> None:
    for element in tree.iter(etree.Element):
        for attribute in list(element.attrib):
            if etree.QName(attribute).localname in _PERSON_ATTRIBUTES:
                element.set(attribute, "")
        if etree.QName(element).localname in _PERSON_ELEMENTS:
            element.text = ""
            for child in list(element):
                element.remove(child)


def _remove(element: etree._Element) -> None:
    """Take the element out of its part; a part that is nothing but it is refused."""
    parent = element.getparent()
    if parent is None:
        raise CannotClean(UNREADABLE)
    parent.remove(element)


def _clean_ooxml_member(name: str, content: bytes, depth: int, budget: list[int]) -> bytes | None:
    if name.startswith("_xmlsignatures/"):
        raise CannotClean(SIGNED)
    if name in _EMPTY_OOXML_PARTS:
        _parse(content)  # refused if it does not parse, like every other part
        return _EMPTY_OOXML_PARTS[name]
    if not _is_xml(name):
        return _clean_binary(content, depth, budget)
    tree = _parse(content)
    _blank_people(tree)
    root = tree.getroot()
    # The template a document was made from is named by its path on the author's disk.
    for element in root.iter(f"{{{_W}}}attachedTemplate"):
        _remove(element)
    if name.endswith(".rels"):
        for relationship in list(root.iter(f"{{{_RELATIONSHIPS}}}Relationship")):
            if relationship.get("Type", "").endswith("/attachedTemplate"):
                root.remove(relationship)
            elif relationship.get("TargetMode") == "External" and _is_local_path(
                relationship.get("Target", "")
            ):
                relationship.set("Target", "#")
    return _serialise(tree)


def _is_local_path(target: str) -> bool:
    lowered = target.lower()
    return lowered.startswith(("file:", "\\\\")) or (len(target) > 2 and target[1:3] == ":\\")


def _clean_odf_member(name: str, content: bytes, depth: int, budget: list[int]) -> bytes | None:
    if name == "mimetype":
        return content
    if name.startswith("META-INF/") and "signatures" in name:
        raise CannotClean(SIGNED)
    if not name.endswith(".xml"):
        return _clean_binary(content, depth, budget)
    tree = _parse(content)
    root = tree.getroot()
    if name == "META-INF/manifest.xml":
        if next(root.iter(f"{{{_MANIFEST}}}encryption-data"), None) is not None:
            raise CannotClean(UNREADABLE)
        return _serialise(tree)
    for meta in root.iter(f"{{{_OFFICE}}}meta"):
        for child in list(meta):
            meta.remove(child)
    for element in list(root.iter(f"{{{_META}}}user-defined")):
        _remove(element)
    _blank_people(tree)
    for item in root.iter(f"{{{_CONFIG}}}config-item"):
        if item.get(f"{{{_CONFIG}}}name") in _ODF_PRINTER_SETTINGS:
            item.text = ""
    return _serialise(tree)
