import pytest
from django.urls import reverse

from applications.access import make_token
from panels.enums import Outcome
from panels.selection import emails
from presessions.models import OutboundEmail
from tests.factories import ApplicationFactory, SpeakerFactory


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_not_selected_email_links_to_who_to_approach(presession, theme, language):
    refused = SpeakerFactory(
        application__presession=presession,
        application__main_theme=theme,
        application__language=language,
        outcome=Outcome.NOT_SELECTED,
    )

    emails.queue_outcome(refused)

    email = OutboundEmail.objects.get()
    address = f"http://testserver/{language}/record/approach/?state=KEN&amp;theme={theme.pk}"
    assert address in email.body_html
    assert address.replace("&amp;", "&") in email.body_text


def test_selected_email_does_not_link_to_the_record(presession, theme):
    selected = SpeakerFactory(
        application__presession=presession, application__main_theme=theme, outcome=Outcome.SELECTED
    )

    emails.queue_outcome(selected)

    assert "/record/approach/" not in OutboundEmail.objects.get().body_text


def test_private_page_links_to_who_to_approach_on_its_theme(client, presession, theme):
    application = ApplicationFactory(presession=presession, main_theme=theme)

    page = client.get(reverse("panels:private", args=[make_token(application)]))

    approach = reverse("panels:record-approach") + f"?state=KEN&amp;theme={theme.pk}"
    assert approach in page.text
    assert client.get(approach.replace("&amp;", "&")).status_code == 200
