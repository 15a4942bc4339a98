"""The pages of observers' documents: the observer's page reached from the pass, its
upload and withdrawal, and staff's side (the decision, the original, the programme sent
to the missions)."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from panels.enums import DocumentStatus
from panels.models import ObserverDocument
from panels.programme import documents, scheduling
from presessions.attendance import accreditation as accreditations
from presessions.enums import MailingKind, SubscriberStatus
from presessions.models import Mailing, Subscriber
from tests.authored_documents import pdf_by
from tests.documents import pdf, upload
from tests.factories import PreSessionFactory, SeriesFactory
from tests.panels.programme.test_documents import holder_of
from tests.panels.programme.test_public import speaker

TUESDAY = dt.date(2027, 3, 23)


@pytest.fixture
def series(db, coordinator, django_capture_on_commit_callbacks):
    series = SeriesFactory(
        session__number=55, panel_size=6, starts_on=TUESDAY, ends_on=TUESDAY + dt.timedelta(3)
    )
    speaker(PreSessionFactory(series=series, country="KE", review_order=1), "Kenya Voices")
    speaker(PreSessionFactory(series=series, country="EC", review_order=2), "Andes Voices")
    scheduling.generate_timetable(series=series)
    with django_capture_on_commit_callbacks(execute=True):
        scheduling.publish_programme(series=series, by=coordinator)
    mail.outbox.clear()
    return series


@pytest.fixture(autouse=True)
def before_the_series(monkeypatch):
    monkeypatch.setattr(
        documents.accreditations, "series_is_over", lambda series, today=None: False
    )


def page_of(holder, language="en"):
    with translation.override(language):
        return reverse("panels:observer-documents", args=[accreditations.pass_token(holder)])


def form_data(series, **overrides):
    data = {
        "presession": series.presessions.get(country="KE").pk,
        "title": "Torture in places of detention",
        "named": "yes",
        "remove_details": "on",
        "file": upload("note.pdf", pdf_by("Someone")),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_the_pass_links_to_the_documents_page_only_for_cso_and_nhri(client, series):
    cso = holder_of(series, "Tunis League", email="cso@example.org")
    media = holder_of(series, "Radio", email="media@example.org", category="media")

    with translation.override("en"):
        cso_pass = client.get(reverse("accreditation-pass", args=[accreditations.pass_token(cso)]))
        media_pass = client.get(
            reverse("accreditation-pass", args=[accreditations.pass_token(media)])
        )

    assert page_of(cso) in cso_pass.content.decode()
    assert "/documents/" not in media_pass.content.decode()
    # The media's page says why and has no form.
    page = client.get(page_of(media)).content.decode()
    assert "civil-society organisations and national human rights institutions" in page
    assert 'enctype="multipart/form-data"' not in page


def test_an_observer_brings_a_document_and_sees_it_wait(client, series):
    holder = holder_of(series, "Tunis League", email="cso@example.org")

    response = client.post(page_of(holder), form_data(series), follow=True)

    page = response.content.decode()
    assert response.redirect_chain == [(page_of(holder), 302)]
    assert "is waiting for our approval" in page
    assert "Torture in places of detention" in page and "waiting for approval" in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "same-origin"
    document = ObserverDocument.objects.get()
    assert (document.named, document.file_name) == (True, "note.pdf")


def test_a_refused_form_keeps_the_file_and_says_why_in_the_observers_language(client, series):
    holder = holder_of(series, "Ligue de Tunis", email="cso@example.org", language="fr")

    response = client.post(page_of(holder, "fr"), form_data(series, title="", named=None))

    page = response.content.decode()
    assert response.status_code == 400
    assert "Ce champ est obligatoire." in page
    assert "Fichier conservé" in page and "note.pdf" in page
    kept = re.search(r'name="file_pending" value="([^"]+)"', page)[1]
    again = client.post(
        page_of(holder, "fr"), form_data(series, file=None, file_pending=kept), follow=True
    )
    assert again.redirect_chain and ObserverDocument.objects.get().file_name == "note.pdf"


def test_a_file_with_active_content_is_refused(client, series):
    holder = holder_of(series, "Tunis League", email="cso@example.org")
    script = pdf(b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>")

    response = client.post(page_of(holder), form_data(series, file=upload("x.pdf", script)))

    assert response.status_code == 400
    assert "A file that may be published must not" in response.content.decode()
    assert not ObserverDocument.objects.exists()


def test_the_observer_withdraws_only_their_own_documents(client, series):
    holder = holder_of(series, "Tunis League", email="cso@example.org")
    other = holder_of(series, "Other League", email="other@example.org")
    theirs = documents.upload_document(
        holder=other, presession=series.presessions.get(country="KE"), title="Theirs",
        upload=upload("a.pdf", pdf_by("x")), named=True, remove_details=True,
    )  # fmt: skip
    token = accreditations.pass_token(holder)

    refused = client.post(reverse("panels:observer-document-withdraw", args=[token, theirs.pk]))
    assert refused.status_code == 404
    mine = documents.upload_document(
        holder=holder, presession=series.presessions.get(country="KE"), title="Mine",
        upload=upload("b.pdf", pdf_by("x")), named=True, remove_details=True,
    )  # fmt: skip
    response = client.post(
        reverse("panels:observer-document-withdraw", args=[token, mine.pk]), follow=True
    )
    assert "“Mine” is withdrawn." in response.content.decode()
    assert list(ObserverDocument.objects.values_list("title", flat=True)) == ["Theirs"]
    assert (
        client.get(reverse("panels:observer-document-withdraw", args=[token, 1])).status_code == 405
    )


def test_a_forged_or_revoked_pass_opens_nothing(client, series, coordinator):
    assert client.get("/en/accreditation/pass/forged/documents/").status_code == 404
    holder = holder_of(series, "Tunis League", email="cso@example.org")
    accreditations.revoke_accreditation(accreditation=holder, by=coordinator)
    page = client.get(page_of(holder))
    assert 'enctype="multipart/form-data"' not in page.content.decode()
    assert client.post(page_of(holder), form_data(series)).status_code == 403


# Staff --------------------------------------------------------------------------------------


def test_staff_approve_in_the_admin_and_the_observer_is_told(
    client, series, coordinator, django_capture_on_commit_callbacks
):
    holder = holder_of(series, "Tunis League", email="cso@example.org", language="fr")
    document = documents.upload_document(
        holder=holder, presession=series.presessions.get(country="KE"), title="Note",
        upload=upload("a.pdf", pdf_by("x")), named=False, remove_details=False,
    )  # fmt: skip
    client.force_login(coordinator)

    listing = client.get(reverse("admin:panels_observerdocument_changelist"))
    assert "Note" in listing.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:panels_observerdocument_changelist"),
            {"action": "approve", "_selected_action": [document.pk]},
        )

    document.refresh_from_db()
    assert (document.status, document.decided_by) == (DocumentStatus.APPROVED, coordinator)
    assert [m.to for m in mail.outbox] == [["cso@example.org"]]
    assert "/fr/series/55/programme/" in mail.outbox[0].body
    original = client.get(reverse("observer-document-staff-file", args=[document.pk]))
    assert original["Content-Disposition"] == (
        'attachment; filename="PS55-KEN-observer-document-1.pdf"'
    )
    assert original["Cache-Control"] == "private, no-store"
    assert b"".join(original.streaming_content).startswith(b"%PDF")


def test_reviewers_and_visitors_do_not_see_observers_documents(client, series, reviewer):
    holder = holder_of(series, "Tunis League", email="cso@example.org")
    document = documents.upload_document(
        holder=holder, presession=series.presessions.get(country="KE"), title="Note",
        upload=upload("a.pdf", pdf_by("x")), named=True, remove_details=True,
    )  # fmt: skip
    url = reverse("observer-document-staff-file", args=[document.pk])
    assert client.get(url).status_code == 302  # to the login
    client.force_login(reviewer)
    assert client.get(url).status_code == 403
    assert client.get(reverse("admin:panels_observerdocument_changelist")).status_code == 403


def test_staff_send_the_programme_to_the_missions_after_a_preview(
    client, series, coordinator, django_capture_on_commit_callbacks
):
    Subscriber.objects.create(email="attache@mission.example.org", language="es",
                              status=SubscriberStatus.CONFIRMED)  # fmt: skip
    client.force_login(coordinator)
    action = {"action": "send_programme", "_selected_action": [series.pk]}

    preview = client.post(reverse("admin:presessions_series_changelist"), action)
    assert "1 email to 1 person" in preview.content.decode()
    assert not Mailing.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:presessions_series_changelist"), {**action, "post": "yes"})

    assert Mailing.objects.get().kind == MailingKind.PROGRAMME
    [message] = mail.outbox
    assert message.to == ["attache@mission.example.org"]
    assert "Kenia" in message.body and "/es/series/55/programme/" in message.body


def test_a_file_too_large_is_dropped_and_the_form_says_so(client, series, settings):
    settings.MAX_UPLOAD_SIZE = 2048
    holder = holder_of(series, "Tunis League", email="cso@example.org")
    big = upload("big.pdf", b"%PDF-1.4\n" + b"x" * 4096)

    response = client.post(page_of(holder), form_data(series, title="Kept title", file=big))

    page = response.content.decode()
    assert response.status_code == 400
    assert "The file is larger than 2.0\xa0KB" in page
    assert "Please attach the document." not in page
    assert 'value="Kept title"' in page
    assert not ObserverDocument.objects.exists()


def test_too_many_uploads_from_one_connection_are_refused(client, series, settings):
    settings.PUBLIC_FORM_RATE = "1/h"
    holder = holder_of(series, "Tunis League", email="cso@example.org")
    client.post(page_of(holder), form_data(series))

    response = client.post(page_of(holder), form_data(series, title="Second"))

    assert response.status_code == 429
    assert "many times from your connection" in response.content.decode()
    assert ObserverDocument.objects.count() == 1
