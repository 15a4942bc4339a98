"""Pictures without their metadata, byte for byte otherwise (nothing is re-encoded):
JPEG without its EXIF, XMP, IPTC and comment segments, PNG without its text, EXIF and
time chunks."""

from __future__ import annotations

import struct

from presessions.file_metadata.reasons import UNREADABLE, CannotClean

_JPEG_START = b"\xff\xd8"
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# APP1 (EXIF, XMP), APP12 (Ducky, camera notes), APP13 (Photoshop, IPTC), COM (comments).
_JPEG_DROPPED = {0xE1, 0xEC, 0xED, 0xFE}
_PNG_DROPPED = {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"}


def is_picture(data: bytes) -> bool:
    return data.startswith((_JPEG_START, _PNG_SIGNATURE))


def strip_picture(data: bytes) -> bytes:
    if data.startswith(_JPEG_START):
        return _strip_jpeg(data)
    if data.startswith(_PNG_SIGNATURE):
        return _strip_png(data)
    return data


def _strip_jpeg(data: bytes) -> bytes:
    out = bytearray(_JPEG_START)
    at = 2
    while at < len(data):
        if data[at] != 0xFF or at + 1 >= len(data):
            raise CannotClean(UNREADABLE)
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker in (0xD9, 0x01) or 0xD0 <= marker <= 0xD7:  # no length field
            out += data[at : at + 2]
            at += 2
            continue
        if at + 4 > len(data):
            raise CannotClean(UNREADABLE)
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        end = at + 2 + length
        if length < 2 or end > len(data):
            raise CannotClean(UNREADABLE)
        if marker == 0xDA:  # start of scan: the image data follows, kept as it is
            out += data[at:]
            return bytes(out)
        if marker not in _JPEG_DROPPED:
            out += data[at:end]
        at = end
    return bytes(out)


def _strip_png(data: bytes) -> bytes:
    out = bytearray(_PNG_SIGNATURE)
    at = len(_PNG_SIGNATURE)
    while at < len(data):
        if at + 8 > len(data):
            raise CannotClean(UNREADABLE)
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        end = at + 12 + length
        if end > len(data):
            raise CannotClean(UNREADABLE)
        if kind not in _PNG_DROPPED:
            out += data[at:end]
        at = end
        if kind == b"IEND":
            break
    return bytes(out)
