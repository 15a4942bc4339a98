import csv
import datetime as dt
import io

import pytest
from django.contrib.auth.models import Group
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from presessions.attendance import accreditation
from presessions.enums import AccreditationStatus
from presessions.models import Accreditation, OutboundEmail
from tests.factories import SeriesFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def series():
    return SeriesFactory(session__number=55, starts_on=dt.date(2027, 3, 23),
                         ends_on=dt.date(2027, 3, 26))  # fmt: skip


@pytest.fixture
def coordinator(django_user_model):
    user = django_user_model.objects.create_user("coordinator", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Coordinators"))
    return user


def request_url(series, language="en"):
    with translation.override(language):
        return reverse("accreditation-request", args=[series.number])


def data(**overrides):
    values = {
        "name": "Ana Reyes",
        "email": "ana@news.example.org",
        "category": "media",
        "organisation": "Radio Ginebra",
        "country": "ES",
        "days": ["2027-03-23", "2027-03-24"],
        "media_acknowledged": "on",
        "consent": "on",
    }
    values.update(overrides)
    return {key: value for key, value in values.items() if value is not None}


def submit(client, series, capture, language="en", **overrides):
    with capture(execute=True):
        return client.post(request_url(series, language), data(**overrides))


def test_request_is_stored_and_acknowledged(client, series, django_capture_on_commit_callbacks):
    response = submit(client, series, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    holder = Accreditation.objects.get()
    assert (holder.name, holder.email, holder.status) == (
        "Ana Reyes", "ana@news.example.org", AccreditationStatus.PENDING
    )  # fmt: skip
    assert holder.days == ["2027-03-23", "2027-03-24"]
    assert [m.subject for m in mail.outbox] == ["Your accreditation request: Pre-sessions 55"]
    page = client.get(response.url).content.decode()
    assert "your request is received" in page


@pytest.mark.parametrize("field", ["name", "email", "category", "organisation", "country",
                                   "days", "consent"])  # fmt: skip
def test_request_refuses_a_missing_field_and_keeps_the_rest(client, series, field):
    response = client.post(request_url(series), data(**{field: None}))

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert Accreditation.objects.count() == 0
    if field != "organisation":
        assert 'value="Radio Ginebra"' in response.content.decode()


def test_media_must_acknowledge_the_rule_on_recording(client, series):
    response = client.post(request_url(series), data(media_acknowledged=None))

    assert response.context["form"].errors["media_acknowledged"] == [
        "The media must acknowledge that recording and photography are not permitted."
    ]


def test_other_categories_need_not_acknowledge_it(client, series):
    response = client.post(request_url(series), data(category="academia", media_acknowledged=None))

    assert response.status_code == 302


def test_days_must_be_days_of_the_series(client, series):
    response = client.post(request_url(series), data(days=["2027-04-01"]))

    assert "days" in response.context["form"].errors


def test_a_second_request_is_recognised_not_doubled(
    client, series, django_capture_on_commit_callbacks
):
    submit(client, series, django_capture_on_commit_callbacks)
    response = submit(
        client, series, django_capture_on_commit_callbacks,
        email="ANA@news.example.org", organisation="Radio Ginebra Internacional",
    )  # fmt: skip

    holder = Accreditation.objects.get()
    assert holder.requests == 2
    assert holder.organisation == "Radio Ginebra Internacional"
    assert "received" in client.get(response.url).content.decode()
    assert "no second request was made" in mail.outbox[-1].body


def test_approval_sends_the_pass_in_the_requesters_language(
    client, series, coordinator, django_capture_on_commit_callbacks
):
    submit(client, series, django_capture_on_commit_callbacks, language="es")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        count = accreditation.decide_accreditations(
            accreditations=Accreditation.objects.all(), approve=True, by=coordinator
        )
        again = accreditation.decide_accreditations(
            accreditations=Accreditation.objects.all(), approve=True, by=coordinator
        )

    assert (count, again) == (1, 0)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Su acreditación a las Pre-sesiones 55"
    assert "/es/accreditation/pass/" in message.body
    assert "martes" in message.body and "23 de marzo de 2027" in message.body


def test_refusal_is_polite(client, series, coordinator, django_capture_on_commit_callbacks):
    submit(client, series, django_capture_on_commit_callbacks)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        accreditation.decide_accreditations(
            accreditations=Accreditation.objects.all(), approve=False, by=coordinator
        )

    assert Accreditation.objects.get().status == AccreditationStatus.REJECTED
    assert "We are sorry" in mail.outbox[0].body


def approved(series, coordinator):
    holder = Accreditation.objects.create(
        series=series, name="Ana Reyes", email="ana@news.example.org", category="media",
        organisation="Radio Ginebra", country="ES", days=["2027-03-23"], language="en",
    )  # fmt: skip
    accreditation.decide_accreditations(accreditations=[holder], approve=True, by=coordinator)
    holder.refresh_from_db()
    return holder


def test_the_pass_shows_the_holder_and_a_qr_code(client, series, coordinator):
    holder = approved(series, coordinator)

    response = client.get(reverse("accreditation-pass", args=[accreditation.pass_token(holder)]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Ana Reyes" in page and "Radio Ginebra" in page and holder.code in page
    assert "<svg" in page
    assert "Tuesday, March 23, 2027" in page


def test_a_forged_pass_link_reveals_nothing(client, series, coordinator):
    holder = approved(series, coordinator)
    forged = signing.Signer(salt="elsewhere").sign(holder.code)

    response = client.get(reverse("accreditation-pass", args=[forged]))

    assert response.status_code == 404
    assert "Ana Reyes" not in response.content.decode()


def check(client, token):
    return client.get(reverse("accreditation-check", args=[token]))


def test_staff_check_a_valid_pass(client, series, coordinator):
    holder = approved(series, coordinator)
    # A pass is valid on its days only (tests/presessions/attendance/test_pass_check.py).
    Accreditation.objects.filter(pk=holder.pk).update(days=[timezone.localdate().isoformat()])
    client.force_login(coordinator)

    page = check(client, accreditation.pass_token(holder)).content.decode()

    assert "Valid pass" in page and "Ana Reyes" in page


def test_a_revoked_pass_says_so_at_the_door(client, series, coordinator):
    holder = approved(series, coordinator)
    accreditation.revoke_accreditation(accreditation=holder, by=coordinator)
    client.force_login(coordinator)

    page = check(client, accreditation.pass_token(holder)).content.decode()

    assert "Not valid: revoked" in page
    assert "Valid pass" not in page


def test_a_forged_code_says_so_at_the_door(client, series, coordinator):
    client.force_login(coordinator)

    page = check(client, signing.Signer(salt="x").sign("ABCDEF1234")).content.decode()

    assert "Not a genuine pass" in page


def test_only_staff_with_the_right_check_passes(client, series, coordinator, django_user_model):
    token = accreditation.pass_token(approved(series, coordinator))

    assert check(client, token).status_code == 302
    client.force_login(django_user_model.objects.create_user("x", password="x", is_staff=True))
    assert check(client, token).status_code == 403


def test_coordinators_bulk_approve_from_the_admin(client, series, coordinator):
    for n in range(3):
        Accreditation.objects.create(
            series=series, name=f"Person {n}", email=f"p{n}@example.org", category="cso",
            organisation="Org", country="KE", days=["2027-03-23"], language="en",
        )  # fmt: skip
    client.force_login(coordinator)

    response = client.post(
        reverse("admin:presessions_accreditation_changelist"),
        {"action": "approve", "post": "yes",
         "_selected_action": list(Accreditation.objects.values_list("pk", flat=True))},
        follow=True,
    )  # fmt: skip

    assert "3 accreditations approved." in response.content.decode()
    assert set(Accreditation.objects.values_list("status", flat=True)) == {"approved"}


def test_coordinators_export_the_approved_list(client, series, coordinator):
    approved(series, coordinator)
    Accreditation.objects.create(
        series=series, name="Still Waiting", email="w@example.org", category="cso",
        organisation="Org", country="KE", days=["2027-03-23"], language="en",
    )  # fmt: skip
    client.force_login(coordinator)

    response = client.post(
        reverse("admin:presessions_accreditation_export"),
        {"format": "0", "resource": "0", **{f"accreditationresource_{f}": "on" for f in [
            "name", "email", "organisation", "category", "country", "days", "code"]}},
    )  # fmt: skip

    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["Full name"] for row in rows] == ["Ana Reyes"]
    assert rows[0]["Category"] == "Media"
    assert rows[0]["Days"] == "2027-03-23"


INVITEES = (
    "name,email,organisation,category,country\n"
    "Jean Dupont,Jean@Mission.example.org,Mission of France,mission,France\n"
    "Sara Ali,sara@uni.example.org,University of Geneva,Academia,CH\n"
)


def check_invitees(client, series, text):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        reverse("admin:presessions_accreditation_import_invitees"),
        {"series": series.pk, "file": SimpleUploadedFile("invitees.csv", text.encode())},
        follow=True,
    )


def import_invitees(client, series, text):
    """Check the file and, if its passes are shown, confirm them."""
    checked = check_invitees(client, series, text)
    if "confirm_form" not in checked.context:
        return checked
    return client.post(
        reverse("admin:presessions_accreditation_import_invitees"),
        {"series": series.pk, "text": checked.context["confirm_form"].initial["text"],
         "post": "yes"},
        follow=True,
    )  # fmt: skip


def test_coordinators_pre_approve_a_list_of_invitees(
    client, series, coordinator, django_capture_on_commit_callbacks
):
    Accreditation.objects.create(
        series=series, name="Sara Ali", email="sara@uni.example.org", category="academia",
        organisation="UNIGE", country="CH", days=["2027-03-23"], language="fr",
    )  # fmt: skip
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = import_invitees(client, series, INVITEES)

    assert "2 invitees approved; the passes are sent." in response.content.decode()
    jean = Accreditation.objects.get(email="jean@mission.example.org")
    assert (jean.status, jean.category, jean.country.code) == ("approved", "mission", "FR")
    assert jean.days == ["2027-03-23", "2027-03-24", "2027-03-25", "2027-03-26"]
    assert Accreditation.objects.get(email="sara@uni.example.org").status == "approved"
    assert sorted(m.to[0] for m in mail.outbox) == [
        "jean@mission.example.org", "sara@uni.example.org"
    ]  # fmt: skip

    with django_capture_on_commit_callbacks(execute=True):
        import_invitees(client, series, INVITEES)
    assert len(mail.outbox) == 2


def test_a_checked_file_shows_the_passes_and_imports_nothing_yet(
    client, series, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = check_invitees(client, series, INVITEES)

    page = response.content.decode()
    assert "2 emails to 2 people" in page
    assert "2 invitees of Pre-sessions 55 will be approved" in page
    assert [(s.kind, s.to) for s in response.context["preview"].samples] == [
        ("accreditation_approved", "jean@mission.example.org")
    ]
    assert callbacks == []
    assert Accreditation.objects.count() == 0
    assert mail.outbox == []


def test_a_wrong_line_imports_nothing_and_says_which(client, series, coordinator):
    client.force_login(coordinator)

    response = import_invitees(
        client, series, INVITEES + "Bad Row,not-an-email,Org,pirate,Atlantis\n"
    )

    page = response.content.decode()
    assert (
        "Line 4: the email is not valid; the category is unknown; the country is unknown." in page
    )
    assert Accreditation.objects.count() == 0


def test_imported_invitees_are_cleaned_and_held_to_their_columns(client, series, coordinator):
    client.force_login(coordinator)
    long_email = "a" * 250 + "@example.org"

    refused = import_invitees(
        client,
        series,
        "name,email,organisation,category,country\n"
        f"{'N' * 201},ok@example.org,Org,mission,France\n"
        f"Jean,{long_email},{'O' * 201},mission,France\n",
    )
    accepted = import_invitees(
        client,
        series,
        "name,email,organisation,category,country\n"
        "\u202eJean\u0001 Dupont,jean@example.org,=Mission\u2066 of France,mission,France\n",
    )

    page = refused.content.decode()
    assert "Line 2: the name is too long." in page
    assert "Line 3: the organisation&#x27;s name is too long; the email is not valid." in page
    assert "1 invitee approved" in accepted.content.decode()
    jean = Accreditation.objects.get()
    assert (jean.name, jean.organisation) == ("Jean Dupont", "=Mission of France")


def test_only_coordinators_import_invitees(client, series, django_user_model):
    client.force_login(django_user_model.objects.create_user("s", password="x", is_staff=True))

    response = client.get(reverse("admin:presessions_accreditation_import_invitees"))
    confirmed = client.post(
        reverse("admin:presessions_accreditation_import_invitees"),
        {"series": series.pk, "text": INVITEES, "post": "yes"},
    )

    assert response.status_code == confirmed.status_code == 403
    assert Accreditation.objects.count() == 0


def test_a_confirmation_without_its_checked_file_imports_nothing(client, series, coordinator):
    client.force_login(coordinator)

    response = client.post(
        reverse("admin:presessions_accreditation_import_invitees"),
        {"series": series.pk, "post": "yes"},
        follow=True,
    )

    assert "The checked file was lost: choose it again." in response.content.decode()
    assert Accreditation.objects.count() == 0


@pytest.mark.parametrize(
    ("language", "approve", "subject", "phrase"),
    [
        ("en", True, "Your accreditation to the Pre-sessions 55", "identity document"),
        ("fr", True, "Votre accréditation aux Pré-sessions 55", "pièce d'identité"),
        ("es", True, "Su acreditación a las Pre-sesiones 55", "documento de identidad"),
        ("en", False, "Your accreditation request: Pre-sessions 55", "We are sorry"),
        ("fr", False, "Votre demande d'accréditation : Pré-sessions 55", "Nous regrettons"),
        ("es", False, "Su solicitud de acreditación: Pre-sesiones 55", "Lamentamos"),
    ],
)
def test_decision_emails_in_each_language(
    series, coordinator, language, approve, subject, phrase, django_capture_on_commit_callbacks
):
    holder = Accreditation.objects.create(
        series=series, name="Ana", email="ana@example.org", category="cso",
        organisation="Org", country="KE", days=["2027-03-23"], language=language,
    )  # fmt: skip

    with django_capture_on_commit_callbacks(execute=True):
        accreditation.decide_accreditations(
            accreditations=[holder], approve=approve, by=coordinator
        )

    assert mail.outbox[0].subject == subject
    assert phrase in mail.outbox[0].body.replace("\xa0", " ")


# The rules of a request hold for every caller of the service, not only the form ---------


def request_fields(**overrides):
    fields = {
        "name": "Ana Reyes", "category": "media", "organisation": "Radio Ginebra",
        "country": "ES", "days": [dt.date(2027, 3, 23)], "media_acknowledged": True,
    }  # fmt: skip
    fields.update(overrides)
    return fields


def test_request_accreditation_refuses_a_series_that_is_over(
    series, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError) as refused,
    ):
        accreditation.request_accreditation(
            series=series, email="ana@news.example.org", fields=request_fields(),
            language="en", today=dt.date(2027, 3, 27),
        )  # fmt: skip

    assert refused.value.code == "series_over"
    assert refused.value.messages == ["This series is over: accreditation requests are closed."]
    assert Accreditation.objects.count() == 0
    assert mail.outbox == []


def test_request_accreditation_accepts_a_request_on_the_last_day(series):
    holder, created = accreditation.request_accreditation(
        series=series, email="ana@news.example.org", fields=request_fields(),
        language="en", today=dt.date(2027, 3, 26),
    )  # fmt: skip

    assert (created, holder.status) == (True, AccreditationStatus.PENDING)


def test_request_accreditation_refuses_the_media_without_the_acknowledgement(series):
    with pytest.raises(ValidationError) as refused:
        accreditation.request_accreditation(
            series=series, email="ana@news.example.org",
            fields=request_fields(media_acknowledged=False), language="en",
        )  # fmt: skip

    assert refused.value.message_dict == {
        "media_acknowledged": [
            "The media must acknowledge that recording and photography are not permitted."
        ]
    }
    assert Accreditation.objects.count() == 0


def test_request_accreditation_lets_other_categories_go_without_the_acknowledgement(series):
    holder, _created = accreditation.request_accreditation(
        series=series, email="ana@uni.example.org",
        fields=request_fields(category="academia", media_acknowledged=False), language="en",
    )  # fmt: skip

    assert (holder.category, holder.media_acknowledged) == ("academia", False)


def test_request_page_of_a_series_that_is_over_says_so_and_stores_nothing(
    client, past_series, django_capture_on_commit_callbacks
):
    days = [past_series.starts_on.isoformat()]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(request_url(past_series), data(days=days))

    assert response.status_code == 200
    page = response.content.decode()
    assert "This series is over: accreditation requests are closed." in page
    assert 'name="email"' not in page
    assert Accreditation.objects.count() == 0
    assert mail.outbox == []


# Every invitee in their own language ------------------------------------------------------


def test_imported_invitees_get_the_pass_in_the_language_of_their_line(
    client, series, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        import_invitees(
            client,
            series,
            "name,email,organisation,category,country,language\n"
            "Juan Diplomático,juan@mission.example.org,Misión de México,mission,Mexico,ES\n"
            "Jean Dupont,jean@mission.example.org,Mission of France,mission,France,fr\n"
            "Ann Smith,ann@uni.example.org,University of Geneva,academia,CH,\n",
        )

    languages = dict(Accreditation.objects.values_list("email", "language"))
    assert languages == {
        "juan@mission.example.org": "es", "jean@mission.example.org": "fr",
        "ann@uni.example.org": "en",
    }  # fmt: skip
    spanish = next(m for m in mail.outbox if m.to == ["juan@mission.example.org"])
    assert spanish.subject == "Su acreditación a las Pre-sesiones 55"
    assert "/es/accreditation/pass/" in spanish.body
    assert "23 de marzo de 2027" in spanish.body
    assert '<html lang="es">' in spanish.alternatives[0][0]
    french = next(m for m in mail.outbox if m.to == ["jean@mission.example.org"])
    assert french.subject == "Votre accréditation aux Pré-sessions 55"


def test_an_unknown_language_imports_nothing_and_says_which_line(client, series, coordinator):
    client.force_login(coordinator)

    response = import_invitees(
        client,
        series,
        "name,email,organisation,category,country,language\n"
        "Jean Dupont,jean@mission.example.org,Mission of France,mission,France,fr\n"
        "Hans Muster,hans@mission.example.org,Mission of Germany,mission,Germany,de\n",
    )

    assert "Line 3: the language is not one of en, es, fr." in response.content.decode()
    assert Accreditation.objects.count() == 0


def test_an_existing_request_keeps_the_language_its_requester_chose(series, coordinator):
    Accreditation.objects.create(
        series=series, name="Sara Ali", email="sara@uni.example.org", category="academia",
        organisation="UNIGE", country="CH", days=["2027-03-23"], language="fr",
    )  # fmt: skip
    rows, problems = accreditation.parse_invitees(
        "name,email,organisation,category,country,language\n"
        "Sara Ali,sara@uni.example.org,UNIGE,academia,CH,es\n",
        series=series,
    )

    accreditation.import_invitees(series=series, rows=rows, by=coordinator)

    assert problems == []
    assert OutboundEmail.objects.get().language == "fr"


def test_the_greeting_to_a_person_in_spanish_addresses_the_person(
    series, coordinator, django_capture_on_commit_callbacks
):
    holder = Accreditation.objects.create(
        series=series, name="Juan Diplomático", email="juan@example.org", category="mission",
        organisation="Misión de México", country="MX", days=["2027-03-23"], language="es",
    )  # fmt: skip

    with django_capture_on_commit_callbacks(execute=True):
        accreditation.decide_accreditations(accreditations=[holder], approve=True, by=coordinator)

    body = mail.outbox[0].body
    assert "Juan Diplomático" in body.splitlines()[0]
    assert "equipo de Juan" not in body
    assert "Estimado equipo" not in body
