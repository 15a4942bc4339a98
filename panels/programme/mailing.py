"""The published programme sent to the missions' mailing list, with the documents that
observers bring for them: what the programme's public page shows, read through its door
(`panels.programme.public`) in each language when the sending starts, and kept with the
mailing so that every batch sends the same (`presessions.attendance.mailing_list`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from panels.programme import public
from presessions.attendance import mailing_list
from presessions.dates import long_date
from presessions.enums import MailingKind
from presessions.models import Mailing, Series
from presessions.outbox import Preview


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def programme_as_sent(series: Series) -> dict[str, Any]:
    """The programme of a series in each language, as plain data for the email; raises
    ValidationError when it is not published."""
    sent: dict[str, Any] = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            programme = public.programme_of(series)
            if not programme.is_published:
                raise ValidationError(
                    _("The programme of this series is not published yet."), code="unpublished"
                )
            sent[language] = {
                "url": _absolute(reverse("panels:programme", args=[series.number])),
                "days": [
                    {
                        "date": long_date(day.date),
                        "meetings": [
                            {
                                "time": f"{meeting.start:%H:%M}\u2013{meeting.end:%H:%M}",
                                "country": str(meeting.country.name),
                                "room": meeting.room,
                                "organisations": list(meeting.organisations),
                                "documents": [
                                    {
                                        "title": document.title,
                                        "organisation": document.organisation,
                                        "url": _absolute(document.url),
                                    }
                                    for document in meeting.documents
                                ],
                            }
                            for meeting in day.meetings
                        ],
                    }
                    for day in programme.days
                ],
            }
    return sent


def start_programme_mailing(series: Series) -> Mailing:
    """Send the programme and its approved documents to every confirmed subscriber not
    reached by it yet (sending again reaches only new subscribers, with the programme as
    it stands then). Raises ValidationError when the programme is not published."""
    return mailing_list.start_mailing(
        series=series, kind=MailingKind.PROGRAMME, programme=programme_as_sent(series)
    )


def preview_programme_mailings(series_list: Iterable[Series]) -> Preview:
    """What start_programme_mailing would send, without starting it; a series whose
    programme is not published is left out (its sending is refused with the reason)."""
    series_list = list(series_list)
    programmes: dict[int, dict[str, Any]] = {}
    published = []
    for series in series_list:
        try:
            programmes[series.pk] = programme_as_sent(series)
        except ValidationError:
            continue
        published.append(series)
    return mailing_list.preview_mailings(published, MailingKind.PROGRAMME, programmes)
