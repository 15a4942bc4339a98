"""The audit trail of staff changes, visible to coordinators."""

from django.urls import reverse

from panels.enums import Sharing
from panels.models import Statement
from panels.selection import services
from panels.statements import services as statement_services
from tests.factories import PreSessionFactory, StatementFactory


def test_a_staff_change_to_an_application_is_recorded_with_its_author(
    client, coordinator, small_series
):
    _presession, applications = small_series
    application = applications["Amani Women"]
    client.force_login(coordinator)
    url = reverse("admin:applications_application_changelist") + "?country=KE"
    page = client.get(url)
    formset = page.context["cl"].formset
    data = {f"form-{k}": v for k, v in formset.management_form.initial.items()}
    for n, form in enumerate(formset.forms):
        data[f"form-{n}-id"] = form.instance.pk
        data[f"form-{n}-rating"] = "3" if form.instance.pk == application.pk else ""
    data["_save"] = "Save"

    client.post(url, data)

    record = application.history.latest()
    assert record.rating == 3
    assert record.history_user == coordinator


def test_coordinators_read_the_history_and_reviewers_do_not(
    client, coordinator, reviewer, small_series
):
    _presession, applications = small_series
    url = reverse("admin:applications_application_history", args=[applications["Amani Women"].pk])

    client.force_login(coordinator)
    assert client.get(url).status_code == 200
    client.force_login(reviewer)
    assert client.get(url).status_code == 403


def test_panel_decisions_leave_a_trail(coordinator, small_series):
    presession, _applications = small_series

    panel = services.suggest_panel(presession=presession, by=coordinator)
    services.confirm_panel(panel=panel, by=coordinator)

    statuses = list(panel.history.order_by("history_date").values_list("status", flat=True))
    assert statuses[-1] == "confirmed"
    assert panel.placements.first().history.exists()


def test_publication_leaves_a_trail_with_who_published(coordinator, past_series):
    presession = PreSessionFactory(series=past_series)
    statement = StatementFactory(application__presession=presession, sharing=Sharing.NAMED)

    statement_services.publish_statements(statements=Statement.objects.all(), by=coordinator)

    record = statement.history.latest()
    assert record.published_by == coordinator
    assert record.published_at is not None
    # The words are not copied into the trail.
    assert not hasattr(record, "text")
