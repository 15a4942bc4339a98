"""The panels side, by concept: the panel of each Pre-session, and the timetable."""

from .panel import Decision, Panel, Placement
from .timetable import Meeting, Room, Timetable, TimetableDay

__all__ = ["Decision", "Meeting", "Panel", "Placement", "Room", "Timetable", "TimetableDay"]
