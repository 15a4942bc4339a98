"""The language an applicant names under "From which language?"."""

import pytest

from applications.languages import language_named


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Arabic", "ar"),
        ("árabe", "ar"),
        ("De l'arabe dialectal", "ar"),
        ("ARABE", "ar"),
        ("Mandarin Chinese", "zh"),
        ("chino", "zh"),
        ("Russe", "ru"),
        ("portugués", "pt"),
        ("Français", "fr"),
        ("español", "es"),
        ("Kinyarwanda", "other"),
        ("Kinyarwanda, then French", "fr"),
        ("", None),
        ("  ", None),
        ("¿?", None),
    ],
)
def test_language_named_in_english_french_or_spanish(text, code):
    assert language_named(text) == code
