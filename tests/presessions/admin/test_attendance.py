"""Attendance in the admin: an accreditation's days are ticked as on the public form."""

import re

import pytest
from django.urls import reverse

from presessions.attendance.accreditation import series_days
from presessions.attendance.forms import AccreditationForm
from presessions.models import Accreditation

pytestmark = pytest.mark.django_db


@pytest.fixture
def holder_request(series):
    first, _second, third, _fourth = (day.isoformat() for day in series_days(series))
    return Accreditation.objects.create(
        series=series, name="Ana Reyes", email="ana@news.example.org", category="cso",
        organisation="Radio Ginebra", country="ES", days=[first, third], language="en",
    )  # fmt: skip


def change_url(holder):
    return reverse("admin:presessions_accreditation_change", args=[holder.pk])


def form_data(client, holder, **changes):
    """What the change page posts back unchanged (its inlines' management forms too),
    with the changes."""
    page = client.get(change_url(holder)).context
    form = page["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {name: value for name, value in data.items() if value not in (None, False)}
    for inline in page["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update({management.add_prefix(name): management[name].value()
                     for name in management.fields})  # fmt: skip
    data.update(changes)
    return data


def test_days_are_the_public_forms_checkboxes_with_the_stored_ones_ticked(
    client, coordinator, series, holder_request
):
    client.force_login(coordinator)

    response = client.get(change_url(holder_request))

    form = response.context["adminform"].form
    public = AccreditationForm(series=series)
    assert list(form.fields["days"].choices) == list(public.fields["days"].choices)
    page = response.content.decode()
    ticked = re.findall(r'<input type="checkbox" name="days" value="([\d-]+)"[^>]*checked', page)
    assert ticked == holder_request.days


def test_ticked_days_are_saved_as_the_service_stores_them(
    client, coordinator, series, holder_request
):
    days = [day.isoformat() for day in series_days(series)]
    client.force_login(coordinator)

    response = client.post(
        change_url(holder_request), form_data(client, holder_request, days=[days[3], days[1]])
    )

    assert response.status_code == 302
    holder_request.refresh_from_db()
    assert holder_request.days == [days[1], days[3]]


def test_no_day_ticked_is_refused_and_the_stored_days_stay(client, coordinator, holder_request):
    client.force_login(coordinator)
    stored = list(holder_request.days)
    data = form_data(client, holder_request, organisation="Radio Suisse")
    del data["days"]

    response = client.post(change_url(holder_request), data)

    assert response.context["adminform"].form.errors["days"] == ["This field is required."]
    holder_request.refresh_from_db()
    assert (holder_request.days, holder_request.organisation) == (stored, "Radio Ginebra")


def test_a_stored_day_outside_the_series_stays_offered_and_ticked(
    client, coordinator, series, holder_request
):
    holder_request.days = ["2020-01-07", *holder_request.days]
    holder_request.save()
    client.force_login(coordinator)

    response = client.post(change_url(holder_request), form_data(client, holder_request))

    assert response.status_code == 302
    holder_request.refresh_from_db()
    assert holder_request.days[0] == "2020-01-07"
    assert len(holder_request.days) == 3
