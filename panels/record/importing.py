"""From read rows to recommendations: each line checked and mapped (States, themes,
session, response), refused with a reason if it cannot be, then compared with what is
already imported (created, updated or unchanged), and written in bulk.

A recommendation's natural key is a hash of its State under Review, recommending
State, session and text (normalised: no paragraph number, no "(State)" at the end, no
case or spacing differences), so that the same file, or the same recommendations in the
other format, imported twice create nothing new."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from panels import fulltext
from panels.enums import RecordResponse
from panels.models import UPRRecommendation
from panels.record import names, page_cache, signals
from panels.record.reading import RawRow
from presessions.models import Theme

MAX_TEXT_LENGTH = 10_000
_CHUNK = 2000
_LOOKUP_CHUNK = 500
# How many lines of each kind the report keeps to show (every count stays exact).
REPORT_REFUSED = 2000
REPORT_CHANGED = 200

REASONS = {
    "missing_text": _("The recommendation text is empty."),
    "text_too_long": _("The recommendation is longer than %(limit)s characters."),
    "missing_state": _("The recommending State is missing."),
    "unknown_state": _("No UN Member State or observer State is called “%(name)s”."),
    "missing_sur": _("The State under Review is missing."),
    "unknown_sur": _("“%(name)s” is not a UN Member State, so it cannot be a State under Review."),
    "same_state": _("A State does not recommend to itself."),
    "missing_session": _("The session is missing."),
    "bad_session": _("“%(value)s” is not a session of the UPR Working Group (1 to 99)."),
    "bad_cycle": _("“%(value)s” is not a UPR cycle (1 to 9)."),
    "bad_response": _("The response “%(value)s” is neither supported nor noted."),
    "unknown_theme": _("No theme of the taxonomy is called “%(name)s”."),
    "bad_category": _("The action category “%(value)s” is not a number from 1 to 5."),
    "duplicate": _("The same recommendation as line %(line)s."),
}

_RESPONSES = {
    "supported": RecordResponse.SUPPORTED,
    "accepted": RecordResponse.SUPPORTED,
    "supported accepted": RecordResponse.SUPPORTED,
    "noted": RecordResponse.NOTED,
    "rejected": RecordResponse.NOTED,
    "not accepted": RecordResponse.NOTED,
    "": "",
    "pending": "",
}
_NUMBER = re.compile(r"^\s*\d+(\.\d+)*\.?\s+")
_ATTRIBUTION = re.compile(r"\s*\(([^()]+)\)\s*[;.,]?\s*$")
_THEME_SEPARATORS = re.compile(r"[;|,\n]+")
_FIRST_NUMBER = re.compile(r"\d+")
_OPTIONAL = ("response", "action_category", "issues")


@dataclass(frozen=True)
class Defaults:
    """What the upload says for files that do not (an OHCHR matrix is one review's)."""

    state_under_review: str = ""
    session: int | None = None


@dataclass(frozen=True)
class CleanRow:
    line: int
    key: str
    state_under_review: str
    recommending_state: str
    session: int
    cycle: int
    text: str
    response: str
    action_category: int | None
    theme_ids: frozenset[int]
    # The optional columns the file has: those it lacks keep what the record holds (a
    # matrix has no action categories, and must not erase UPR Info's).
    supplied: frozenset[str] = frozenset(_OPTIONAL)

    def fields(self) -> tuple:
        return (self.cycle, self.text, self.response, self.action_category, self.theme_ids)

    def over(self, existing: tuple) -> CleanRow:
        """This row, with what its file does not say taken from the existing fields."""
        _cycle, _text, response, category, theme_ids = existing
        return dataclasses.replace(
            self,
            response=self.response if "response" in self.supplied else response,
            action_category=self.action_category
            if "action_category" in self.supplied
            else category,
            theme_ids=self.theme_ids if "issues" in self.supplied else theme_ids,
        )


@dataclass(frozen=True)
class Refusal:
    line: int
    code: str
    params: dict = field(default_factory=dict)

    @property
    def message(self) -> str:
        return str(REASONS[self.code]) % self.params if self.params else str(REASONS[self.code])


@dataclass
class Plan:
    create: list[CleanRow] = field(default_factory=list)
    update: list[tuple[int, CleanRow]] = field(default_factory=list)
    unchanged: int = 0
    refusals: list[Refusal] = field(default_factory=list)
    total: int = 0

    def report(self) -> list[dict]:
        """The lines to show: the refused ones first, then some created and updated."""
        lines = [
            {"line": r.line, "action": "refused", "code": r.code, "params": r.params}
            for r in self.refusals[:REPORT_REFUSED]
        ]
        lines += [_described(row, "create") for row in self.create[:REPORT_CHANGED]]
        lines += [_described(row, "update") for _pk, row in self.update[:REPORT_CHANGED]]
        return lines


def _described(row: CleanRow, action: str) -> dict:
    return {
        "line": row.line,
        "action": action,
        "params": {
            "by": row.recommending_state,
            "sur": row.state_under_review,
            "session": row.session,
        },
    }


def cycle_of(session: int) -> int:
    """The UPR cycle of a Working Group session: 12 sessions in the first, 14 after."""
    return 1 if session <= 12 else (session - 13) // 14 + 2


def normalised_text(text: str) -> str:
    return " ".join(text.casefold().split()).rstrip(" ;.,")


def natural_key(sur: str, by: str, session: int, text: str) -> str:
    material = f"{sur}|{by}|{session}|{normalised_text(text)}"
    return hashlib.sha256(material.encode()).hexdigest()


def _number(value: str, low: int, high: int) -> int | None:
    found = _FIRST_NUMBER.search(value)
    if found is None or not low <= int(found.group()) <= high:
        return None
    return int(found.group())


class Mapper:
    """Checks and maps the rows of one file; holds the theme index (one query)."""

    def __init__(self, defaults: Defaults) -> None:
        self.defaults = defaults
        self.themes = names.theme_index(
            list(Theme.objects.values_list("pk", "name", "name_fr", "name_es"))
        )

    def map(self, row: RawRow) -> CleanRow | Refusal:
        values = row.values
        text = fulltext.clean_text(values.get("text", "")).strip()
        text = _NUMBER.sub("", text)
        by_name = values.get("recommending_state", "")
        attribution = _ATTRIBUTION.search(text)
        if attribution:
            # An OHCHR matrix ends each recommendation with its source: "... (Chile);".
            source = attribution.group(1).strip()
            if names.state_code(source):
                text = text[: attribution.start()]
                by_name = by_name or source
            elif not by_name:
                by_name = source  # refused below, with the name it gave
        text = text.rstrip(" ;,")
        if not text:
            return Refusal(row.line, "missing_text")
        if len(text) > MAX_TEXT_LENGTH:
            return Refusal(row.line, "text_too_long", {"limit": MAX_TEXT_LENGTH})
        if not by_name:
            return Refusal(row.line, "missing_state")
        by = names.state_code(by_name)
        if by is None:
            return Refusal(row.line, "unknown_state", {"name": by_name[:100]})
        sur_name = values.get("state_under_review", "")
        if sur_name:
            sur = names.state_code(sur_name)
            if sur is None or not names.is_member_state(sur):
                return Refusal(row.line, "unknown_sur", {"name": sur_name[:100]})
        elif self.defaults.state_under_review:
            sur = self.defaults.state_under_review
        else:
            return Refusal(row.line, "missing_sur")
        if sur == by:
            return Refusal(row.line, "same_state")
        session_value = values.get("session", "")
        if session_value:
            session = _number(session_value, 1, 99)
            if session is None:
                return Refusal(row.line, "bad_session", {"value": session_value[:50]})
        elif self.defaults.session:
            session = self.defaults.session
        else:
            return Refusal(row.line, "missing_session")
        cycle_value = values.get("cycle", "")
        cycle = _number(cycle_value, 1, 9) if cycle_value else cycle_of(session)
        if cycle is None:
            return Refusal(row.line, "bad_cycle", {"value": cycle_value[:50]})
        response_value = values.get("response", "")
        response = _RESPONSES.get(names.normalise(response_value))
        if response is None:
            return Refusal(row.line, "bad_response", {"value": response_value[:50]})
        category_value = values.get("action_category", "")
        category = _number(category_value, 1, 5) if category_value else None
        if category_value and category is None:
            return Refusal(row.line, "bad_category", {"value": category_value[:50]})
        theme_ids = set()
        for name in _THEME_SEPARATORS.split(values.get("issues", "")):
            if not name.strip():
                continue
            theme_id = self.themes.get(names.normalise(name))
            if theme_id is None:
                return Refusal(row.line, "unknown_theme", {"name": name.strip()[:100]})
            theme_ids.add(theme_id)
        return CleanRow(
            line=row.line,
            key=natural_key(sur, by, session, text),
            state_under_review=sur,
            recommending_state=by,
            session=session,
            cycle=cycle,
            text=text,
            response=response,
            action_category=category,
            theme_ids=frozenset(theme_ids),
            supplied=frozenset(name for name in _OPTIONAL if name in values),
        )


def plan(rows: Sequence[RawRow], defaults: Defaults) -> Plan:
    """What importing these rows would do; reads, writes nothing."""
    mapper = Mapper(defaults)
    result = Plan(total=len(rows))
    seen: dict[str, int] = {}
    clean: list[CleanRow] = []
    for row in rows:
        mapped = mapper.map(row)
        if isinstance(mapped, Refusal):
            result.refusals.append(mapped)
        elif mapped.key in seen:
            result.refusals.append(Refusal(row.line, "duplicate", {"line": seen[mapped.key]}))
        else:
            seen[mapped.key] = mapped.line
            clean.append(mapped)
    for start in range(0, len(clean), _LOOKUP_CHUNK):
        chunk = clean[start : start + _LOOKUP_CHUNK]
        existing = _existing([item.key for item in chunk])
        for item in chunk:
            found = existing.get(item.key)
            if found is None:
                result.create.append(item)
                continue
            merged = item.over(found[1])
            if found[1] != merged.fields():
                result.update.append((found[0], merged))
            else:
                result.unchanged += 1
    return result


def _existing(keys: list[str]) -> dict[str, tuple[int, tuple]]:
    rows = list(
        UPRRecommendation.objects.filter(key__in=keys).values_list(
            "pk", "key", "cycle", "text", "response", "action_category"
        )
    )
    themes: dict[int, set[int]] = {pk: set() for pk, *_rest in rows}
    through = UPRRecommendation.themes.through.objects.filter(
        uprrecommendation_id__in=list(themes)
    ).values_list("uprrecommendation_id", "theme_id")
    for pk, theme_id in through:
        themes[pk].add(theme_id)
    return {
        key: (pk, (cycle, text, response, category, frozenset(themes[pk])))
        for pk, key, cycle, text, response, category in rows
    }


def apply(result: Plan, *, progress: Callable[[int], None] | None = None) -> None:
    """Write a plan, a chunk at a time (each chunk atomic, so that the progress can be
    read while it runs; running the same file again completes an interrupted import).
    Once any row is written, the record's cached answers are renewed (page_cache), even
    when a later chunk fails: what was written stays."""
    work: list[tuple[int | None, CleanRow]] = [(None, row) for row in result.create]
    work += result.update
    done = 0
    try:
        for start in range(0, len(work), _CHUNK):
            chunk = work[start : start + _CHUNK]
            with transaction.atomic():
                _write(chunk)
            changed = [pk for pk, _row in chunk if pk is not None]
            if changed:
                signals.recommendations_changed.send(sender=UPRRecommendation, ids=changed)
            done += len(chunk)
            if progress:
                progress(done)
    finally:
        if done:
            page_cache.renew_record()


def _write(chunk: list[tuple[int | None, CleanRow]]) -> None:
    through = UPRRecommendation.themes.through
    new = [row for pk, row in chunk if pk is None]
    UPRRecommendation.objects.bulk_create(
        [_model(row) for row in new], batch_size=500, ignore_conflicts=True
    )
    ids = dict(
        UPRRecommendation.objects.filter(key__in=[row.key for row in new]).values_list("key", "pk")
    )
    changed = [(pk, row) for pk, row in chunk if pk is not None]
    updated = []
    for pk, row in changed:
        model = _model(row)
        model.pk = pk
        updated.append(model)
    UPRRecommendation.objects.bulk_update(
        updated,
        ["cycle", "text", "response", "action_category", "search_document"],
        batch_size=500,
    )
    through.objects.filter(uprrecommendation_id__in=[pk for pk, _row in changed]).delete()
    links = [
        through(uprrecommendation_id=ids[row.key], theme_id=theme_id)
        for row in new
        for theme_id in row.theme_ids
    ]
    links += [
        through(uprrecommendation_id=pk, theme_id=theme_id)
        for pk, row in changed
        for theme_id in row.theme_ids
    ]
    through.objects.bulk_create(links, batch_size=1000, ignore_conflicts=True)
    fulltext.refresh_vectors(
        UPRRecommendation.objects.filter(pk__in=[*ids.values(), *(pk for pk, _r in changed)])
    )


def _model(row: CleanRow) -> UPRRecommendation:
    return UPRRecommendation(
        key=row.key,
        state_under_review=row.state_under_review,
        recommending_state=row.recommending_state,
        session=row.session,
        cycle=row.cycle,
        text=row.text,
        response=row.response,
        action_category=row.action_category,
        search_document=row.text,
    )
