"""Reads of the selection."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from applications.enums import Gender, Language, Scope
from applications.models import Application
from panels.models import Panel, Placement


def told_placement(application: Application) -> Placement | None:
    """The applicant's placement, only once they have been told its outcome."""
    placement = Placement.objects.filter(application=application).first()
    if placement is None or not placement.notified_outcome:
        return None
    return placement


@dataclass(frozen=True)
class PanelAtAGlance:
    """What the speakers holding a seat on a panel add up to, beside its placements."""

    speakers: int
    women: int
    men: int
    others: int  # another gender, or not said: counted for neither side of the balance
    scopes: tuple[tuple[str, int], ...]  # (label, speakers), in the order of Scope
    themes: tuple[str, ...]  # the distinct main themes, by name
    languages: tuple[tuple[str, int], ...]  # (label, speakers), in the order of Language
    needing_interpretation: int


def panel_at_a_glance(panel: Panel) -> PanelAtAGlance:
    """The totals of the panel's active speakers (selected, not declined), in one query."""
    members = [
        placement.application
        for placement in Placement.objects.filter(panel=panel)
        .active_speakers()
        .select_related("application__main_theme")
    ]
    genders = Counter(member.speaker_gender for member in members)
    scopes = Counter(member.scope for member in members)
    languages = Counter(code for member in members for code in member.speaker_languages)
    return PanelAtAGlance(
        speakers=len(members),
        women=genders[Gender.WOMAN],
        men=genders[Gender.MAN],
        others=len(members) - genders[Gender.WOMAN] - genders[Gender.MAN],
        scopes=tuple(
            (str(label), scopes[value]) for value, label in Scope.choices if scopes[value]
        ),
        themes=tuple(sorted({member.main_theme.label for member in members}, key=str.casefold)),
        languages=tuple(
            (str(label), languages[value]) for value, label in Language.choices if languages[value]
        ),
        needing_interpretation=sum(member.needs_interpretation for member in members),
    )
