"""The series page in the admin: who sees it, which buttons, where they post, and the way
back; its links from the series and the admin's index; the buttons of the panel and
timetable pages."""

import lxml.html
import pytest
from django.urls import reverse

from panels.enums import Outcome, PanelStatus
from panels.models import Panel, Timetable
from panels.programme import scheduling
from panels.selection import services
from tests.factories import SeriesFactory
from tests.query_counts import settled_queries_of
from tests.staff_users import STAFF_WITHOUT_RIGHTS, make_user

from .conftest import build_series


def page_url(series) -> str:
    return reverse("admin:presessions_series_overview", args=[series.pk])


def action_forms(html: bytes) -> list[dict]:
    """Every form of the page that posts an admin action: where, which, on what, back to."""
    forms = []
    for form in lxml.html.fromstring(html).xpath("//form[input[@name='action']]"):
        fields = [(i.get("name"), i.get("value")) for i in form.xpath(".//input")]
        forms.append(
            {
                "url": form.get("action"),
                "action": dict(fields)["action"],
                "ids": [value for name, value in fields if name == "_selected_action"],
                "return_to": dict(fields).get("_return_to"),
                "label": form.xpath("string(.//button)").strip(),
                "primary": "default" in form.xpath("string(.//button/@class)"),
                "data": {name: [v for n, v in fields if n == name] for name, _v in fields},
            }
        )
    return forms


@pytest.fixture
def suggested_series(closed_series, coordinator):
    for presession in closed_series.presessions.all():
        services.suggest_panel(presession=presession, by=coordinator)
    return closed_series


def test_anonymous_visitors_are_sent_to_the_login(client, closed_series):
    response = client.get(page_url(closed_series))

    assert response.status_code == 302
    assert response.url == f"{reverse('admin:login')}?next={page_url(closed_series)}"


def test_staff_who_cannot_view_series_are_refused(client, closed_series):
    client.force_login(make_user(STAFF_WITHOUT_RIGHTS))

    assert client.get(page_url(closed_series)).status_code == 403


def test_an_unknown_series_is_not_found(client, coordinator):
    client.force_login(coordinator)

    assert client.get(reverse("admin:presessions_series_overview", args=[999])).status_code == 404


def test_reviewers_read_the_page_without_any_button(client, reviewer, suggested_series):
    client.force_login(reviewer)

    response = client.get(page_url(suggested_series))

    assert response.status_code == 200
    assert action_forms(response.content) == []
    current = lxml.html.fromstring(response.content).xpath("//li[@aria-current='step']")
    assert [li.text_content().split() for li in current] == [["Now:", "Panels", "suggested"]]
    assert b"A coordinator takes the next step." in response.content


def test_reviewers_cannot_post_the_actions_of_the_buttons(client, reviewer, suggested_series):
    client.force_login(reviewer)
    panels = Panel.objects.all()

    response = client.post(
        reverse("admin:panels_panel_changelist"),
        {"action": "confirm", "index": "0", "_selected_action": [p.pk for p in panels],
         "_return_to": page_url(suggested_series)},
    )  # fmt: skip

    assert response.status_code in (200, 302)
    assert list(Panel.objects.values_list("status", flat=True)) == [PanelStatus.DRAFT] * 2


def test_coordinators_see_the_next_step_as_the_one_primary_button(
    client, coordinator, closed_series
):
    client.force_login(coordinator)
    SeriesFactory(session__number=56, closed=True)  # another series: not in the buttons

    forms = action_forms(client.get(page_url(closed_series)).content)

    assert [(f["label"], f["primary"]) for f in forms] == [("Ask for the suggested panels", True)]
    assert forms[0]["url"] == reverse("admin:presessions_series_changelist")
    assert (forms[0]["action"], forms[0]["ids"]) == ("suggest_panels", [str(closed_series.pk)])
    assert forms[0]["return_to"] == page_url(closed_series)


def test_the_confirm_button_names_every_draft_panel_of_the_series(
    client, coordinator, suggested_series
):
    other = build_series(1, number=56)
    services.suggest_panel(presession=other.presessions.get(), by=coordinator)
    client.force_login(coordinator)

    forms = action_forms(client.get(page_url(suggested_series)).content)

    mine = Panel.objects.filter(presession__series=suggested_series).order_by(
        "presession__review_order"
    )
    assert [(f["label"], f["action"], f["url"]) for f in forms] == [
        ("Confirm the panels", "confirm", reverse("admin:panels_panel_changelist"))
    ]
    assert forms[0]["ids"] == [str(p.pk) for p in mine]


