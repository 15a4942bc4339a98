"""Real documents whose metadata names their author, as word processors write them, and
a way to search everything a document holds (its raw bytes, the unpacked members of a
package, a PDF's decoded streams and document information) for a name."""

from __future__ import annotations

import io
import zipfile

import pikepdf
from PIL import Image, PngImagePlugin

ORGANISATION = "Ligue Tunisienne des Droits"
UPLOADED_NAME = "Note_plaidoyer_LTC-Tunisie"
BODY = "Arbitrary detention of journalists in Tunis"
ARTIST_TAG = 0x013B  # EXIF "Artist"


def jpeg_by(author: str) -> bytes:
    exif = Image.Exif()
    exif[ARTIST_TAG] = author
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(
        buffer, "JPEG", exif=exif.tobytes(), comment=author.encode()
    )
    return buffer.getvalue()


def png_by(author: str) -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", author)
    info.add_itxt("Description", f"Made by {author}")
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (30, 30, 200)).save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def pdf_by(author: str, *, body: str = BODY) -> bytes:
    document = pikepdf.new()
    document.add_blank_page(page_size=(595, 842))
    page = document.pages[0]
    font = document.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont="/Helvetica"
        )
    )
    page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    page.obj.Contents = document.make_stream(f"BT /F1 12 Tf 72 720 Td ({body}) Tj ET".encode())
    page.obj.Annots = document.make_indirect(
        pikepdf.Array(
            [
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Annot,
                    Subtype=pikepdf.Name.Text,
                    Rect=[72, 700, 92, 720],
                    T=pikepdf.String(author),
                    Contents=pikepdf.String("Check the figures"),
                )
            ]
        )
    )
    document.docinfo["/Author"] = author
    document.docinfo["/Creator"] = f"Word for {author}"
    document.docinfo["/Producer"] = f"{author} PDF tools"
    document.docinfo["/Title"] = f"Advocacy note of {author}"
    document.docinfo["/Subject"] = author
    document.docinfo["/Keywords"] = author
    with document.open_metadata(set_pikepdf_as_editor=False) as xmp:
        xmp["dc:creator"] = [author]
        xmp["dc:title"] = f"Advocacy note of {author}"
        xmp["xmp:CreatorTool"] = f"Word for {author}"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _zip(entries: list[tuple[str, bytes]], *, stored_first: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for n, (name, data) in enumerate(entries):
            compression = zipfile.ZIP_STORED if stored_first and n == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=compression)
    return buffer.getvalue()


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_by(author: str, *, body: str = BODY, embedded: bytes | None = None) -> bytes:
    initials = "".join(word[0] for word in author.split())
    entries = [
        (
            "[Content_Types].xml",
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            b'<Default Extension="xml" ContentType="application/xml"/>'
            b'<Default Extension="jpeg" ContentType="image/jpeg"/></Types>',
        ),
        (
            "_rels/.rels",
            b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
            b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'officeDocument" Target="word/document.xml"/></Relationships>',
        ),
        (
            "word/document.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_W}>'
            f"<w:body><w:p><w:r><w:t>{body}</w:t></w:r>"
            f'<w:ins w:id="1" w:author="{author}" w:date="2026-01-05T10:00:00Z">'
            f"<w:r><w:t> and of lawyers</w:t></w:r></w:ins>"
            f'<w:del w:id="2" w:author="{author}"><w:r><w:delText>x</w:delText></w:r></w:del>'
            f'<w:commentRangeStart w:id="0"/></w:p></w:body></w:document>'.encode(),
        ),
        (
            "word/comments.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><w:comments {_W}><w:comment w:id="0" '
            f'w:author="{author}" w:initials="{initials}"><w:p><w:r><w:t>Check the figures'
            f"</w:t></w:r></w:p></w:comment></w:comments>".encode(),
        ),
        (
            "word/people.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><w15:people xmlns:w15="http://schemas.'
            f'microsoft.com/office/word/2012/wordml"><w15:person w15:author="{author}">'
            f'<w15:presenceInfo w15:providerId="AD" w15:userId="{author}@example.org"/>'
            f"</w15:person></w15:people>".encode(),
        ),
        (
            "word/settings.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><w:settings {_W} xmlns:r="http://schemas.'
            f'openxmlformats.org/officeDocument/2006/relationships"><w:attachedTemplate '
            f'r:id="rId1"/></w:settings>'.encode(),
        ),
        (
            "word/_rels/settings.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            f'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
            f'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            f'attachedTemplate" Target="file:///C:/Users/{author}/Templates/Note.dotx" '
            f'TargetMode="External"/></Relationships>'.encode(),
        ),
        (
            "docProps/core.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties '
            f'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
            f'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:creator>{author}</dc:creator><cp:lastModifiedBy>{author}"
            f"</cp:lastModifiedBy><dc:title>Note of {author}</dc:title>"
            f"</cp:coreProperties>".encode(),
        ),
        (
            "docProps/app.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.'
            f'openxmlformats.org/officeDocument/2006/extended-properties"><Company>{author}'
            f"</Company><Manager>{author}</Manager></Properties>".encode(),
        ),
        ("word/media/image1.jpeg", jpeg_by(author)),
        ("docProps/thumbnail.png", png_by(author)),
    ]
    if embedded is not None:
        entries.append(("word/embeddings/object1.bin", embedded))
    return _zip(entries)


