"""The panels side, by concept: the panel of each Pre-session, the timetable, the
statements and the UPR record."""

from panels.models.panel import Decision, Panel, Placement
from panels.models.record import RecordImport, UPRRecommendation
from panels.models.statement import Material, Recommendation, Statement
from panels.models.timetable import Meeting, Room, Timetable, TimetableDay

__all__ = [
    "Decision",
    "Material",
    "Meeting",
    "Panel",
    "Placement",
    "Recommendation",
    "RecordImport",
    "Room",
    "Statement",
    "Timetable",
    "TimetableDay",
    "UPRRecommendation",
]
