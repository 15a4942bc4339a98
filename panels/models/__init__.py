"""The panels side, by concept: the panel of each Pre-session, and the timetable."""

from panels.models.panel import Decision, Panel, Placement
from panels.models.statement import Material, Recommendation, Statement
from panels.models.timetable import Meeting, Room, Timetable, TimetableDay

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
