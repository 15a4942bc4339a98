"""The advocacy documents observers bring for the missions: the upload from the pass, its
refusals, staff's decision, and what the public reads of them in every place it can (the
programme in three languages, its print view, the API, the downloaded file's name and
content, the programme's mailing to the missions)."""

import datetime as dt
import json
import os
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from panels.enums import Cleaning, DocumentStatus
from panels.models import ObserverDocument
from panels.programme import documents, scheduling
from panels.programme import public as public_programme
from presessions.attendance import accreditation as accreditations
from presessions.enums import AccreditationStatus, SubscriberStatus
from presessions.models import Accreditation, Subscriber
from tests.authored_documents import ORGANISATION, docx_by, names, pdf_by
from tests.documents import upload
from tests.factories import PreSessionFactory, SeriesFactory
from tests.panels.programme.test_public import speaker

TUESDAY = dt.date(2027, 3, 23)
NAMED_TITLE = "Torture in places of detention"
ANONYMOUS_TITLE = "Reprisals against journalists"
PENDING_TITLE = "Draft note never approved"
REFUSED_TITLE = "Note refused by staff"
REVOKED_TITLE = "Note of a revoked pass"
# What must never appear in public: the organisation that did not consent to be named,
# the titles not approved, the names the files were uploaded under.
NEVER = [
    ORGANISATION, PENDING_TITLE, REFUSED_TITLE, REVOKED_TITLE, "Revoked Observers Union",
    "Note_plaidoyer", "secret-upload-name",
]  # fmt: skip


def holder_of(series, organisation, *, email, category="cso", status=AccreditationStatus.APPROVED,
              language="en", country="TN"):  # fmt: skip
    return Accreditation.objects.create(
        series=series, name="Amel Ben Salah", email=email, category=category,
        organisation=organisation, country=country, language=language, status=status,
        days=[TUESDAY.isoformat()],
    )  # fmt: skip


def bring(holder, presession, title, content, *, named, remove_details=True, name="doc.pdf"):
    return documents.upload_document(
        holder=holder,
        presession=presession,
        title=title,
        upload=upload(name, content),
        named=named,
        remove_details=remove_details,
    )


@pytest.fixture
def series(db, coordinator, django_capture_on_commit_callbacks):
    """Series 55, Kenya's meeting published, and documents in every state."""
    series = SeriesFactory(
        session__number=55, panel_size=6, starts_on=TUESDAY, ends_on=TUESDAY + dt.timedelta(3)
    )
    kenya = PreSessionFactory(series=series, country="KE", review_order=1)
    ecuador = PreSessionFactory(series=series, country="EC", review_order=2)
    speaker(kenya, "Confirmed Named Collective")
    speaker(ecuador, "Andes Network")
    scheduling.generate_timetable(series=series)
    with django_capture_on_commit_callbacks(execute=True):
        scheduling.publish_programme(series=series, by=coordinator)
    named = holder_of(series, "Kenya Human Rights Commission", email="khrc@example.org",
                      category="nhri", country="KE")  # fmt: skip
    anonymous = holder_of(series, ORGANISATION, email="ltc@example.org")
    revoked = holder_of(series, "Revoked Observers Union", email="rev@example.org")
    approve = [
        bring(
            named,
            kenya,
            NAMED_TITLE,
            pdf_by("Kenya Human Rights Commission"),
            named=True,
            remove_details=False,
            name="secret-upload-name.pdf",
        ),
        bring(
            anonymous,
            kenya,
            ANONYMOUS_TITLE,
            docx_by(ORGANISATION),
            named=False,
            name="Note_plaidoyer_LTC-Tunisie.docx",
        ),
        bring(revoked, kenya, REVOKED_TITLE, pdf_by("Revoked Observers Union"), named=True),
    ]
    bring(anonymous, kenya, PENDING_TITLE, pdf_by(ORGANISATION), named=False)
    refused = bring(anonymous, kenya, REFUSED_TITLE, pdf_by(ORGANISATION), named=False)
    with django_capture_on_commit_callbacks(execute=True):
        documents.decide_documents(approve, status=DocumentStatus.APPROVED, by=coordinator)
        documents.decide_documents([refused], status=DocumentStatus.REFUSED, by=coordinator)
    accreditations.revoke_accreditation(accreditation=revoked, by=coordinator)
    mail.outbox.clear()
    return series


def anonymous_label(language):
    with translation.override(language):
        return translation.gettext("An organisation from %(country)s") % {
            "country": translation.gettext("Tunisia")
        }


# The upload -----------------------------------------------------------------------------


