"""What each decision about a panel says, worded when it is read, in the reader's
language: a decision stores its kind (its action) and its values (the applications
it names, counts, times as ISO strings in UTC), never sentences. Times are shown in
the current time zone (settings.TIME_ZONE, the venue's), as the admin shows made_at.

Decisions recorded before the values existed kept their words in `details`, in the
language of whoever made them; values_from_details() turns those it can read back
into values (the data migration of panels uses it), the rest are shown as written."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from panels.enums import DecisionAction


class Named(Protocol):
    reference: str
    organisation_name: str


def application_value(application: Named) -> dict[str, str]:
    """An application as a decision remembers it: as it was named at the time."""
    return {"reference": application.reference, "organisation": application.organisation_name}


def applications_value(applications: Iterable[Named]) -> list[dict[str, str]]:
    return [application_value(a) for a in applications]


def moment_value(moment: dt.datetime) -> str:
    """A time as a decision stores it: ISO 8601 in UTC."""
    return moment.astimezone(dt.UTC).isoformat()


def moment_text(value: str) -> str:
    """A stored time in the current time zone and the reader's format."""
    return formats.localize(timezone.localtime(dt.datetime.fromisoformat(value)))


def _name(application: Mapping[str, str] | None) -> str:
    if not application:
        return "-"
    return f"{application.get('reference', '')} {application.get('organisation', '')}".strip()


def _names(applications: Iterable[Mapping[str, str]] | None) -> str:
    return ", ".join(_name(a) for a in applications or ()) or "-"


def describe(action: str, values: Mapping[str, Any], details: str = "") -> str:
    """The words of one decision in the active language; a decision without values
    (recorded before they existed, or erased) says what it said when written."""
    if not values:
        return details
    if action == DecisionAction.SUGGESTED:
        return _("Suggested: %(members)s (gender gap %(gap)s, score %(score)s).") % {
            "members": _names(values.get("members")),
            "gap": values.get("gap"),
            "score": values.get("score"),
        }
    if action == DecisionAction.PINNED:
        return _("Pinned: %(pinned)s. Excluded: %(excluded)s.") % {
            "pinned": _names(values.get("pinned")),
            "excluded": _names(values.get("excluded")),
        }
    if action == DecisionAction.CHANGED:
        return _("Added: %(added)s. Removed: %(removed)s.") % {
            "added": _names(values.get("added")),
            "removed": _names(values.get("removed")),
        }
    if action == DecisionAction.CONFIRMED:
        return _("Panel: %(m)s.") % {"m": _names(values.get("members"))}
    if action == DecisionAction.SENT:
        recipients = values.get("recipients") or []
        return _("%(count)s emails: %(who)s.") % {
            "count": len(recipients),
            "who": _names(recipients),
        }
    if action == DecisionAction.WITHDREW:
        return _("%(who)s withdrew the application. Proposed replacement: %(replacement)s.") % {
            "who": _name(values.get("speaker")),
            "replacement": _name(values.get("replacement")),
        }
    if action == DecisionAction.DECLINED:
        return _("%(who)s declined. Proposed replacement: %(replacement)s.") % {
            "who": _name(values.get("speaker")),
            "replacement": _name(values.get("replacement")),
        }
    if action == DecisionAction.REPLACED:
        return _name(values.get("replacement"))
    if action == DecisionAction.SENT_EARLY:
        return _("Sent before the call closed, because: %(reason)s") % {
            "reason": values.get("reason", "")
        }
    if action == DecisionAction.COMPLETE:
        return _("The panel is complete; told the waitlist: %(who)s.") % {
            "who": _names(values.get("recipients"))
        }
    return details


