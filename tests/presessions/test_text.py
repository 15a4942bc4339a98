"""The one cleaner of what people type, and the escape of exported cells."""

import pytest

from presessions.text import clean_line, clean_text, escape_formula


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Haki\x01 Watch", "Haki Watch"),
        ("\u202eHaki\u202c Watch", "Haki Watch"),
        ("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069Haki", "Haki"),
        ("Ha\x00ki\x7f\x9f", "Haki"),
        ("Haki\tWatch\r\nKenya\u2028Nairobi\x85Rift", "Haki Watch  Kenya Nairobi Rift"),
        ("Haki\ufffe\uffff", "Haki"),
        # Kept: right-to-left scripts and marks, combining accents, astral characters.
        (
            "שלום \u200fمرحبا e\u0301 \U0001f600 \U00020000",
            "שלום \u200fمرحبا e\u0301 \U0001f600 \U00020000",
        ),
    ],
)
def test_clean_line_removes_controls_and_bidirectional_controls(typed, stored):
    assert clean_line(typed) == stored


def test_clean_text_keeps_tabs_and_line_breaks_as_newlines():
    typed = "One\r\nTwo\rThree\n\tFour\u2028Five\x0bSix\x01\u202e\x00."

    assert clean_text(typed) == "One\nTwo\nThree\n\tFour\nFive\nSix."


@pytest.mark.parametrize(
    ("cell", "exported"),
    [
        ('=HYPERLINK("http://x","click")', '\'=HYPERLINK("http://x","click")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Haki = Watch", "Haki = Watch"),
        ("", ""),
        (3, 3),
        (None, None),
    ],
)
def test_escape_formula_prefixes_what_a_spreadsheet_would_run(cell, exported):
    assert escape_formula(cell) == exported