def test_a_document_waits_for_approval_with_a_copy_without_its_authors_details(series):
    holder = holder_of(series, ORGANISATION, email="other@example.org")
    kenya = series.presessions.get(country="KE")

    document = bring(holder, kenya, "Another note", docx_by(ORGANISATION), named=False)

    document.refresh_from_db()
    assert (document.status, document.position, document.cleaning) == (
        DocumentStatus.PENDING, 6, Cleaning.CLEANED
    )  # fmt: skip
    assert document.file_type == "docx" and document.remove_details is True
    with document.file.open("rb") as original, document.public_file.open("rb") as copy:
        assert names(original.read())
        assert not names(copy.read())


@pytest.mark.parametrize(
    ("category", "status", "problem"),
    [
        ("media", AccreditationStatus.APPROVED, "not_allowed"),
        ("mission", AccreditationStatus.APPROVED, "not_allowed"),
        ("cso", AccreditationStatus.PENDING, "not_allowed"),
        ("cso", AccreditationStatus.REVOKED, "not_allowed"),
    ],
)
def test_only_a_valid_cso_or_nhri_pass_brings_documents(series, category, status, problem):
    holder = holder_of(series, "Someone", email="someone@example.org", category=category,
                       status=status)  # fmt: skip
    with pytest.raises(ValidationError) as refusal:
        bring(holder, series.presessions.get(country="KE"), "Note", pdf_by("x"), named=True)
    assert refusal.value.code == problem


def test_documents_are_brought_until_the_series_ends(series):
    holder = Accreditation.objects.get(email="khrc@example.org")
    assert documents.may_upload(holder, today=series.ends_on)
    assert not documents.may_upload(holder, today=series.ends_on + dt.timedelta(1))


def test_a_meeting_of_another_series_is_refused(series):
    holder = Accreditation.objects.get(email="khrc@example.org")
    elsewhere = PreSessionFactory(series=SeriesFactory(session__number=56), country="KE")
    with pytest.raises(ValidationError) as refusal:
        bring(holder, elsewhere, "Note", pdf_by("x"), named=True)
    assert refusal.value.code == "other_series"


def test_at_most_three_documents_per_meeting(series):
    holder = Accreditation.objects.get(email="ltc@example.org")  # has brought three
    with pytest.raises(ValidationError) as refusal:
        bring(holder, series.presessions.get(country="KE"), "Fourth", pdf_by("x"), named=True)
    assert refusal.value.code == "too_many"
    # Another meeting is fine.
    bring(holder, series.presessions.get(country="EC"), "For Ecuador", pdf_by("x"), named=True)


def test_a_file_that_cannot_be_cleaned_is_refused_unless_named_and_kept(series, settings):
    holder = Accreditation.objects.get(email="khrc@example.org")
    ecuador = series.presessions.get(country="EC")
    legacy = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2048  # a Word 97-2003 file
    stored = {p for p in settings.PRIVATE_MEDIA_ROOT.rglob("*") if p.is_file()}

    with pytest.raises(ValidationError) as refusal:
        bring(holder, ecuador, "Old Word file", legacy, named=False, name="old.doc")

    assert refusal.value.code == "cannot_clean"
    assert "Word 97-2003" in refusal.value.messages[0]
    assert not ObserverDocument.objects.filter(title="Old Word file").exists()
    assert {p for p in settings.PRIVATE_MEDIA_ROOT.rglob("*") if p.is_file()} == stored
    kept = bring(holder, ecuador, "Old Word file", legacy, named=True, remove_details=False,
                 name="old.doc")  # fmt: skip
    assert kept.serves_copy is False


# Staff's decision -------------------------------------------------------------------------


def test_the_observer_is_told_of_each_decision_in_their_language(
    series, coordinator, django_capture_on_commit_callbacks
):
    holder = holder_of(series, "Red Andina", email="andina@example.org", language="es")
    document = bring(holder, series.presessions.get(country="EC"), "Nota", pdf_by("x"), named=True)

    with django_capture_on_commit_callbacks(execute=True):
        first = documents.decide_documents([document], status=DocumentStatus.APPROVED,
                                           by=coordinator)  # fmt: skip
        again = documents.decide_documents([document], status=DocumentStatus.APPROVED,
                                           by=coordinator)  # fmt: skip

    assert (first, again) == (1, 0)
    [message] = mail.outbox
    assert message.to == ["andina@example.org"]
    assert message.subject == "Su documento está aprobado: Nota"
    assert "/es/series/55/programme/" in message.body
    assert "/es/accreditation/pass/" in message.body and "/documents/" in message.body


# What the public reads -------------------------------------------------------------------


