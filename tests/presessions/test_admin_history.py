"""The audit trail's changes are worded for their reader: times in the venue's time
zone as the row's own date, choices and yes or no in the reader's language."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import translation

from panels.models import Panel, Placement
from panels.selection import services
from presessions.admin_history import shown_value
from tests.factories import ApplicationFactory

UTC_0739 = dt.datetime(2026, 11, 30, 7, 39, tzinfo=dt.UTC)  # 08:39 in Geneva


@pytest.fixture
def confirmed(presession, coordinator):
    ApplicationFactory(presession=presession)
    panel = services.suggest_panel(presession=presession, by=coordinator)
    return services.confirm_panel(panel=panel, by=coordinator, now=UTC_0739)


def _confirmation_change(page: str) -> str:
    row = page.split('id="change-history"', 1)[1].split("</tr>", 2)[1]
    return " ".join(re.sub(r"<[^>]+>|&nbsp;|&rarr;", " ", row).split())


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "en",
            [
                "Confirmed at: - Nov. 30, 2026, 8:39 a.m.",
                "Confirmed by: - coordinator",
                "Status: draft confirmed",
            ],
        ),
        (
            "es",
            [
                "Fecha de confirmación: - 30 de noviembre de 2026 a las 08:39",
                "Confirmado por: - coordinator",
                "Estado: borrador confirmado",
            ],
        ),
    ],
)
def test_a_change_in_the_trail_reads_in_the_language_and_zone_of_its_reader(
    client, coordinator, confirmed, language, words
):
    client.force_login(coordinator)
    url = reverse("admin:panels_panel_history", args=[confirmed.pk])

    page = client.get(url, headers={"accept-language": language}).content.decode()

    change = _confirmation_change(page)
    assert [w for w in words if w in change] == words
    assert "07:39" not in page


def test_a_yes_or_no_and_an_empty_link_read_as_words():
    may_name = Placement._meta.get_field("may_name_publicly")
    confirmed_by = Panel._meta.get_field("confirmed_by")

    with translation.override("es"):
        assert (shown_value(may_name, True), shown_value(may_name, False)) == ("Sí", "No")
    assert shown_value(confirmed_by, None) == "-"
