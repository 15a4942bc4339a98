"""Which interpretation a meeting needs, from what its speakers said of their languages.

Pure: plain data in, plain data out. The meetings are held in English; French and
Spanish are interpreted into English by default; a speaker who can use none of the
three, or who asked for interpretation from another language (Arabic, say), needs that
language interpreted; when most speakers need another language, the meeting needs
simultaneous interpretation (arranged by staff).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

MEETING_LANGUAGES = ("en", "fr", "es")
# Other languages in the order they are listed (the application form's choices), and
# "other" for a language named in words that is none of them.
OTHER_LANGUAGES = ("ar", "zh", "ru", "pt", "other")


@dataclass(frozen=True)
class Speaker:
    """What one speaker said: the languages they can speak in, and, when they asked for
    interpretation, the language to interpret from (a code of OTHER_LANGUAGES or of the
    meetings' languages; "other" for one named in words and not recognised)."""

    uses: Collection[str]
    needs_from: str | None = None


@dataclass(frozen=True)
class Interpretation:
    into_english_from: tuple[str, ...]  # "fr", "es": languages to interpret into English
    other_language_speakers: int  # speakers who need a language other than the three
    needs_simultaneous: bool  # most speakers need a language other than the three
    # The other languages to interpret from, in OTHER_LANGUAGES' order.
    from_other_languages: tuple[str, ...] = ()


def _needs(speaker: Speaker) -> str | None:
    """The language to interpret into English for one speaker, or None."""
    if speaker.needs_from in ("fr", "es") or speaker.needs_from in OTHER_LANGUAGES:
        return speaker.needs_from
    uses = speaker.uses
    if "en" in uses:
        return None
    if "fr" in uses:
        return "fr"
    if "es" in uses:
        return "es"
    return next((code for code in OTHER_LANGUAGES if code in uses), "other")


def interpretation_for(speakers: Sequence[Speaker]) -> Interpretation:
    needed = [_needs(speaker) for speaker in speakers]
    others = [code for code in needed if code in OTHER_LANGUAGES]
    return Interpretation(
        into_english_from=tuple(code for code in ("fr", "es") if code in needed),
        other_language_speakers=len(others),
        needs_simultaneous=bool(speakers) and len(others) * 2 > len(speakers),
        from_other_languages=tuple(code for code in OTHER_LANGUAGES if code in others),
    )
