"""The series in the admin: the statement deadline is set with the series' dates."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_statement_deadline_is_set_with_the_dates_of_the_series(admin_client, series):
    response = admin_client.get(reverse("admin:presessions_series_change", args=[series.pk]))

    first_name, first = response.context["adminform"].fieldsets[0]
    assert first_name is None
    assert first["fields"][2:] == [("starts_on", "ends_on"), "statement_deadline"]
    page = response.content.decode()
    assert 'name="statement_deadline_0"' in page
    assert "Speakers upload their statements before it." in page
