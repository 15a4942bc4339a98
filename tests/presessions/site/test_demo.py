import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from applications.models import Application
from panels.models import Statement
from presessions.models import Series


@pytest.mark.django_db
def test_load_demo_builds_an_open_series_of_14_states_with_60_applications(capsys):
    call_command("load_demo")

    open_series = Series.objects.with_open_call().get()
    assert open_series.number == 55
    assert open_series.presessions.count() == 14
    applications = Application.objects.filter(presession__series=open_series)
    assert applications.count() == 60
    assert applications.values("presession").distinct().count() == 13
    assert applications.values("speaker_gender").distinct().count() >= 3
    assert applications.values("scope").distinct().count() == 4
    assert applications.filter(needs_funding=True).exists()
    assert Series.objects.count() == 3
    output = capsys.readouterr().out
    assert "user 'coordinator', password '" in output
    assert get_user_model().objects.get(username="coordinator").is_staff


@pytest.mark.django_db
def test_load_demo_twice_adds_nothing():
    call_command("load_demo")
    call_command("load_demo")

    assert Application.objects.count() == 60 + 27 * 3
    assert Statement.objects.count() == 27 * 3
    assert Series.objects.count() == 3


@pytest.mark.django_db
def test_load_demo_publishes_statements_of_the_past_series(client):
    call_command("load_demo")

    published = Statement.objects.filter(published_at__isnull=False)
    assert published.count() == 81
    assert set(published.values_list("presession__series__session__number", flat=True)) == {
        49,
        50,
    }
    assert published.filter(sharing="anonymous").exists()
    assert published.filter(sharing="named").exists()
    listing = client.get("/en/statements/")
    assert listing.context["page"].paginator.count == 81
