"""The dates of presessions.dates as template filters: {{ day|long_date }},
{{ deadline|date_and_time }} (in the current time zone, as Django's date filter)."""

from django import template

from presessions import dates

register = template.Library()

register.filter("long_date", dates.long_date, expects_localtime=True)
register.filter("date_and_time", dates.date_and_time, expects_localtime=True)
