"""The series' dates and its timetable's days are one truth: a day outside them is
refused, or extends the series when the coordinator asks."""

import datetime as dt

import pytest
from django.urls import reverse

from panels.models import TimetableDay
from panels.programme import scheduling
from presessions.attendance.forms import AccreditationForm
from presessions.models import Series
from tests.factories import SeriesFactory

TUESDAY = dt.date(2027, 3, 23)


@pytest.fixture
def table(db):
    series = SeriesFactory(session__number=55, starts_on=TUESDAY, ends_on=TUESDAY + dt.timedelta(3))
    return scheduling.prepare_timetable(series=series)


def form_data(client, table, **changes):
    """The timetable change form as the admin renders it, with changes."""
    url = reverse("admin:panels_timetable_change", args=[table.pk])
    return change_form_data(client, url, {"gap_minutes": table.gap_minutes}, **changes)


def change_form_data(client, url, data, **changes):
    """An admin change form's inlines as rendered, the given fields, and changes."""
    response = client.get(url)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{name}"] = value
        for form in formset.forms:
            for name, field in form.fields.items():
                value = form.initial.get(name, field.initial)
                if value is not None and not isinstance(value, bool):
                    data[form.add_prefix(name)] = getattr(value, "pk", value)
    data.update(changes)
    return data


def add_day(client, table, date, **changes):
    data = form_data(client, table)
    total = int(data["days-TOTAL_FORMS"])
    data.update({
        "days-TOTAL_FORMS": total + 1,
        f"days-{total}-date": date.isoformat(),
        f"days-{total}-starts_at": "10:00",
        f"days-{total}-ends_at": "13:00",
        **changes,
    })  # fmt: skip
    return client.post(reverse("admin:panels_timetable_change", args=[table.pk]), data)


def date_errors(response) -> list[str]:
    days = response.context["inline_admin_formsets"][0].formset
    return [error for form in days.errors for error in form.get("date", [])]


def test_prepared_days_are_the_series_dates(db):
    series = SeriesFactory(starts_on=dt.date(2027, 3, 22), ends_on=dt.date(2027, 3, 26))

    table = scheduling.prepare_timetable(series=series)

    assert list(table.days.values_list("date", flat=True)) == [
        dt.date(2027, 3, day) for day in range(22, 27)
    ]


def test_a_day_outside_the_series_is_refused_with_its_dates(client, coordinator, table):
    client.force_login(coordinator)

    response = add_day(client, table, dt.date(2027, 3, 22))

    assert response.status_code == 200
    assert date_errors(response) == [
        "March 22, 2027 is outside the series' dates (March 23, 2027 to March 26, 2027): "
        "choose a day within them, or tick “Extend the series to its timetable's days”."
    ]
    assert TimetableDay.objects.count() == 4
    series = Series.objects.get()
    assert (series.starts_on, series.ends_on) == (TUESDAY, dt.date(2027, 3, 26))


def test_moving_a_day_outside_the_series_is_refused(client, coordinator, table):
    friday = table.days.last()
    client.force_login(coordinator)

    response = client.post(
        reverse("admin:panels_timetable_change", args=[table.pk]),
        form_data(client, table, **{"days-3-date": "2027-03-29"}),
    )

    assert response.status_code == 200
    assert date_errors(response)[0].startswith("March 29, 2027 is outside the series' dates")
    friday.refresh_from_db()
    assert friday.date == dt.date(2027, 3, 26)


def test_a_day_outside_the_series_with_the_box_ticked_extends_the_series(
    client, coordinator, table
):
    client.force_login(coordinator)

    response = add_day(client, table, dt.date(2027, 3, 22), extend_series="on")

    assert response.status_code == 302
    series = Series.objects.get()
    assert (series.starts_on, series.ends_on) == (dt.date(2027, 3, 22), dt.date(2027, 3, 26))
    assert TimetableDay.objects.filter(date=dt.date(2027, 3, 22)).exists()
    # What shows the dates reads the series: the accreditation form offers the new day.
    days = [value for value, _label in AccreditationForm(series=series).fields["days"].choices]
    assert days[0] == "2027-03-22"


def test_a_day_inside_the_series_needs_no_box(client, coordinator, db):
    series = SeriesFactory(starts_on=TUESDAY, ends_on=TUESDAY + dt.timedelta(days=4))
    table = scheduling.prepare_timetable(series=series)
    table.days.filter(date=TUESDAY + dt.timedelta(days=4)).delete()
    client.force_login(coordinator)

    response = add_day(client, table, TUESDAY + dt.timedelta(days=4))

    assert response.status_code == 302
    assert table.days.count() == 5


def test_the_series_dates_cannot_leave_out_a_day_of_its_timetable(client, coordinator, table):
    series = table.series
    client.force_login(coordinator)
    url = reverse("admin:presessions_series_change", args=[series.pk])
    fields = {
        "session": series.session_id, "venue": series.venue,
        "starts_on": "2027-03-24", "ends_on": "2027-03-26",
        "call_opens_at_0": "2026-11-01", "call_opens_at_1": "09:00",
        "call_closes_at_0": "2026-12-01", "call_closes_at_1": "09:00",
        "support_budget": series.support_budget or "", "panel_size": series.panel_size,
        "weight_local_scope": 4, "weight_coalition": 3, "weight_upr_report": 2,
        "weight_theme": 2, "waitlist_length": 2,
    }  # fmt: skip

    refused = client.post(url, change_form_data(client, url, fields))
    accepted = client.post(
        url, change_form_data(client, url, {**fields, "starts_on": "2027-03-23"})
    )

    assert refused.context["adminform"].form.non_field_errors() == [
        "The timetable of this series has days outside these dates (March 23, 2027): move or "
        "delete them on the timetable first."
    ]
    assert accepted.status_code == 302
    series.refresh_from_db()
    assert (series.starts_on, series.ends_on) == (TUESDAY, dt.date(2027, 3, 26))
