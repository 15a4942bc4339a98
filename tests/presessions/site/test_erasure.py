"""Personal data erased after the retention time, and exported for one person."""

import datetime as dt
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from applications.access import make_token
from applications.call_alerts import services as alert_services
from applications.models import Application
from panels.enums import Sharing
from panels.models import Decision, Material, Panel, Recommendation, Statement
from presessions.models import (
    Accreditation,
    CheckIn,
    Event,
    OutboundEmail,
    Registration,
    Subscriber,
)
from presessions.outbox import queue_email
from presessions.site import erasure
from tests.documents import upload
from tests.factories import (
    ApplicationFactory,
    CallAlertFactory,
    MaterialFactory,
    PreSessionFactory,
    RecommendationFactory,
    SeriesFactory,
    StatementFactory,
)


@pytest.fixture
def old_series(db, settings):
    """Series 40, which ended 400 days ago (the retention is a year)."""
    settings.PERSONAL_DATA_RETENTION_DAYS = 365
    today = timezone.localdate()
    return SeriesFactory(
        session__number=40,
        session__starts_on=today - dt.timedelta(days=370),
        starts_on=today - dt.timedelta(days=403),
        ends_on=today - dt.timedelta(days=400),
        closed=True,
    )


@pytest.fixture
def people(old_series):
    kenya = PreSessionFactory(series=old_series, country="KE")
    named = ApplicationFactory(
        presession=kenya,
        organisation_name="Named Org",
        contact_email="named@example.org",
        speaker_name="Grace Named",
        safety_details="We fear the police.",
        upr_report=upload("report.pdf"),
        upr_report_name="report.pdf",
        upr_report_type="pdf",
        upr_report_active_content=["javascript"],
    )
    hidden = ApplicationFactory(
        presession=kenya, organisation_name="Hidden Org", contact_email="hidden@example.org"
    )
    unpublished = ApplicationFactory(
        presession=kenya, organisation_name="Quiet Org", contact_email="quiet@example.org"
    )
    published_at = timezone.now() - dt.timedelta(days=390)
    named_statement = StatementFactory(
        application=named, position=1, text="Named words.", sharing=Sharing.NAMED,
        published_at=published_at,
    )  # fmt: skip
    RecommendationFactory(statement=named_statement, position=1, sharing=Sharing.NAMED,
                          text="Shared recommendation.")  # fmt: skip
    RecommendationFactory(statement=named_statement, position=2, sharing=Sharing.PRIVATE,
                          text="Private recommendation.")  # fmt: skip
    MaterialFactory(statement=named_statement, position=1, sharing=Sharing.PRIVATE)
    StatementFactory(
        application=hidden, position=2, text="Hidden words.", sharing=Sharing.ANONYMOUS,
        published_at=published_at,
    )  # fmt: skip
    StatementFactory(application=unpublished, position=3, text="Never published.")
    Accreditation.objects.create(
        series=old_series, name="Ana Reyes", email="ana@mission.example.org",
        category="mission", organisation="Mission of Chile", country="CL",
        language="en", days=[],
    )  # fmt: skip
    event = Event.objects.create(
        series=old_series, kind="networking", title="Networking",
        starts_at=timezone.now() - dt.timedelta(days=401),
        ends_at=timezone.now() - dt.timedelta(days=401), capacity=10,
    )  # fmt: skip
    Registration.objects.create(
        event=event, name="Sam Guest", email="sam@example.org", language="en", status="confirmed"
    )
    Subscriber.objects.create(email="sam@example.org", language="en", status="confirmed")
    for to in ("named@example.org", "ana@mission.example.org", "sam@example.org"):
        queue_email(to=to, template="application_received", context={"application": named},
                    language="en", kind="test")  # fmt: skip
    return {"named": named, "hidden": hidden, "unpublished": unpublished}


def test_erasure_strips_the_people_and_keeps_what_was_consented(client, people):
    token = make_token(people["named"])

    report = erasure.erase_due_personal_data()

    assert report.series == 1
    assert report.applications == 3
    named = Application.objects.get(pk=people["named"].pk)
    assert (named.contact_email, named.speaker_name, named.safety_details) == ("", "", "")
    assert named.organisation_name == "Named Org"  # consented with a published statement
    assert not named.upr_report
    assert (named.upr_report_type, named.upr_report_active_content) == ("", [])
    assert Application.objects.get(pk=people["hidden"].pk).organisation_name == ""
    assert Application.objects.get(pk=people["unpublished"].pk).organisation_name == ""
    # Still countable: country, scope, gender are kept.
    assert Application.objects.filter(presession__country="KE").count() == 3
    # Published statements stay as shared; the rest is gone.
    assert set(Statement.objects.values_list("text", flat=True)) == {
        "Named words.",
        "Hidden words.",
    }
    assert list(Recommendation.objects.values_list("text", flat=True)) == ["Shared recommendation."]
    assert not Material.objects.exists()
    listing = client.get(reverse("panels:statements")).content.decode()
    assert "Named Org" in listing
    assert "Hidden Org" not in listing
    assert "n organisation from Kenya" in listing
    # Guests and the emails sent to them.
    assert list(Accreditation.objects.values_list("name", "email", "country")) == [("", "", "CL")]
    assert list(Registration.objects.values_list("name", "email")) == [("", "")]
    assert list(OutboundEmail.objects.values_list("to", flat=True)) == ["sam@example.org"]
    assert not Application.history.filter(id=named.pk).exists()
    # The private link no longer opens anything.
    assert client.get(reverse("panels:private", args=[token])).status_code == 404


