"""Which interpretation a meeting needs, from the languages of its speakers.

Pure: plain data in, plain data out. The meetings are held in English; French and
Spanish are interpreted into English by default; when most speakers use none of the
three languages, the meeting needs simultaneous interpretation (arranged by staff).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

MEETING_LANGUAGES = ("en", "fr", "es")


@dataclass(frozen=True)
class Interpretation:
    into_english_from: tuple[str, ...]  # "fr", "es": languages to interpret into English
    other_language_speakers: int  # speakers who use none of English, French or Spanish
    needs_simultaneous: bool  # most speakers use none of the three


def interpretation_for(speakers: Sequence[Collection[str]]) -> Interpretation:
    """speakers: for each speaker, the codes of the languages they can speak in."""
    needed: set[str] = set()
    others = 0
    for languages in speakers:
        if "en" in languages:
            continue
        if "fr" in languages:
            needed.add("fr")
        elif "es" in languages:
            needed.add("es")
        else:
            others += 1
    return Interpretation(
        into_english_from=tuple(code for code in MEETING_LANGUAGES if code in needed),
        other_language_speakers=others,
        needs_simultaneous=bool(speakers) and others * 2 > len(speakers),
    )
