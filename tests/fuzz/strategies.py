"""Generated input for the fuzz tests, and the checks every response must pass.

A generated text value is a `Payload`: the string that is sent, and its `cores`, the
fragments that must never come back unescaped. Markup is generated around a random marker
("fz…q") that the site never writes itself, so finding a core raw in a page can only mean
that user input was rendered unescaped: no false positive from the page's own tags.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass, field
from urllib.parse import quote

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from tests.documents import DOC_BYTES, DOCX_BYTES, ODT_BYTES, PDF_BYTES, PLAIN_ZIP_BYTES, PNG_BYTES

# Shared settings: no example database on disk, slow Django examples allowed; sized so that
# the whole fuzz suite runs in about a minute on SQLite (MORE for the main form tests).
# FUZZ_SCALE=10 in the environment explores ten times as many examples, for a deeper run.
_SCALE = max(1, int(os.environ.get("FUZZ_SCALE", "1")))
FUZZ = settings(
    deadline=None,
    database=None,
    max_examples=30 * _SCALE,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
        HealthCheck.filter_too_much,
    ],
)

MORE = settings(FUZZ, max_examples=50 * _SCALE)

ERROR_SUMMARY = "Please correct the following:"
# The page of a request Django refuses before any view (e.g. a multipart header too long).
BAD_REQUEST = "The request could not be understood."
FILE_NAME_TOO_LONG = "File name too long"
LINK_INVALID = "This link does not work"

# Tags that no public page of the site writes itself: finding one means injected markup.
_INJECTED_TAG = re.compile(r"<\s*(script|img|svg|iframe|object|embed)\b", re.IGNORECASE)
_DANGEROUS = set("<>\"'")

MARKUP = (
    "<script>fuzz({m})</script>",
    '"><img src=x onerror=fuzz({m})>',
    "'><svg onload=fuzz({m})>",
    "</textarea><script>fuzz({m})</script>",
    '" autofocus onfocus="fuzz({m})',
    '<a href="javascript:fuzz({m})">{m}</a>',
    "<iframe srcdoc='<b>{m}</b>'></iframe>",
    "</title><b>{m}</b><!--",
    "{{{{ {m} }}}}{{% debug %}}<b>{m}</b>",
    "<object data=x:{m}></object>",
)
ODD = (
    "\x00",
    "\x00\x00",
    "\u202e",  # right-to-left override
    "\u200f",  # right-to-left mark
    "\u200b",  # zero-width space
    "\ufeff",
    "e\u0301\u0301\u0301",  # combining accents
    "\U0001f600",
    "\U0001f1f0\U0001f1ea",  # a flag: two regional indicators
    "\U0001f469\u200d\U0001f469\u200d\U0001f467",
    "\r\n",
    "\r",
    "\t",
    "\x0b\x0c\x1c",
    "\u0085\u2028\u2029",
    "\uffff",
    "\U0010ffff",
    "\ue000\ue001",  # the search's private-use markers
    "ǅ",
    "ß",
    "İ",
    "\U0001d54f",
    "%00",
    "%s %(x)s {0} {x}",
    "../../etc/passwd",
    "' OR 1=1 --",
    "&amp; &lt;b&gt; &#60;",
    "\\",
    "A" * 300,
)
_MARKER = st.integers(min_value=0, max_value=2**32).map(lambda n: f"fz{n:x}q")


@dataclass(frozen=True)
class Payload:
    value: str
    cores: tuple[str, ...] = field(default=())

    def __str__(self) -> str:
        return self.value


@st.composite
def _marked_text(draw) -> tuple[str, tuple[str, ...]]:
    """Random text between two markers: if it holds markup characters, the marked whole
    must never appear raw."""
    text = draw(st.text(min_size=1, max_size=40))
    marker = draw(_MARKER)
    chunk = f"{marker}{text}{marker}"
    return chunk, ((chunk,) if _DANGEROUS & set(text) else ())


@st.composite
def _markup(draw) -> tuple[str, tuple[str, ...]]:
    chunk = draw(st.sampled_from(MARKUP)).format(m=draw(_MARKER))
    return chunk, (chunk,)


_CHUNK = st.one_of(
    _markup(),
    _marked_text(),
    st.sampled_from(ODD).map(lambda s: (s, ())),
    st.text(max_size=30).map(lambda s: (s, ())),
)


@st.composite
def marked_payloads(draw, min_chunks: int = 1, max_chunks: int = 4) -> Payload:
    chunks = draw(st.lists(_CHUNK, min_size=min_chunks, max_size=max_chunks))
    value = "".join(chunk for chunk, _ in chunks)
    return Payload(value, tuple(core for _, cores in chunks for core in cores))


def long_strings(min_size: int = 201, max_size: int = 30_000) -> st.SearchStrategy[Payload]:
    """Overlong values: past every max_length of the forms, up to a few hundred KB."""
    return st.builds(
        lambda unit, n: Payload(unit * n),
        st.sampled_from(["x", "é", "\U0001f600", "<b>", "a ", "\x00", "٣"]),
        st.integers(min_value=min_size, max_value=max_size),
    )


# Characters that are removed on input (presessions/text.py): controls, the bidirectional
# embeddings, overrides and isolates, and what XML cannot hold.
REMOVED = (
    *(chr(c) for c in range(0x00, 0x20)),
    "\x7f", "\x85", "\x9f",
    *(chr(c) for c in range(0x202A, 0x202F)),
    *(chr(c) for c in range(0x2066, 0x206A)),
    "\ufffe", "\uffff",
)  # fmt: skip
# Kept as typed: astral characters, combining accents, right-to-left scripts, marks.
KEPT = ("\U0001f600", "\U0001d54f", "\U00020000", "e\u0301", "\u0301", "שלום", "مرحبا",
        "\u200f", "\u200b", "\ufeff", "ß", "İ", "٣")  # fmt: skip


def unicode_texts(max_size: int = 40) -> st.SearchStrategy[Payload]:
    """Text full of what is not plain ASCII: every character category (except lone
    surrogates, which cannot be sent), controls, bidirectional controls, NUL."""
    alphabet = st.one_of(
        st.characters(codec="utf-8"), st.sampled_from(REMOVED), st.sampled_from(KEPT)
    )
    return st.lists(alphabet, min_size=1, max_size=max_size).map(lambda cs: Payload("".join(cs)))


def around_limit(limit: int) -> st.SearchStrategy[Payload]:
    """A value about as long as its column: a little shorter, as long, and up to 100
    characters longer, with characters that are removed on input at its start (so that
    what is left may fit) and letters of one to four bytes in UTF-8."""
    return st.builds(
        lambda head, unit, n: Payload(head + unit * max(0, n - len(head))),
        st.lists(st.sampled_from(REMOVED), max_size=3).map("".join),
        st.sampled_from(["x", "é", "\U0001f600", "ש", "٣", "a b"]),
        st.integers(min_value=max(1, limit - 2), max_value=limit + 100),
    )


_EMAIL_LOCAL = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~-"


def _domain(draw, length: int) -> str:
    """A valid domain of `length` characters (at least 5): labels of 1 to 63, a TLD."""
    tld = draw(st.sampled_from(["org", "example", "co", "xn--p1ai"]))
    left, labels = length - len(tld) - 1, []
    while left > 0:
        size = min(draw(st.integers(min_value=1, max_value=63)), left)
        if left - size == 1:
            size -= 1 if size > 1 else -1
        letter = draw(st.sampled_from("abcxyz0129"))
        labels.append(letter * size if size < 3 else letter + "-" * (size - 2) + letter)
        left -= size + 1
    return ".".join([*labels, tld])


@st.composite
def long_emails(draw) -> Payload:
    """Addresses of valid syntax from 60 to 330 characters, most around the 254 of the
    columns (the local part up to 250, the domain up to 250), in any letter case."""
    length = draw(
        st.one_of(
            st.integers(min_value=250, max_value=260), st.integers(min_value=60, max_value=330)
        )
    )
    local_length = draw(st.integers(min_value=1, max_value=min(250, length - 12)))
    local = "".join(
        draw(st.lists(st.sampled_from(_EMAIL_LOCAL), min_size=local_length, max_size=local_length))
    )
    return Payload(f"{local}@{_domain(draw, length - local_length - 1)}")


def texts() -> st.SearchStrategy[Payload]:
    """Anything a person (or a robot) might type into a text box."""
    return st.one_of(
        marked_payloads(),
        st.text().map(Payload),
        st.sampled_from(["", " ", "   \t\n ", "\x00", "0", "-1", "None", "null", "[]"]).map(
            Payload
        ),
        long_strings(),
        unicode_texts(),
        long_emails(),
    )


# Values for fields that expect something else than free text ------------------------------


def wrong_scalars() -> st.SearchStrategy:
    """Letters where numbers, ids, booleans or choices are expected, and other types."""
    return st.one_of(
        st.sampled_from(
            [
                "",
                "abc",
                "True ",
                "yes",
                "on",
                "1.5",
                "-1",
                "0",
                "1e309",
                "NaN",
                "Infinity",
                "99999999999999999999999999",
                "0x10",
                "١٢",
                "None",
                "[1, 2]",
                "{}",
                "\x00",
                "2027-02-30",
                "9999-12-31",
                "../1",
            ]
        ),
        st.integers(min_value=-(2**70), max_value=2**70),
        st.floats(allow_nan=True, allow_infinity=True),
        st.booleans(),
        st.text(max_size=50),
        marked_payloads().map(str),
    )


def wrong_values() -> st.SearchStrategy:
    """A scalar or a list of them (the client sends a list as repeated fields)."""
    return st.one_of(wrong_scalars(), st.lists(wrong_scalars(), max_size=4))


# Uploads ------------------------------------------------------------------------------

FILE_NAMES = st.one_of(
    st.sampled_from(
        [
            "../../etc/passwd.pdf",
            "..\\..\\boot.ini.pdf",
            "/etc/passwd",
            "report.pdf",
            "report.PDF",
            ".pdf",
            "report",
            "a" * 300 + ".pdf",
            "report.pdf.exe",
            "rapport é.odt",
            "<script>fuzz(1)</script>.pdf",
            '"><img src=x onerror=fuzz(2)>.docx',
            "nul\x00l.pdf",
            "\u202efdp.exe",
            "CON.pdf",
            "report.pdf;.exe",
            "%2e%2e%2fpasswd.pdf",
            " .pdf",
            "x" * 1000,
        ]
    ),
    st.text(min_size=1, max_size=80).map(lambda s: s + ".pdf"),
    st.text(min_size=1, max_size=80),
)
FILE_CONTENTS = st.one_of(
    st.binary(max_size=2048),
    st.sampled_from([PDF_BYTES, DOC_BYTES, DOCX_BYTES, ODT_BYTES, PLAIN_ZIP_BYTES, PNG_BYTES, b""]),
    st.binary(max_size=512).map(lambda b: b"%PDF-" + b),
    st.binary(max_size=512).map(lambda b: b"PK\x03\x04" + b),
)


@dataclass(frozen=True)
class Upload:
    """A file as sent: its name exactly as generated (Django's SimpleUploadedFile would
    keep only the last path component before anything is sent)."""

    name: str
    content: bytes
    content_type: str = "application/octet-stream"


@st.composite
def uploads(draw) -> Upload:
    content_type = draw(
        st.sampled_from(["application/pdf", "application/octet-stream", "text/html", ""])
    )
    return Upload(draw(FILE_NAMES), draw(FILE_CONTENTS), content_type)


# Checks ------------------------------------------------------------------------------------


def page(response) -> str:
    return response.content.decode(response.charset or "utf-8", errors="replace")


def main_part(text: str) -> str:
    """The page's <main>: the header holds the address (the language switcher)."""
    start, end = text.find("<main"), text.rfind("</main>")
    return text[start:end] if start != -1 and end != -1 else text


