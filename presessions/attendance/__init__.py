"""Attendance: observers' accreditations, the trainings and networking event, and the
missions' mailing list."""
