"""The plain data of the timetable: meetings, mornings, pins, slots, results and their codes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta
from enum import StrEnum

DEFAULT_GAP = 10
STEP = 5

Position = tuple[int, int, int]  # day, start, room
Params = tuple[tuple[str, int], ...]  # pairs, so that ``dict(problem.params)`` is JSON-friendly


class Code(StrEnum):
    # Why a series has no timetable (``Infeasible.problems``)
    PIN_OUTSIDE_WINDOW = "pin_outside_window"
    PIN_ON_UNUSABLE_DAY = "pin_on_unusable_day"
    PINS_OVERLAP = "pins_overlap"
    PINS_TOO_CLOSE = "pins_too_close"
    NO_USABLE_DAY = "no_usable_day"
    MEETING_TOO_LONG = "meeting_too_long"
    NOT_ENOUGH_TIME = "not_enough_time"
    DOES_NOT_FIT = "does_not_fit"
    CANNOT_FIT = "cannot_fit"
    # What is wrong with a hand-made timetable (``validate_slots``)
    OUTSIDE_WINDOW = "outside_window"
    UNUSABLE_DAY = "unusable_day"
    OVERLAP = "overlap"
    TOO_CLOSE = "too_close"


@dataclass(frozen=True)
class Window:
    start: int  # minutes since midnight
    end: int

    @classmethod
    def between(cls, start: time, end: time) -> Window:
        return cls(start.hour * 60 + start.minute, end.hour * 60 + end.minute)

    @property
    def minutes(self) -> int:
        return self.end - self.start


DEFAULT_WINDOW = Window(10 * 60, 13 * 60)


@dataclass(frozen=True)
class Meeting:
    id: int
    review_order: int
    speakers: int
    unavailable_days: frozenset[int] = frozenset()
    length: int | None = None  # minutes; derived from ``speakers`` when None

    @property
    def minutes(self) -> int:
        return meeting_length(self.speakers) if self.length is None else self.length


@dataclass(frozen=True)
class Pin:
    meeting_id: int
    day: int
    room: int
    start: int


@dataclass(frozen=True)
class Slot:
    meeting_id: int
    day: int
    room: int
    start: int
    end: int


@dataclass(frozen=True)
class Plan:
    """A timetable the planner found: plain data (the stored one is panels.models.Timetable)."""

    slots: tuple[Slot, ...]  # sorted by (day, start, room)
    day_minutes: tuple[int, ...]  # minutes of meetings per day
    inversions: int


@dataclass(frozen=True)
class Problem:
    code: Code
    params: Params = ()


@dataclass(frozen=True)
class Infeasible:
    problems: tuple[Problem, ...]


def meeting_length(speakers: int) -> int:
    """5 min opening, 7 per speaker, 15 of questions; up to a multiple of 5, within 30-60."""
    if speakers < 0:
        raise ValueError(f"negative number of speakers: {speakers}")
    raw = 5 + 7 * speakers + 15
    return min(60, max(30, -(-raw // STEP) * STEP))


def default_days(any_day_of_week: date) -> tuple[date, ...]:
    """Tuesday to Friday of the week of ``any_day_of_week``."""
    monday = any_day_of_week - timedelta(days=any_day_of_week.weekday())
    return tuple(monday + timedelta(days=i) for i in range(1, 5))


def default_windows(days: int = 4) -> tuple[Window, ...]:
    return (DEFAULT_WINDOW,) * days
