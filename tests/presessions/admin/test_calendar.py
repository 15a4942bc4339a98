"""The series' settings in the admin: the statement deadline with the series' dates,
the waitlist's length with the selection."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import SeriesFactory


@pytest.mark.django_db
def test_the_statement_deadline_is_set_with_the_dates_of_the_series(admin_client, series):
    response = admin_client.get(reverse("admin:presessions_series_change", args=[series.pk]))

    first_name, first = response.context["adminform"].fieldsets[0]
    assert first_name is None
    assert first["fields"][3:] == [("starts_on", "ends_on"), "statement_deadline"]
    page = response.content.decode()
    assert 'name="statement_deadline_0"' in page
    assert "Speakers upload their statements before it." in page


def test_series_page_sets_the_waitlist_length_with_the_selection(client, coordinator):
    series = SeriesFactory()
    client.force_login(coordinator)

    response = client.get(reverse("admin:presessions_series_change", args=[series.pk]))

    adminform = response.context["adminform"]
    fieldsets = {name: options["fields"] for name, options in adminform.fieldsets}
    assert "waitlist_length" in fieldsets["Selection"]
    assert adminform.form.initial["waitlist_length"] == 2
    assert "places on each country&#x27;s waitlist" in response.content.decode().lower()


@pytest.mark.parametrize("length", [0, 20])
def test_waitlist_length_may_be_0_to_20(db, length):
    series = SeriesFactory(waitlist_length=length)

    series.full_clean()


@pytest.mark.parametrize(
    ("length", "message"),
    [(21, "Ensure this value is less than or equal to 20."),
     (-1, "Ensure this value is greater than or equal to 0.")],
)  # fmt: skip
def test_waitlist_length_beyond_0_to_20_is_refused_with_the_reason(db, length, message):
    series = SeriesFactory()
    series.waitlist_length = length

    with pytest.raises(ValidationError) as error:
        series.full_clean()

    assert error.value.message_dict == {"waitlist_length": [message]}