_ODF = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0"'
)


def odt_by(author: str, *, body: str = BODY, content: bytes | None = None) -> bytes:
    return _zip(
        [
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            (
                "META-INF/manifest.xml",
                b'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
                b'"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
                b'manifest:full-path="/" manifest:media-type="application/vnd.oasis.'
                b'opendocument.text"/></manifest:manifest>',
            ),
            (
                "meta.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {_ODF}>'
                f"<office:meta><meta:initial-creator>{author}</meta:initial-creator>"
                f"<dc:creator>{author}</dc:creator><meta:generator>Writer/{author}"
                f'</meta:generator><meta:user-defined meta:name="Organisation">{author}'
                f"</meta:user-defined></office:meta></office:document-meta>".encode(),
            ),
            (
                "content.xml",
                content
                or f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODF}>'
                f"<office:body><office:text><text:tracked-changes><text:changed-region "
                f'text:id="c1"><text:insertion><office:change-info><dc:creator>{author}'
                f"</dc:creator><dc:date>2026-01-05T10:00:00</dc:date></office:change-info>"
                f"</text:insertion></text:changed-region></text:tracked-changes>"
                f"<text:p>{body}<office:annotation><dc:creator>{author}</dc:creator>"
                f"<text:p>Check the figures</text:p></office:annotation></text:p>"
                f"</office:text></office:body></office:document-content>".encode(),
            ),
            (
                "settings.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><office:document-settings {_ODF}>'
                f'<office:settings><config:config-item config:name="PrinterName" '
                f'config:type="string">{author} office printer</config:config-item>'
                f"</office:settings></office:document-settings>".encode(),
            ),
            ("Pictures/photo.jpg", jpeg_by(author)),
            ("Thumbnails/thumbnail.png", png_by(author)),
        ],
        stored_first=True,
    )


def everything_in(data: bytes) -> bytes:
    """The raw bytes, plus every unpacked member of a package (and of packages inside
    it), plus a PDF's document information, XMP and decoded streams."""
    parts = [data]
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts += [everything_in(archive.read(name)) for name in archive.namelist()]
    elif data.startswith(b"%PDF"):
        with pikepdf.open(io.BytesIO(data)) as document:
            parts += [repr(dict(document.docinfo.items())).encode()]
            parts += [str(document.open_metadata()).encode()]
            for obj in document.objects:
                if isinstance(obj, pikepdf.Stream):
                    parts.append(obj.read_bytes())
                if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
                    parts.append(repr(obj).encode())
            for page in document.pages:
                parts += [repr(a).encode() for a in page.obj.get("/Annots", [])]
    return b"\n".join(parts)


def names(data: bytes, name: str = ORGANISATION) -> bool:
    """Whether the document holds `name` anywhere, in UTF-8 or UTF-16."""
    found = everything_in(data)
    return any(
        encoded in found
        for encoded in (name.encode(), name.encode("utf-16-be"), name.encode("utf-16-le"))
    )
