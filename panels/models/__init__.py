"""The panels side, by concept: the panel of each Pre-session, the timetable, the
statements, the practical guide of each series and the UPR record."""

from panels.models.guide import PracticalGuide
from panels.models.observer_document import ObserverDocument
from panels.models.panel import Decision, Panel, Placement
from panels.models.record import RecommendationMatch, RecordImport, UPRRecommendation
from panels.models.statement import Material, Recommendation, Statement
from panels.models.timetable import Meeting, Room, Timetable, TimetableDay

__all__ = [
    "Decision",
    "Material",
    "Meeting",
    "ObserverDocument",
    "Panel",
    "Placement",
    "PracticalGuide",
    "Recommendation",
    "RecommendationMatch",
    "RecordImport",
    "Room",
    "Statement",
    "Timetable",
    "TimetableDay",
    "UPRRecommendation",
]
