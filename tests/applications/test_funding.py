"""Coordinators see the funding requests of a series against its budget."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse

from tests.documents import PDF_BYTES
from tests.factories import ApplicationFactory, PreSessionFactory, SeriesFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(django_user_model):
    user = django_user_model.objects.create_user("coordinator", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Coordinators"))
    return user


@pytest.fixture
def requests_():
    series = SeriesFactory(session__number=55, support_budget=Decimal("5000"))
    presession = PreSessionFactory(series=series, country="KE", review_order=1)
    asking = [
        ApplicationFactory(presession=presession, organisation_name=name, needs_funding=True,
                           funding_amount=Decimal(amount), funding_reason="Travel")
        for name, amount in [("Amani", "1500"), ("Haki", "2000")]
    ]  # fmt: skip
    ApplicationFactory(presession=presession, organisation_name="Rich Org", needs_funding=False)
    return series, asking


def listing(client, series):
    url = reverse("admin:applications_fundingrequest_changelist")
    return client.get(f"{url}?presession__series__id__exact={series.pk}")


def test_coordinators_see_the_requests_and_the_totals(client, coordinator, requests_):
    series, _ = requests_
    client.force_login(coordinator)

    response = listing(client, series)

    names = sorted(a.organisation_name for a in response.context["cl"].result_list)
    assert names == ["Amani", "Haki"]
    totals = response.context["funding_totals"]
    assert (totals["requested"], totals["granted"], totals["budget"], totals["left"]) == (
        Decimal("3500"), Decimal("0"), Decimal("5000"), Decimal("5000")
    )  # fmt: skip


def test_coordinators_record_what_is_granted(client, coordinator, requests_):
    series, (amani, _) = requests_
    client.force_login(coordinator)
    url = reverse("admin:applications_fundingrequest_changelist")
    page = listing(client, series)
    formset = page.context["cl"].formset
    data = {f"form-{k}": v for k, v in {
        "TOTAL_FORMS": "2", "INITIAL_FORMS": "2", "MIN_NUM_FORMS": "0", "MAX_NUM_FORMS": "1000",
    }.items()}  # fmt: skip
    for n, form in enumerate(formset.forms):
        data[f"form-{n}-id"] = form.instance.pk
        data[f"form-{n}-funding_granted"] = "1200" if form.instance == amani else ""
    data["_save"] = "Save"

    client.post(f"{url}?presession__series__id__exact={series.pk}", data)

    amani.refresh_from_db()
    assert amani.funding_granted == Decimal("1200")
    totals = listing(client, series).context["funding_totals"]
    assert (totals["granted"], totals["left"]) == (Decimal("1200"), Decimal("3800"))


def test_reviewers_do_not_see_funding_requests(client, django_user_model, requests_):
    user = django_user_model.objects.create_user("reviewer", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Reviewers"))
    client.force_login(user)

    assert listing(client, requests_[0]).status_code == 403


def test_the_change_page_of_a_request_with_a_report_links_to_the_staff_download(
    client, coordinator, requests_
):
    _series, (amani, _) = requests_
    amani.submitted_upr_report = True
    amani.upr_report_name = "Amani report.pdf"
    amani.upr_report.save("Amani report.pdf", ContentFile(PDF_BYTES))
    client.force_login(coordinator)

    response = client.get(reverse("admin:applications_fundingrequest_change", args=[amani.pk]))

    assert response.status_code == 200
    download = reverse("application-report", args=[amani.pk])
    assert f'<a href="{download}">Amani report.pdf</a>' in response.content.decode()
    assert amani.upr_report.name not in response.content.decode()