def test_a_button_runs_its_action_and_comes_back_to_the_series_page(
    client, coordinator, closed_series
):
    client.force_login(coordinator)
    form = action_forms(client.get(page_url(closed_series)).content)[0]

    response = client.post(form["url"], form["data"], follow=True)

    assert response.redirect_chain == [(page_url(closed_series), 302)]
    assert [str(m) for m in response.context["messages"]] == ["2 panels suggested."]
    assert Panel.objects.filter(placements__outcome=Outcome.SELECTED).distinct().count() == 2
    assert [f["label"] for f in action_forms(response.content)] == ["Confirm the panels"]


@pytest.mark.parametrize(
    "elsewhere", ["https://evil.example.org/", "//evil.example.org/admin/", "javascript:alert(1)"]
)
def test_a_return_address_elsewhere_is_ignored(client, coordinator, closed_series, elsewhere):
    client.force_login(coordinator)
    changelist = reverse("admin:presessions_series_changelist")

    response = client.post(
        changelist,
        {"action": "suggest_panels", "index": "0", "_selected_action": [closed_series.pk],
         "_return_to": elsewhere},
    )  # fmt: skip

    assert (response.status_code, response.url) == (302, changelist)
    assert Panel.objects.count() == 2


def test_without_a_return_address_an_action_goes_back_to_its_list(
    client, coordinator, closed_series
):
    client.force_login(coordinator)
    changelist = reverse("admin:presessions_series_changelist")

    response = client.post(
        changelist,
        {"action": "suggest_panels", "index": "0", "_selected_action": [closed_series.pk]},
    )

    assert (response.status_code, response.url) == (302, changelist)


def test_counts_link_to_the_filtered_lists(client, coordinator, suggested_series):
    client.force_login(coordinator)
    kenya = suggested_series.presessions.get(country="KE")
    panel = Panel.objects.get(presession=kenya)

    page = lxml.html.fromstring(client.get(page_url(suggested_series)).content)

    links = {" ".join(a.text_content().split()): a.get("href") for a in page.xpath(
        "//table//tr[th[contains(., 'Kenya')]]//a"
    )}  # fmt: skip
    applications = reverse("admin:applications_application_changelist")
    placements = reverse("admin:panels_placement_changelist")
    assert links["3 eligible"] == (
        f"{applications}?presession__id__exact={kenya.pk}&status__exact=submitted"
        "&is_ineligible__exact=0"
    )
    assert (
        links["2 speakers"] == f"{placements}?panel__id__exact={panel.pk}&outcome__exact=selected"
    )
    assert links["0 without an answer"] == (
        f"{placements}?panel__id__exact={panel.pk}&outcome__exact=selected"
        "&notified_outcome__exact=selected&response__exact=pending"
    )
    assert links["0 published"] == (
        f"{reverse('admin:panels_statement_changelist')}?presession__id__exact={kenya.pk}"
        "&published=yes"
    )
    # Each link opens its list filtered (the admin accepts the lookups).
    for name in ("3 eligible", "1 rated", "2 speakers", "0 without an answer", "0 published"):
        response = client.get(links[name])
        assert (name, response.status_code) == (name, 200)
        assert "e=1" not in response.request["QUERY_STRING"]
    assert client.get(links["3 eligible"]).context["cl"].result_count == 3
    assert client.get(links["1 rated"]).context["cl"].result_count == 1
    assert client.get(links["2 speakers"]).context["cl"].result_count == 2


def test_the_page_runs_as_many_queries_for_fourteen_countries_as_for_one(client, coordinator):
    client.force_login(coordinator)
    one = build_series(1, number=55)
    fourteen = build_series(14, number=56)
    for series in (one, fourteen):
        for presession in series.presessions.all():
            services.suggest_panel(presession=presession, by=coordinator)

    assert settled_queries_of(client, page_url(fourteen)) == settled_queries_of(
        client, page_url(one)
    )


def test_the_series_change_page_and_list_link_to_the_series_page(
    client, coordinator, closed_series
):
    client.force_login(coordinator)

    change = client.get(reverse("admin:presessions_series_change", args=[closed_series.pk]))
    changelist = client.get(reverse("admin:presessions_series_changelist"))

    tools = lxml.html.fromstring(change.content).xpath("//ul[@class='object-tools']//a")
    assert ("Open the series page", page_url(closed_series)) in [
        (a.text_content().strip(), a.get("href")) for a in tools
    ]
    column = lxml.html.fromstring(changelist.content).xpath(
        "//td[@class='field-series_page_link']/a"
    )
    assert [a.get("href") for a in column] == [page_url(closed_series)]


def test_the_page_to_add_a_series_has_no_link_to_a_series_page_yet(client, coordinator):
    client.force_login(coordinator)

    response = client.get(reverse("admin:presessions_series_add"))

    assert response.status_code == 200
    assert b"Open the series page" not in response.content


