"""The address of a series' practical guide, for emails: absolute, in the recipient's
language."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from presessions.models import Series


def guide_url(series: Series, language: str) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse("panels:guide", args=[series.number])
