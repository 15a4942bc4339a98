"""The language an applicant names in words ("From which language?": "Arabic", "árabe",
"arabe dialectal"), as one of the form's language codes."""

from __future__ import annotations

import functools
import re
import unicodedata

from django.utils import translation

from applications.enums import Language

# Names the form's labels do not give, in the three languages.
_ALSO_CALLED = {"mandarin": "zh", "cantonese": "zh", "cantonais": "zh", "cantonés": "zh"}


def _plain(text: str) -> str:
    """Lower case, without accents: "Árabe" and "arabe" read the same."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.cache
def _names() -> dict[str, str]:
    """Each language's name in English, French and Spanish (as the form labels them),
    without accents, to its code."""
    names = {_plain(word): code for word, code in _ALSO_CALLED.items()}
    for language in ("en", "fr", "es"):
        with translation.override(language):
            for code, label in Language.choices:
                if code != Language.OTHER:
                    names[_plain(str(label))] = code
    return names


def language_named(text: str) -> str | None:
    """The code of the first language named in a text, "other" when the text names none
    that the form offers, None when it is empty."""
    words = re.findall(r"\w+", _plain(text))
    if not words:
        return None
    names = _names()
    return next((names[word] for word in words if word in names), Language.OTHER.value)