def test_the_admin_index_lists_the_series_pages(client, reviewer, closed_series):
    client.force_login(reviewer)

    page = lxml.html.fromstring(client.get(reverse("admin:index")).content)

    block = page.xpath("//table[caption[normalize-space()='Series pages']]//a")
    assert [(a.text_content(), a.get("href")) for a in block] == [
        ("Pre-sessions 55", page_url(closed_series))
    ]


def test_the_admin_index_lists_no_series_page_for_staff_without_the_right(client, closed_series):
    client.force_login(make_user(STAFF_WITHOUT_RIGHTS))

    response = client.get(reverse("admin:index"))

    assert response.status_code == 200
    assert b"Series pages" not in response.content


def panel_page(panel) -> str:
    return reverse("admin:panels_panel_change", args=[panel.pk])


def test_a_draft_panel_page_offers_to_suggest_and_confirm(client, coordinator, suggested_series):
    client.force_login(coordinator)
    panel = Panel.objects.get(presession__country="KE")

    forms = action_forms(client.get(panel_page(panel)).content)

    assert [(f["action"], f["ids"]) for f in forms] == [
        ("suggest", [str(panel.pk)]), ("confirm", [str(panel.pk)])
    ]  # fmt: skip
    assert {f["url"] for f in forms} == {reverse("admin:panels_panel_changelist")}
    assert {f["return_to"] for f in forms} == {panel_page(panel)}


def test_a_confirmed_panel_page_offers_to_reopen_and_send_and_comes_back(
    client, coordinator, suggested_series
):
    client.force_login(coordinator)
    panel = Panel.objects.get(presession__country="KE")
    services.confirm_panel(panel=panel, by=coordinator)
    forms = {f["action"]: f for f in action_forms(client.get(panel_page(panel)).content)}
    assert list(forms) == ["reopen", "send"]

    preview = client.post(forms["send"]["url"], forms["send"]["data"])
    assert preview.context["return_to"] == panel_page(panel)  # carried on by the preview
    response = client.post(
        forms["send"]["url"], {**forms["send"]["data"], "post": "yes"}, follow=True
    )

    assert response.redirect_chain == [(panel_page(panel), 302)]
    assert [str(m) for m in response.context["messages"]] == ["Emails sent for 1 panel."]


def test_the_panel_page_offers_the_replacement_when_a_speaker_declined(
    client, coordinator, suggested_series
):
    panel = Panel.objects.get(presession__country="KE")
    services.confirm_panel(panel=panel, by=coordinator)
    services.send_outcomes(panel=panel, by=coordinator)
    speaker = panel.placements.filter(outcome=Outcome.SELECTED).first().application
    services.respond_to_invitation(application=speaker, accept=False)
    client.force_login(coordinator)

    forms = action_forms(client.get(panel_page(panel)).content)

    assert [f["action"] for f in forms] == ["reopen", "send", "replace"]


def test_reviewers_see_no_button_on_the_panel_page(client, reviewer, suggested_series):
    client.force_login(reviewer)
    panel = Panel.objects.get(presession__country="KE")

    response = client.get(panel_page(panel))

    assert response.status_code == 200
    assert action_forms(response.content) == []


def test_the_timetable_page_offers_to_generate_then_to_publish(
    client, coordinator, reviewer, suggested_series
):
    for panel in Panel.objects.all():
        services.confirm_panel(panel=panel, by=coordinator)
    table = scheduling.prepare_timetable(series=suggested_series)
    url = reverse("admin:panels_timetable_change", args=[table.pk])
    client.force_login(coordinator)
    assert [f["action"] for f in action_forms(client.get(url).content)] == ["generate"]

    scheduling.generate_timetable(series=suggested_series)
    forms = {f["action"]: f for f in action_forms(client.get(url).content)}
    assert list(forms) == ["generate", "publish"]
    preview = client.post(forms["publish"]["url"], forms["publish"]["data"])
    assert f'name="_return_to" value="{url}"' in preview.content.decode()
    assert not Timetable.objects.get().is_published
    response = client.post(
        forms["publish"]["url"], {**forms["publish"]["data"], "post": "yes"}, follow=True
    )

    assert response.redirect_chain == [(url, 302)]
    assert Timetable.objects.get().is_published
    client.force_login(reviewer)
    assert action_forms(client.get(url).content) == []


def test_asking_again_for_the_suggestions_warns_of_the_changes_it_undoes(
    client, coordinator, closed_series
):
    services.suggest_panel(presession=closed_series.presessions.get(country="KE"), by=coordinator)
    client.force_login(coordinator)

    response = client.get(page_url(closed_series))

    assert [f["label"] for f in action_forms(response.content)] == [
        "Ask for the suggested panels", "Confirm the panels"
    ]  # fmt: skip
    assert b"undoing any change made by hand" in response.content