def test_the_programme_lists_only_approved_documents_of_valid_passes(series):
    kenya = public_programme.programme_of(series).meeting_of("KEN")

    assert [(d.title, d.organisation) for d in kenya.documents] == [
        (NAMED_TITLE, "Kenya Human Rights Commission"),
        (ANONYMOUS_TITLE, "An organisation from Tunisia"),
    ]
    assert [d.file_name for d in kenya.documents] == [
        "presession-55-KEN-observer-document-1.pdf",
        "presession-55-KEN-observer-document-2.docx",
    ]


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_no_public_page_names_what_was_not_consented_or_approved(client, series, language):
    with translation.override(language):
        pages = [
            client.get(reverse("panels:programme", args=[55])),
            client.get(reverse("panels:programme-print", args=[55])),
        ]
    api = client.get(reverse("api:programme", args=[55]) + f"?lang={language}")
    texts = [page.content.decode() for page in pages] + [json.dumps(api.json(), ensure_ascii=False)]

    for text in texts:
        assert NAMED_TITLE in text and ANONYMOUS_TITLE in text
        assert anonymous_label(language) in text
        for never in NEVER:
            assert never not in text


def test_the_download_is_neutral_and_cleaned_unless_named_and_kept(client, series):
    named = client.get("/en/series/55/programme/KEN/documents/1/")
    anonymous = client.get("/en/series/55/programme/KEN/documents/2/")

    assert named["Content-Disposition"] == (
        'attachment; filename="presession-55-KEN-observer-document-1.pdf"'
    )
    assert names(b"".join(named.streaming_content), "Kenya Human Rights Commission")
    assert anonymous["Content-Disposition"] == (
        'attachment; filename="presession-55-KEN-observer-document-2.docx"'
    )
    content = b"".join(anonymous.streaming_content)
    assert not names(content) and b"Note_plaidoyer" not in content
    assert anonymous["Cache-Control"] == "no-store"
    # Pending, refused, revoked pass, or no such number: nothing.
    for position in (3, 4, 5, 9):
        assert client.get(f"/en/series/55/programme/KEN/documents/{position}/").status_code == 404
    assert client.get("/en/series/55/programme/K²N/documents/1/").status_code == 404


def test_a_withdrawn_document_leaves_the_programme_at_once(client, series):
    document = ObserverDocument.objects.get(title=ANONYMOUS_TITLE)
    files = [document.file.path, document.public_file.path]

    documents.withdraw_document(document)

    assert ANONYMOUS_TITLE not in client.get("/en/series/55/programme/").content.decode()
    assert client.get("/en/series/55/programme/KEN/documents/2/").status_code == 404
    assert not any(os.path.exists(path) for path in files)


def test_programme_reads_documents_in_one_more_query_whatever_their_number(
    series, django_assert_num_queries
):
    with django_assert_num_queries(3):
        public_programme.programme_of(series)
    holder = holder_of(series, "More Voices", email="more@example.org")
    for n, country in enumerate(["KE", "EC"] * 3):
        bring(holder, series.presessions.get(country=country), f"More {n}", pdf_by("x"),
              named=True)  # fmt: skip
    holder.documents.update(status=DocumentStatus.APPROVED)

    with django_assert_num_queries(3):
        programme = public_programme.programme_of(series)
    assert sum(len(m.documents) for m in programme.meetings) == 8


# The programme's mailing to the missions -------------------------------------------------


def test_the_missions_receive_the_programme_with_the_approved_documents(
    series, django_capture_on_commit_callbacks
):
    from panels.programme import mailing

    for email, language in [("en@mission.example.org", "en"), ("fr@mission.example.org", "fr")]:
        Subscriber.objects.create(email=email, language=language,
                                  status=SubscriberStatus.CONFIRMED)  # fmt: skip
    Subscriber.objects.create(email="pending@mission.example.org", language="en")

    with django_capture_on_commit_callbacks(execute=True):
        mailing.start_programme_mailing(series)

    sent = {message.to[0]: message for message in mail.outbox}
    assert set(sent) == {"en@mission.example.org", "fr@mission.example.org"}
    english, french = sent["en@mission.example.org"], sent["fr@mission.example.org"]
    assert english.subject == "Programme and documents: the Pre-sessions 55"
    assert "http://testserver/en/series/55/programme/KEN/documents/2/" in english.body
    assert anonymous_label("fr") in french.body and NAMED_TITLE in french.body
    assert "/fr/series/55/programme/" in french.body
    for message in (english, french):
        html = message.alternatives[0][0]
        for text in (message.body, html):
            for never in NEVER:
                assert never not in text
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # Sending again reaches only the new subscribers.
    mail.outbox.clear()
    Subscriber.objects.create(email="new@mission.example.org", language="es",
                              status=SubscriberStatus.CONFIRMED)  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        mailing.start_programme_mailing(series)
    assert [m.to for m in mail.outbox] == [["new@mission.example.org"]]
    assert re.search(r"Programa y documentos", mail.outbox[0].subject)


def test_an_unpublished_programme_is_not_sent(series):
    from panels.programme import mailing

    series.timetable.meetings.update(published_start=None, published_end=None)
    with pytest.raises(ValidationError):
        mailing.start_programme_mailing(series)
