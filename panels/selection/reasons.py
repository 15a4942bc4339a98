"""Plain-language, translated reasons for each applicant's place, from the codes that
panels.selection.rule returns (the algorithm stays free of Django and of wording)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from applications.enums import Language

MANUAL_IN = "manual_in"
MANUAL_OUT = "manual_out"
REPLACEMENT = "replacement"
NOT_ELIGIBLE = "not_eligible"


def describe(code: str, params: Mapping[str, Any] | None = None) -> str:
    params = dict(params or {})
    if code == "pinned":
        return _("On the panel: pinned by a coordinator.")
    if code == "selected":
        if params.get("adds_theme"):
            return _(
                "On the panel: scores %(score)s and brings a theme no other speaker covers."
            ) % {"score": params.get("score", 0)}
        return _("On the panel: scores %(score)s.") % {"score": params.get("score", 0)}
    if code == "excluded":
        return _("Not on the panel: excluded by a coordinator.")
    if code == "same_organisation":
        return _("Not on the panel: another application of the same organisation is on it.")
    if code == "gender_balance":
        return _(
            "Not on the panel: with it, the panel's gender gap would be %(with)s instead "
            "of %(best)s."
        ) % {"with": params.get("imbalance_with"), "best": params.get("imbalance_best")}
    if code == "lower_score":
        return _(
            "Not on the panel: the best panel with it would score %(with)s instead of %(best)s."
        ) % {"with": params.get("score_with"), "best": params.get("score_best")}
    if code == "tie_later_submission":
        return _(
            "Not on the panel: a panel with it would be as balanced and score as much; "
            "applications submitted earlier come first."
        )
    if code == "no_seat":
        return _("Not on the panel: the coordinators' pins fill every seat.")
    if code == "waitlist_full":
        if not params.get("waitlist_length"):
            return _("Not on the panel, and not kept on a waitlist: this series keeps none.")
        return ngettext(
            "Not kept on the waitlist: it would be number %(rank)s on it, and the waitlist "
            "holds %(length)s place.",
            "Not kept on the waitlist: it would be number %(rank)s on it, and the waitlist "
            "holds %(length)s places.",
            params["waitlist_length"],
        ) % {"rank": params.get("rank"), "length": params["waitlist_length"]}
    if code == MANUAL_IN:
        return _("On the panel: added by a coordinator.")
    if code == MANUAL_OUT:
        return _("Not on the panel: taken off by a coordinator.")
    if code == REPLACEMENT:
        return _("On the panel: invited to replace a speaker who declined.")
    if code == NOT_ELIGIBLE:
        return _("Not considered: withdrawn or marked ineligible.")
    return code


def interpretation_labels(interpretation) -> list[str]:
    """Each language a meeting interprets into English, named in the reader's language
    ("French into English", "Arabic into English"), from an Interpretation of
    panels.programme.interpretation."""
    names = {"fr": _("French into English"), "es": _("Spanish into English"),
             "other": _("another language into English")}  # fmt: skip
    labels = [names[code] for code in interpretation.into_english_from]
    for code in interpretation.from_other_languages:
        if code in names:
            labels.append(names[code])
        else:
            labels.append(_("%(language)s into English") % {"language": Language(code).label})
    return labels


def describe_interpretation(interpretation) -> str:
    """The interpretation a meeting needs, for staff (see panels.programme.interpretation)."""
    labels = ", ".join(interpretation_labels(interpretation))
    if interpretation.needs_simultaneous:
        return _(
            "Simultaneous interpretation (%(languages)s): most speakers need a language "
            "other than English, French and Spanish."
        ) % {"languages": labels}
    return labels or _("None needed")