def cores_of(values) -> list[str]:
    found = []
    for value in values:
        if isinstance(value, Payload):
            found += value.cores
        elif isinstance(value, (list, tuple)):
            found += cores_of(value)
    return found


def assert_not_server_error(response) -> None:
    assert response.status_code < 500, f"server error {response.status_code}"


def assert_nothing_injected(text: str, values=()) -> None:
    """No generated markup core appears raw, and no tag the site never writes."""
    for core in cores_of(values):
        assert core not in text, f"unescaped input in the page: {core!r}"
    match = _INJECTED_TAG.search(text)
    assert match is None, f"injected tag in the page: {text[match.start() : match.start() + 80]!r}"


def assert_kept(text: str, value) -> None:
    """What was typed comes back in the form, escaped."""
    value = str(value)
    if value.strip():
        assert html.escape(value) in text, f"the typed value is lost: {value[:80]!r}"


def refused_before_the_view(response, sent) -> bool:
    """Django's parser refuses a multipart part whose headers exceed 1 KB: only a file name
    longer than any file system allows (255 bytes) gets there, and the page says to rename
    the file."""
    if response.status_code != 400 or FILE_NAME_TOO_LONG not in page(response):
        return False
    names = [v.name for v in _flatten(sent) if isinstance(v, Upload)]
    assert any(len(name.encode()) > 255 for name in names), "400 for a realistic request"
    return True


