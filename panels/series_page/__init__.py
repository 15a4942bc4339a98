"""The series page: where a series stands, country by country, and its next step."""
