"""The days of a published programme, rendered in Python.

The programme's page and its print view show every meeting of a series, with its
speakers, interpretation and documents; written out here, with the words of the
catalogue looked up once per page, they cost a fraction of the template loop they
replace (tests/panels/templatetags/test_programme_days.py keeps that loop and checks
the two give the same page, character for character). Every value is escaped as the
template engine would."""

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from panels.programme.interpretation import Interpretation
from panels.programme.public import GENEVA, Programme, ProgrammeMeeting
from panels.templatetags.statement_cards import escape
from presessions.dates import long_date

register = template.Library()


class _Words:
    """The catalogue's words of the programme, in the active language, and what each
    page names again and again (countries, interpretations), looked up once per page."""

    def __init__(self, number: int) -> None:
        self.room = _("Room:")
        self.to_be_confirmed = _("Speakers to be confirmed.")
        self.speakers = _("Speakers:")
        self.interpretation = _("Interpretation:")
        self.simultaneous = _("simultaneous interpretation is being arranged")
        self.none_needed = _("none needed (English)")
        self.documents = _("Documents from observers for the missions:")
        self.add_meeting = _("Add the meeting on %(country)s to a calendar")
        # A meeting's calendar: its address with the State's code in the place of CODE.
        self.calendar = reverse("panels:meeting-ics", args=[number, "CODE"]).rsplit("CODE", 1)
        self.countries: dict[str, str] = {}
        self.interpretations: dict[Interpretation, str] = {}

    def country(self, meeting: ProgrammeMeeting) -> str:
        code = meeting.country.code
        if code not in self.countries:
            self.countries[code] = escape(meeting.country.name)
        return self.countries[code]

    def calendar_of(self, meeting: ProgrammeMeeting) -> str:
        return meeting.alpha3.join(self.calendar)


def _interpretation(meeting: ProgrammeMeeting, words: _Words) -> str:
    interpretation = meeting.interpretation
    if interpretation in words.interpretations:
        return words.interpretations[interpretation]
    labels = meeting.interpreted_into_english
    text = ", ".join(escape(label) for label in labels)
    if interpretation.needs_simultaneous:
        text += ("; " if labels else "") + words.simultaneous
    elif not labels:
        text += words.none_needed
    words.interpretations[interpretation] = text
    return text


def _meeting(meeting: ProgrammeMeeting, printable: bool, words: _Words) -> str:
    start = meeting.start.astimezone(GENEVA).strftime("%H:%M")
    end = meeting.end.astimezone(GENEVA).strftime("%H:%M")
    country = words.country(meeting)
    parts = [
        '\n      <li class="border-top py-3">\n'
        f'        <h3 class="h5 mb-1">{start}–{end} · {country}</h3>\n'  # noqa: RUF001 - the en dash of a span
        f'        <p class="mb-1">{words.room} {escape(meeting.room)}</p>\n        '
    ]
    if meeting.speakers_to_be_confirmed:
        parts.append(f'\n          <p class="mb-1">{words.to_be_confirmed}</p>\n        ')
    else:
        organisations = "; ".join(escape(name) for name in meeting.organisations)
        parts.append(
            f'\n          <p class="mb-1">{words.speakers} {organisations}</p>\n'
            f'          <p class="mb-1">{words.interpretation}\n'
            f"            {_interpretation(meeting, words)}\n"
            "          </p>\n        "
        )
    parts.append("\n        ")
    if meeting.documents:
        parts.append(
            f'\n          <p class="mb-1 mt-2">{words.documents}</p>\n'
            '          <ul class="mb-1">\n          '
        )
        for document in meeting.documents:
            title = escape(document.title)
            if not printable:
                title = f'<a href="{escape(document.url)}">{title}</a>'
            parts.append(
                f"\n            <li>{title} ({escape(document.organisation)})</li>\n          "
            )
        parts.append("\n          </ul>\n        ")
    parts.append("\n        ")
    if not printable:
        text = words.add_meeting % {"country": country}
        url = escape(words.calendar_of(meeting))
        parts.append(f'<p class="mb-0 small"><a href="{url}">{text}</a></p>')
    parts.append("\n      </li>\n    ")
    return "".join(parts)


@register.simple_tag
def programme_days(programme: Programme, printable: bool = False) -> SafeString:
    """The published days of `programme`, each a section of its meetings in Geneva time:
    what the loop of `_programme_days.html` gave, character for character."""
    words = _Words(programme.series.number)
    sections = []
    for counter, day in enumerate(programme.days, start=1):
        meetings = "".join(_meeting(meeting, printable, words) for meeting in day.meetings)
        sections.append(
            f'\n  <section aria-labelledby="day-{counter}" class="mb-4">\n'
            f'    <h2 id="day-{counter}" class="h3">{escape(long_date(day.date))}</h2>\n'
            f'    <ul class="list-unstyled">\n    {meetings}\n    </ul>\n  </section>\n'
        )
    return mark_safe(f"\n\n{''.join(sections)}\n\n")  # noqa: S308 - every value is escaped
