"""The panels side, by concept: the panel of each Pre-session, and the timetable."""

from .panel import Decision, Panel, Placement
from .statement import Material, Recommendation, Statement
from .timetable import Meeting, Room, Timetable, TimetableDay

__all__ = [
    "Decision",
    "Material",
    "Meeting",
    "Panel",
    "Placement",
    "Recommendation",
    "Room",
    "Statement",
    "Timetable",
    "TimetableDay",
]
