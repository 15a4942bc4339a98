"""Dates as people read them in their language: Django's DATE_FORMAT of the active
language ("March 23, 2027", "23 mars 2027", "23 de marzo de 2027"), never a pattern of
our own. Times stay on the 24-hour clock of the Geneva programme."""

from __future__ import annotations

import datetime as dt

from django.utils import formats
from django.utils.translation import pgettext


def long_date(value: dt.date | None) -> str:
    """The weekday and the date: "Tuesday, March 23, 2027", "mardi 23 mars 2027"."""
    if not value:
        return ""
    return pgettext("a weekday and its date", "%(weekday)s, %(date)s") % {
        "weekday": formats.date_format(value, "l"),
        "date": formats.date_format(value, "DATE_FORMAT"),
    }


def date_and_time(value: dt.datetime | None) -> str:
    """The date and the time (24-hour clock): "March 23, 2027, 17:00"."""
    if not value:
        return ""
    return pgettext("a date and a time", "%(date)s, %(time)s") % {
        "date": formats.date_format(value, "DATE_FORMAT"),
        "time": formats.time_format(value, "H:i"),
    }