def _flatten(values):
    for value in values.values() if isinstance(values, dict) else values:
        if isinstance(value, (list, tuple)):
            yield from _flatten(value)
        else:
            yield value


def assert_error_shown(response, *messages: str) -> None:
    assert response.status_code in {200, 400, 409, 429}, response.status_code
    text = page(response)
    expected = messages or (ERROR_SUMMARY,)
    assert any(message in text for message in expected), (
        f"no error message shown (status {response.status_code})"
    )


def path_part(value: str) -> str:
    return quote(value, safe="")


def post_value(value):
    """What the test client sends for a generated value."""
    if isinstance(value, Payload):
        return value.value
    if isinstance(value, list):
        return [post_value(v) for v in value]
    return value


# Requests -----------------------------------------------------------------------------------

_BOUNDARY = "FuzzBoundary7MA4YWxkTrZu0gWq9Zx"


def _file_name_header(name: str) -> str:
    # As browsers do: quotes and line breaks percent-encoded, everything else sent as is.
    return name.replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")


def multipart(data: dict, files: dict | None = None) -> bytes:
    """A multipart body, by hand, so that file names reach the server exactly as generated
    (Django's test client keeps only their last path component)."""
    parts: list[bytes] = []
    for key, value in data.items():
        values = value if isinstance(value, (list, tuple)) else [value]
        for item in values:
            item = post_value(item)
            if isinstance(item, Upload):
                files = {**(files or {}), key: item}
                continue
            parts += [
                f"--{_BOUNDARY}".encode(),
                f'Content-Disposition: form-data; name="{key}"'.encode(),
                b"",
                str(item).encode("utf-8"),
            ]
    for key, upload in (files or {}).items():
        parts += [
            f"--{_BOUNDARY}".encode(),
            f'Content-Disposition: form-data; name="{key}"; '
            f'filename="{_file_name_header(upload.name)}"'.encode(),
            f"Content-Type: {upload.content_type or 'application/octet-stream'}".encode(),
            b"",
            upload.content,
        ]
    parts += [f"--{_BOUNDARY}--".encode(), b""]
    return b"\r\n".join(parts)


def post(client, url: str, data: dict, files: dict | None = None, **extra):
    return client.post(
        url,
        data=multipart(data, files),
        content_type=f"multipart/form-data; boundary={_BOUNDARY}",
        **extra,
    )


# Changes to a valid form -------------------------------------------------------------------


@st.composite
def field_changes(draw, fields, value_for, max_changed: int = 5, max_removed: int = 2):
    """({field: generated value}, {fields removed}) to apply to a valid form's data."""
    changed = draw(st.lists(st.sampled_from(fields), unique=True, min_size=1, max_size=max_changed))
    values = {name: draw(value_for(name), label=name) for name in sorted(changed)}
    removed = frozenset(draw(st.sets(st.sampled_from(fields), max_size=max_removed)))
    return values, removed


def apply_changes(base: dict, changes) -> tuple[dict, set]:
    """The data sent, and the names of the fields no longer as in the valid data."""
    values, removed = changes
    sent = {**base, **values}
    for name in removed:
        sent.pop(name, None)
    return sent, set(values) | set(removed)
