import pytest
from django.core import mail, signing
from django.urls import reverse

from applications.access import make_token
from panels.enums import Response
from panels.models import Placement
from panels.selection import services


@pytest.fixture
def invited(small_series, coordinator, django_capture_on_commit_callbacks):
    presession, applications = small_series
    panel = services.suggest_panel(presession=presession, by=coordinator)
    services.confirm_panel(panel=panel, by=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_outcomes(panel=panel, by=coordinator)
    mail.outbox.clear()
    return applications


def private(application):
    return reverse("panels:private", args=[make_token(application)])


def answer(application):
    return reverse("panels:answer", args=[make_token(application)])


def decline(application):
    return reverse("panels:decline", args=[make_token(application)])


def test_private_page_offers_to_confirm_or_decline(client, invited):
    page = client.get(private(invited["Amani Women"])).content.decode()

    assert "Your organisation is invited to speak at the Pre-session on Kenya." in page
    assert 'value="confirm"' in page and decline(invited["Amani Women"]) in page


def test_private_page_of_a_waitlisted_applicant_says_so(client, invited):
    page = client.get(private(invited["Sauti Forum"])).content.decode()

    assert "on the waiting list" in page
    assert 'value="confirm"' not in page


def test_private_page_of_an_invited_speaker_links_the_practical_information(client, invited):
    guide = f'href="{reverse("panels:guide", args=[49])}"'

    invited_page = client.get(private(invited["Amani Women"])).content.decode()
    waitlisted_page = client.get(private(invited["Sauti Forum"])).content.decode()
    client.post(answer(invited["Haki Network"]), {"answer": "decline"})
    declined_page = client.get(private(invited["Haki Network"])).content.decode()
    client.post(answer(invited["Amani Women"]), {"answer": "confirm"})
    confirmed_page = client.get(private(invited["Amani Women"])).content.decode()

    assert guide in invited_page
    assert guide not in waitlisted_page
    assert "You have declined the invitation." in declined_page
    assert guide not in declined_page
    assert "You have confirmed" in confirmed_page
    assert guide in confirmed_page


def test_private_page_says_nothing_of_the_selection_before_emails_are_sent(
    client, small_series, coordinator
):
    presession, applications = small_series
    services.suggest_panel(presession=presession, by=coordinator)

    page = client.get(private(applications["Amani Women"])).content.decode()

    assert "invited to speak" not in page
    assert "We will write to you after the selection." in page


def test_speaker_confirms_through_the_link(client, invited):
    response = client.post(answer(invited["Amani Women"]), {"answer": "confirm"})

    assert response.status_code == 302
    placement = Placement.objects.get(application=invited["Amani Women"])
    assert placement.response == Response.CONFIRMED
    page = client.get(response.url).content.decode()
    assert "you have confirmed" in page


def test_speaker_declines_through_the_link_and_coordinators_hear_of_it(
    client, invited, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(answer(invited["Haki Network"]), {"answer": "decline"})

    assert Placement.objects.get(application=invited["Haki Network"]).response == (
        Response.DECLINED
    )
    assert [m.to for m in mail.outbox] == [["coordinator@example.org"]]


def test_a_confirmed_speaker_who_withdraws_is_told_they_no_longer_speak(
    client, invited, django_capture_on_commit_callbacks
):
    amani = invited["Amani Women"]
    client.post(answer(amani), {"answer": "confirm"})

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("panels:withdraw", args=[make_token(amani)]))

    page = client.get(private(amani)).content.decode()
    assert "Your application is withdrawn: your organisation no longer speaks" in page
    assert "You have confirmed" not in page
    assert sorted(m.to[0] for m in mail.outbox) == [amani.contact_email, "coordinator@example.org"]


def test_a_waitlisted_applicant_cannot_answer(client, invited):
    response = client.post(answer(invited["Sauti Forum"]), {"answer": "confirm"})

    assert Placement.objects.get(application=invited["Sauti Forum"]).response == (Response.PENDING)
    assert "There is no invitation to answer." in client.get(response.url).content.decode()


def test_a_forged_link_cannot_answer(client, invited):
    forged = signing.Signer(salt="elsewhere").sign(invited["Amani Women"].access_key.hex)

    response = client.post(reverse("panels:answer", args=[forged]), {"answer": "decline"})

    assert response.status_code == 404
    assert Placement.objects.get(application=invited["Amani Women"]).response == (Response.PENDING)


def test_answer_must_be_confirm_or_decline(client, invited):
    client.post(answer(invited["Amani Women"]), {"answer": "maybe"})

    assert Placement.objects.get(application=invited["Amani Women"]).response == (Response.PENDING)


def test_answer_only_by_post(client, invited):
    assert client.get(answer(invited["Amani Women"])).status_code == 405


def test_declining_asks_to_confirm_first_and_changes_nothing_until_then(client, invited):
    haki = invited["Haki Network"]

    page = client.get(decline(haki)).content.decode()

    assert "will be offered to another organisation. This cannot be undone." in page
    assert f'action="{answer(haki)}"' in page and 'value="decline"' in page
    assert private(haki) in page  # the way back
    assert Placement.objects.get(application=haki).response == Response.PENDING
    assert mail.outbox == []


def test_the_confirmed_decline_declines(client, invited):
    haki = invited["Haki Network"]
    form_action = answer(haki)
    assert form_action in client.get(decline(haki)).content.decode()

    response = client.post(form_action, {"answer": "decline"})

    assert response.status_code == 302
    assert Placement.objects.get(application=haki).response == Response.DECLINED
    assert "You have declined the invitation." in client.get(response.url).content.decode()


def test_the_decline_page_leads_back_once_there_is_nothing_to_decline(client, invited):
    amani, sauti = invited["Amani Women"], invited["Sauti Forum"]
    client.post(answer(amani), {"answer": "confirm"})

    for application in (amani, sauti):  # confirmed; waitlisted
        response = client.get(decline(application))

        assert response.status_code == 302
        assert response.url == private(application)


def test_the_decline_page_of_a_forged_link_reveals_nothing(client, invited):
    forged = signing.Signer(salt="applications.private-link").sign("0" * 32)

    response = client.get(reverse("panels:decline", args=[forged]))

    assert response.status_code == 404
