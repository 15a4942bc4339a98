"""The programme: the pure timetable (planner/), its state changes (scheduling.py), the
public programme, its calendars and the interpretation each meeting needs."""