# The words decisions were written in before they were stored as values, in each
# language of the site, frozen as they were (the translations may change later; these
# rows will not), by the kind they were recorded under: (kind read, the words).
_WRITTEN: dict[str, list[tuple[str, str]]] = {
    DecisionAction.SUGGESTED: [
        (DecisionAction.SUGGESTED, "Suggested: %(members)s (gender gap %(gap)s, score %(score)s)."),
        (
            DecisionAction.SUGGESTED,
            "Suggestion : %(members)s (écart entre femmes et hommes : %(gap)s ; score : "
            "%(score)s).",
        ),
        (
            DecisionAction.SUGGESTED,
            "Sugerido: %(members)s (diferencia entre mujeres y hombres: %(gap)s; "
            "puntuación: %(score)s).",
        ),
    ],
    DecisionAction.CHANGED: [
        (DecisionAction.PINNED, "Pinned: %(pinned)s. Excluded: %(excluded)s."),
        (DecisionAction.PINNED, "Épinglées : %(pinned)s. Exclues : %(excluded)s."),
        (DecisionAction.PINNED, "Fijadas: %(pinned)s. Excluidas: %(excluded)s."),
        (DecisionAction.CHANGED, "Added: %(added)s. Removed: %(removed)s."),
        (DecisionAction.CHANGED, "Ajoutées : %(added)s. Retirées : %(removed)s."),
        (DecisionAction.CHANGED, "Añadidas: %(added)s. Quitadas: %(removed)s."),
    ],
    DecisionAction.CONFIRMED: [
        (DecisionAction.CONFIRMED, "Panel: %(members)s."),
        (DecisionAction.CONFIRMED, "Panel : %(members)s."),
    ],
    DecisionAction.SENT: [
        (DecisionAction.SENT, "%(count)s emails: %(recipients)s."),
        (DecisionAction.SENT, "%(count)s e-mails : %(recipients)s."),
        (DecisionAction.SENT, "%(count)s correos electrónicos: %(recipients)s."),
    ],
    DecisionAction.DECLINED: [
        (
            DecisionAction.WITHDREW,
            "%(speaker)s withdrew the application. Proposed replacement: %(replacement)s.",
        ),
        (
            DecisionAction.WITHDREW,
            "%(speaker)s a retiré sa candidature. Remplaçant proposé : %(replacement)s.",
        ),
        (
            DecisionAction.WITHDREW,
            "%(speaker)s retiró su solicitud. Reemplazo propuesto: %(replacement)s.",
        ),
        (DecisionAction.DECLINED, "%(speaker)s declined. Proposed replacement: %(replacement)s."),
        (
            DecisionAction.DECLINED,
            "%(speaker)s a décliné l'invitation. Remplaçant proposé : %(replacement)s.",
        ),
        (
            DecisionAction.DECLINED,
            "%(speaker)s declinó la invitación. Reemplazo propuesto: %(replacement)s.",
        ),
    ],
    DecisionAction.REPLACED: [(DecisionAction.REPLACED, "%(replacement)s")],
}

_NUMBERS = {"gap", "score", "count"}
_ONE_APPLICATION = {"speaker", "replacement"}
# A reference is the Pre-session's code and a four-digit number (PS49-KEN-0007).
_REFERENCE = r"\S+-\d{4,}"
_NAMED = re.compile(rf"(?:^|, )({_REFERENCE}) (.*?)(?=, {_REFERENCE} |$)")


def _pattern(words: str) -> re.Pattern[str]:
    """The words as a pattern; a space matches a no-break space too (French puts one
    before its colons, and whether a row has it depends on the catalogue of its day)."""
    parts = re.split(r"%\((\w+)\)s", words)
    regex = "".join(
        re.escape(part).replace("\\ ", "[ \u00a0]") if n % 2 == 0 else f"(?P<{part}>.+?)"
        for n, part in enumerate(parts)
    )
    return re.compile(f"^{regex}$", re.DOTALL)


def _read_names(text: str) -> list[dict[str, str]] | None:
    if text == "-":
        return []
    named = [{"reference": m[1], "organisation": m[2]} for m in _NAMED.finditer(text)]
    return named if named and _names(named) == text else None


def values_from_details(action: str, details: str) -> tuple[str, dict[str, Any]] | None:
    """The kind and values of a decision written as words, or None when the words are
    not the ones the site wrote (they then stay as written). The words are read back
    only if the values give exactly the same words again."""
    if action == DecisionAction.REOPENED and not details:
        return None  # nothing to read: a reopening has no values
    for kind, words in _WRITTEN.get(action, []):
        found = _pattern(words).match(details)
        if found is None:
            continue
        values: dict[str, Any] = {}
        for key, text in found.groupdict().items():
            if key in _NUMBERS:
                if not text.isdigit():
                    break
                values[key] = int(text)
            elif key in _ONE_APPLICATION:
                named = _read_names(text)
                if named is None or len(named) > 1:
                    break
                values[key] = named[0] if named else None
            else:
                named = _read_names(text)
                if named is None:
                    break
                values[key] = named
        else:
            if "count" in values and values.pop("count") != len(values["recipients"]):
                continue
            return kind, values
    return None
