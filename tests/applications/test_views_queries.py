"""The SQL queries of the application form: its GET and a valid submission with a
report run a fixed, small number of them, and the choices kept between requests follow
the themes as staff edit them."""

import html
import re

import pytest
from django.core import mail

from applications.models import Application
from presessions.models import Theme
from tests.applications.test_apply import apply_url
from tests.conftest import application_data
from tests.documents import pdf, upload
from tests.factories import PreSessionFactory

pytestmark = pytest.mark.django_db

# A real PDF of a little over 2 MB (a comment line pads it).
TWO_MB_PDF = pdf(b"", b"% " + b"x" * (2 * 1024 * 1024) + b"\n")


def test_apply_form_runs_at_most_4_queries(client, presession, django_assert_max_num_queries):
    client.get(apply_url(presession.series))  # the choices of the form, once per process

    # Another country chosen: the page is built again, on the form's kept HTML, without
    # a transaction.
    with django_assert_max_num_queries(2):  # the series, its countries
        response = client.get(apply_url(presession.series) + "?country=KE")

    html = response.content.decode()
    assert f'<option value="{presession.pk}" selected>Kenya</option>' in html
    assert "Right to health" in html


def test_apply_form_kept_whole_runs_no_query_and_no_transaction(
    client, presession, django_assert_num_queries, monkeypatch
):
    from django.db.transaction import Atomic

    client.get(apply_url(presession.series) + "?country=KE")
    entered = []
    monkeypatch.setattr(Atomic, "__enter__", lambda self: entered.append(self))

    with django_assert_num_queries(0):
        response = client.get(apply_url(presession.series) + "?country=KE")

    assert entered == []
    assert f'<option value="{presession.pk}" selected>Kenya</option>' in response.content.decode()


def test_apply_with_a_2_mb_report_runs_at_most_18_queries(
    client,
    presession,
    theme,
    other_theme,
    django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
):
    client.get(apply_url(presession.series))
    data = application_data(
        presession, theme, submitted_upr_report="True", related_themes=[other_theme.pk]
    )
    data["upr_report"] = upload("report.pdf", TWO_MB_PDF)

    # The request only: the confirmation is sent after it (by the worker), on leaving.
    with (
        django_capture_on_commit_callbacks(execute=True),
        django_assert_max_num_queries(18),
    ):
        response = client.post(apply_url(presession.series), data)

    assert response.status_code == 302
    application = Application.objects.get()
    assert application.upr_report_name == "report.pdf"
    assert application.upr_report.size == len(TWO_MB_PDF)
    assert list(application.related_themes.all()) == [other_theme]
    assert [m.subject for m in mail.outbox] == [
        f"Your application {application.reference} is received"
    ]


def theme_labels(response) -> list[str]:
    """The labels of the main theme's choices, as the page shows them."""
    select = re.search(r'<select name="main_theme".*?</select>', response.content.decode(), re.S)
    assert select is not None
    return [html.unescape(label) for label in re.findall(r"<option[^>]*>(.*?)</option>", select[0])]


def test_apply_form_shows_a_theme_edited_by_staff_at_once(client, presession, theme):
    client.get(apply_url(presession.series))

    theme.name = "Right to health care"
    theme.save()
    Theme.objects.create(name="Access to water")
    retired = Theme.objects.get(name="Women's rights")
    retired.is_active = False
    retired.save()
    response = client.get(apply_url(presession.series))

    labels = theme_labels(response)
    assert labels[:2] == ["Choose a theme", "Access to water"]
    assert "Right to health care" in labels
    assert "Right to health" not in labels
    assert "Women's rights" not in labels
    page = response.content.decode()
    assert "Access to water" in page
    assert "Women&#x27;s rights" not in page


def test_apply_accepts_a_theme_missing_from_the_choices_kept(
    client, presession, django_capture_on_commit_callbacks
):
    client.get(apply_url(presession.series))
    # Added without the signals (as a bulk import would): the list kept lacks it.
    Theme.objects.bulk_create([Theme(name="Access to water")])
    added = Theme.objects.get(name="Access to water")
    assert "Access to water" not in theme_labels(client.get(apply_url(presession.series)))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(apply_url(presession.series), application_data(presession, added))

    assert response.status_code == 302
    assert Application.objects.get().main_theme == added


def test_apply_form_keeps_the_choices_of_each_language_apart(client, presession, theme):
    theme.name_fr = "Droit à la santé"
    theme.save()
    client.get(apply_url(presession.series, "fr"))

    english = theme_labels(client.get(apply_url(presession.series)))
    french = theme_labels(client.get(apply_url(presession.series, "fr")))

    assert "Right to health" in english
    assert "Droit à la santé" not in english
    assert "Droit à la santé" in french


def test_apply_form_offers_a_country_added_to_the_series_at_once(client, presession):
    client.get(apply_url(presession.series))

    uganda = PreSessionFactory(series=presession.series, country="UG", review_order=2)
    response = client.get(apply_url(presession.series))

    choices = [str(label) for _, label in response.context["form"].fields["presession"].choices]
    assert choices == ["Choose a country", "Kenya", "Uganda"]
    # The form as rendered now, not as kept from the first visit.
    assert f'<option value="{uganda.pk}">Uganda</option>' in response.context["form_html"]
