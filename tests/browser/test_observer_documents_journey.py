"""An accredited CSO brings an advocacy document from its pass, on a phone and in French,
without its name; once approved, a diplomat finds it on the programme in Spanish and
downloads it under a neutral name, cleaned of its author's details."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from panels.enums import DocumentStatus
from panels.models import ObserverDocument
from panels.programme import documents, scheduling
from presessions.attendance import accreditation as accreditations
from presessions.models import Accreditation
from tests.authored_documents import ORGANISATION, names, pdf_by
from tests.browser.conftest import screenshots, shots_folder
from tests.browser.test_accessibility import assert_accessible
from tests.factories import ApplicationFactory, PreSessionFactory, SeriesFactory, SpeakerFactory

pytestmark = pytest.mark.browser

TUESDAY = dt.date(2027, 3, 23)


@pytest.fixture
def holder(themes):
    series = SeriesFactory(
        session__number=55, starts_on=TUESDAY, ends_on=TUESDAY + dt.timedelta(days=3)
    )
    for order, country in enumerate(["KE", "EC"], start=1):
        presession = PreSessionFactory(series=series, country=country, review_order=order)
        SpeakerFactory(
            application=ApplicationFactory(presession=presession, organisation_name="Voices"),
            outcome="selected", response="confirmed", may_name_publicly=True,
        )  # fmt: skip
    scheduling.generate_timetable(series=series)
    scheduling.publish_programme(series=series, by=None)
    return Accreditation.objects.create(
        series=series, name="Amel Ben Salah", email="amel@example.org", category="cso",
        organisation=ORGANISATION, country="TN", language="fr", status="approved",
        days=[TUESDAY.isoformat()],
    )  # fmt: skip


def test_an_observer_brings_a_document_that_the_missions_then_download(
    page: Page, live_server, holder, tmp_path, monkeypatch
):
    monkeypatch.setattr(
        documents.accreditations, "series_is_over", lambda series, today=None: False
    )
    note = tmp_path / "Note_plaidoyer_LTC-Tunisie.pdf"
    note.write_bytes(pdf_by(ORGANISATION))
    page.set_viewport_size({"width": 390, "height": 900})

    # From the pass, in French, on a phone.
    token = accreditations.pass_token(holder)
    page.goto(f"{live_server.url}/fr/accreditation/pass/{token}/")
    page.get_by_role("link", name="Apporter des documents de plaidoyer pour les missions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vos documents pour les missions")
    assert_accessible(page)

    # She forgets to say whether she may be named: the form says so, the file is kept.
    page.get_by_label(re.compile(r"\bRéunion\b")).select_option(label="Kenya")
    page.get_by_label(re.compile(r"\bTitre\b")).fill("Torture dans les lieux de détention")
    page.get_by_label(re.compile(r"\bFichier\b")).set_input_files(str(note))
    page.get_by_role("button", name="Envoyer pour approbation").click()
    expect(page.locator("#kept-file")).to_contain_text("Note_plaidoyer_LTC-Tunisie.pdf")
    assert_accessible(page)
    page.get_by_role("group", name="Pouvons-nous nommer votre organisation avec ce document ?") \
        .get_by_label("Non", exact=False).check()  # fmt: skip
    page.get_by_role("button", name="Envoyer pour approbation").click()
    expect(page.get_by_role("status")).to_contain_text("attend notre approbation")
    expect(page.get_by_text("en attente d'approbation")).to_be_visible()
    assert_accessible(page)
    screenshots(page, shots_folder(tmp_path), "observer-documents-fr")
    for language, heading in [("en", "Your documents for the missions"),
                              ("es", "Sus documentos para las misiones")]:  # fmt: skip
        page.goto(f"{live_server.url}/{language}/accreditation/pass/{token}/documents/")
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(page)

    # Staff approve it; a diplomat reads the programme in Spanish and downloads it.
    documents.decide_documents(
        ObserverDocument.objects.all(), status=DocumentStatus.APPROVED,
        by=User.objects.create_user("staff", is_staff=True),
    )  # fmt: skip
    page.goto(f"{live_server.url}/es/series/55/programme/")
    link = page.get_by_role("link", name="Torture dans les lieux de détention")
    expect(page.get_by_text("Una organización de Túnez")).to_be_visible()
    assert ORGANISATION not in page.content()
    assert_accessible(page)
    screenshots(page, shots_folder(tmp_path), "programme-documents-es")
    for language in ("en", "fr"):
        page.goto(f"{live_server.url}/{language}/series/55/programme/")
        expect(page.get_by_role("link", name="Torture dans les lieux de détention")).to_be_visible()
        assert_accessible(page)
    page.goto(f"{live_server.url}/es/series/55/programme/")
    with page.expect_download() as downloading:
        link.click()
    download = downloading.value
    assert download.suggested_filename == "presession-55-KEN-observer-document-1.pdf"
    assert not names(Path(download.path()).read_bytes())