def test_erasure_keeps_the_time_of_each_check_in_and_nothing_of_who(
    people, old_series, coordinator
):
    entered = timezone.now() - dt.timedelta(days=402)
    CheckIn.objects.create(
        accreditation=Accreditation.objects.get(series=old_series),
        checked_in_at=entered,
        checked_in_by=coordinator,
    )
    exported = erasure.personal_data_of("ana@mission.example.org")

    report = erasure.erase_due_personal_data()

    assert [a["check_ins"] for a in exported["accreditations"]] == [[entered.isoformat()]]
    assert report.check_ins == 1
    assert list(CheckIn.objects.values_list("checked_in_at", "checked_in_by")) == [(entered, None)]
    assert list(Accreditation.objects.values_list("name", "email")) == [("", "")]


def test_erasure_runs_once_per_series(people):
    erasure.erase_due_personal_data()

    assert erasure.erase_due_personal_data().series == 0


def test_series_within_the_retention_time_are_kept(people, settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 500

    assert erasure.erase_due_personal_data().series == 0
    assert Application.objects.get(pk=people["named"].pk).contact_email == "named@example.org"


def test_erase_command_lists_then_erases(people, capsys):
    call_command("erase_personal_data", "--dry-run")
    assert "Would erase: Pre-sessions 40" in capsys.readouterr().out
    assert Application.objects.filter(contact_email="named@example.org").exists()

    call_command("erase_personal_data")

    assert "Erased: 3 applications" in capsys.readouterr().out
    assert not Application.objects.filter(contact_email="named@example.org").exists()


def test_the_periodic_task_erases(people):
    from presessions.site.tasks import task_erase_personal_data

    assert task_erase_personal_data.delay().get() == 1


def test_export_gathers_everything_held_on_one_person(people, capsys):
    call_command("export_personal_data", "NAMED@example.org")

    data = json.loads(capsys.readouterr().out)
    (application,) = data["applications"]
    assert application["speaker_name"] == "Grace Named"
    assert application["safety_details"] == "We fear the police."
    assert application["statement"]["text"] == "Named words."
    assert [r["text"] for r in application["statement"]["recommendations"]] == [
        "Shared recommendation.",
        "Private recommendation.",
    ]
    assert [m["to"] for m in data["emails"]] == ["named@example.org"]
    assert "access_key" not in application


def test_export_of_a_guest(people):
    data = erasure.personal_data_of("sam@example.org")

    assert [r["name"] for r in data["event_registrations"]] == ["Sam Guest"]
    assert [s["email"] for s in data["mailing_list"]] == ["sam@example.org"]
    assert data["applications"] == []
    json.dumps(data)


def test_export_holds_the_call_alerts_and_what_they_were_sent(people):
    series = SeriesFactory(session__number=57)
    PreSessionFactory(series=series, country="UG")
    alert = CallAlertFactory(email="sam@example.org", countries=["UG", "KE"], language="fr")
    CallAlertFactory(email="other@example.org", countries=["UG"])
    alert_services.start_call_alerts(series=series)

    data = erasure.personal_data_of("SAM@example.org")

    (exported,) = data["call_alerts"]
    assert (exported["id"], exported["email"], exported["language"]) == (
        alert.pk, "sam@example.org", "fr"
    )  # fmt: skip
    assert exported["countries"] == ["KE", "UG"]
    assert exported["alerted_of"] == ["Pre-sessions 57"]
    assert "key" not in exported
    json.dumps(data)


def test_erasure_removes_the_names_the_decisions_remember(people, old_series):
    kenya = people["named"].presession
    panel = Panel.objects.create(presession=kenya)
    named = {"reference": people["named"].reference, "organisation": "Named Org"}
    Decision.objects.create(panel=panel, action="declined", values={"speaker": named})
    Decision.objects.create(panel=panel, action="sent", details="1 emails: PS40-KEN-0001 Org.")
    other = Decision.objects.create(
        panel=Panel.objects.create(presession=PreSessionFactory(country="EC")),
        action="declined",
        values={"speaker": named},
    )

    erasure.erase_series(series=old_series)

    assert list(panel.decisions.values_list("values", "details")) == [({}, ""), ({}, "")]
    other.refresh_from_db()
    assert other.values == {"speaker": named}


def test_erasure_keeps_only_the_approved_cleaned_observers_documents_without_their_names(
    old_series, coordinator
):
    from panels.enums import DocumentStatus
    from panels.models import ObserverDocument
    from panels.programme import documents
    from tests.authored_documents import pdf_by

    holder = Accreditation.objects.create(
        series=old_series, name="Amel", email="amel@example.org", category="cso",
        organisation="Tunis League", country="TN", language="en", status="approved",
    )  # fmt: skip
    presession = PreSessionFactory(series=old_series, country="TN")
    made = {}
    legacy = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2048  # Word 97-2003
    for title, named, remove in [("Cleaned", True, True), ("Old Word", True, False),
                                 ("Pending", False, True)]:  # fmt: skip
        content = legacy if title == "Old Word" else pdf_by("Tunis League")
        made[title] = ObserverDocument(
            accreditation=holder, presession=presession, position=len(made) + 1, title=title,
            named=named, remove_details=remove, file_name="secret.pdf",
        )  # fmt: skip
        made[title].file.save("doc.pdf", upload("doc.pdf", content), save=True)
        documents.prepare_public_copy(made[title])
    ObserverDocument.objects.exclude(title="Pending").update(status=DocumentStatus.APPROVED)
    kept_file = ObserverDocument.objects.get(title="Old Word").file.path

    report = erasure.erase_series(series=old_series)

    assert report.documents_deleted == 2
    assert list(ObserverDocument.objects.values_list("title", "named")) == [("Cleaned", False)]
    assert not Path(kept_file).exists()
