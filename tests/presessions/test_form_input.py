"""What the public forms accept: every text field's limit is its column's (a longer value
gets a message, on PostgreSQL as on SQLite, never a server error), and control characters
and bidirectional controls typed into names and texts are not stored."""

import itertools

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from applications.access import make_token
from applications.forms import ApplicationForm
from applications.models import Application, CallAlert
from panels.models import Material, Recommendation, Statement
from panels.statements.forms import MaterialForm, NewMaterialForm, RecommendationForm, StatementForm
from presessions.attendance import accreditation, events, mailing_list
from presessions.attendance.forms import AccreditationForm, RegistrationForm, SubscribeForm
from presessions.forms import LineField, MultilineField
from presessions.models import Accreditation, Event, Registration, Subscriber
from tests.conftest import application_data
from tests.documents import PDF_BYTES

pytestmark = pytest.mark.django_db

ERROR_SUMMARY = "Please correct the following:"
_numbers = itertools.count(1)

# Every public form, and the model its fields are saved into.
PUBLIC_FORMS = [
    (AccreditationForm, Accreditation),
    (SubscribeForm, Subscriber),
    (RegistrationForm, Registration),
    (ApplicationForm, Application),
    (StatementForm, Statement),
    (RecommendationForm, Recommendation),
    (NewMaterialForm, Material),
    (MaterialForm, Material),
]
# Text fields that are not stored as typed: the honeypot, and the signed keys of kept files.
NOT_STORED = {"fax_number", "upr_report_pending", "file_pending"}


@pytest.mark.parametrize(("form_class", "model"), PUBLIC_FORMS, ids=lambda v: v.__name__)
def test_every_text_field_of_the_public_forms_has_the_limit_of_its_column(form_class, model):
    text_fields = {
        name: field
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.CharField) and name not in NOT_STORED
    }

    assert text_fields
    for name, field in text_fields.items():
        column = model._meta.get_field(name)
        assert column.max_length is not None, name
        assert field.max_length == column.max_length, name
        if not isinstance(field, (forms.EmailField, forms.URLField)):
            # Names and texts are cleaned of control characters before they are checked.
            assert isinstance(field, (LineField, MultilineField)), name


# Values of an exact length, for each kind of field ----------------------------------------


def email_of(length: int) -> str:
    """A valid address of exactly `length` characters (labels of at most 63)."""
    n = next(_numbers)
    local = f"p{n}-" + "a" * 60
    domain_length = length - len(local) - 1
    labels, left = [], domain_length - len(".org")
    while left > 0:
        size = min(63, left - 2 if left - 63 == 1 else left)
        labels.append("b" * size)
        left -= size + 1
    address = f"{local}@{'.'.join(labels)}.org"
    assert len(address) == length
    return address


def url_of(length: int) -> str:
    prefix = "https://krn.example.org/"
    return prefix + "p" * (length - len(prefix))


def text_of(length: int) -> str:
    """Letters of two and four bytes in UTF-8: the column counts characters."""
    return ("é\U0001f600" * length)[:length]


def value_of(field: str, length: int) -> str:
    if field.endswith("email"):
        return email_of(length)
    if field.endswith("website"):
        return url_of(length)
    return text_of(length)


# The forms ----------------------------------------------------------------------------------


@pytest.fixture
def event(series):
    starts = timezone.now() + timezone.timedelta(days=20)
    return Event.objects.create(
        series=series, kind="networking", title="Reception", capacity=50, starts_at=starts,
        ends_at=starts + timezone.timedelta(hours=2),
    )  # fmt: skip


def statement_data(theme) -> dict:
    return {
        "language": "en", "theme": theme.pk, "text": "Journalists are detained.",
        "sharing": "named", "recommendations-TOTAL_FORMS": "3",
        "recommendations-INITIAL_FORMS": "0",
        "recommendations-0-text": "Repeal the sedition law by 2028.",
        "recommendations-0-sharing": "named",
        "recommendations-1-text": "Release the detained journalists within three months.",
        "recommendations-1-sharing": "named",
        "recommendations-2-text": "", "recommendations-2-sharing": "private",
        "materials-TOTAL_FORMS": "2", "materials-INITIAL_FORMS": "0",
        "materials-0-title": "", "materials-0-sharing": "private",
        "materials-1-title": "", "materials-1-sharing": "private",
    }  # fmt: skip


@pytest.fixture
def public_form(client, series, presession, theme, speaker, event):
    """send(form, field, value) -> (response, the value stored in the field's column, or
    None when nothing new was stored)."""

    def send(form: str, field: str, value: str):
        n = next(_numbers)
        if form == "accreditation":
            url = f"/en/series/{series.number}/accreditation/"
            data = {"name": "Ana Reyes", "email": f"ana{n}@example.org", "category": "cso",
                    "organisation": "Radio", "country": "ES", "consent": "on",
                    "days": [series.starts_on.isoformat()]}  # fmt: skip
            model, column = Accreditation, field
        elif form == "subscribe":
            url, data = "/en/mailing-list/", {"email": f"a{n}@mission.example.org"}
            model, column = Subscriber, field
        elif form == "call alerts":
            url = "/en/call-alerts/"
            data = {"email": f"cso{n}@example.org", "which": "chosen", "countries": ["KE"]}
            model, column = CallAlert, field
        elif form == "register":
            url = f"/en/series/{series.number}/events/{event.pk}/register/"
            data = {"name": "Ana Reyes", "email": f"ana{n}@example.org"}
            model, column = Registration, field
        elif form == "apply":
            url = f"/en/series/{series.number}/apply/"
            data = application_data(
                presession, theme, organisation_name=f"Network {n}",
                contact_email=f"c{n}@example.org", needs_interpretation="True",
                interpretation_details="Swahili", needs_funding="True",
                funding_amount="500", funding_reason="Travel",
            )  # fmt: skip
            model, column = Application, field
        else:
            url = f"/en/application/{make_token(speaker)}/statement/"
            data = statement_data(theme)
            model, column = STATEMENT_COLUMNS[field]
            if field == "materials-0-title":
                data["materials-0-file"] = SimpleUploadedFile(
                    "factsheet.pdf", PDF_BYTES, "application/pdf"
                )
        data[field] = value
        before = model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        response = client.post(url, data)
        assert response.status_code < 500
        row = model.objects.filter(pk__gt=before).order_by("-pk").first()
        if model is Recommendation and row is not None:
            row = Recommendation.objects.filter(pk__gt=before).order_by("pk").first()
        return response, (getattr(row, column) if row is not None else None)

    return send


CASES = [
    ("accreditation", "name"), ("accreditation", "email"), ("accreditation", "organisation"),
    ("subscribe", "email"), ("subscribe", "name"), ("subscribe", "mission"),
    ("call alerts", "email"),
    ("register", "name"), ("register", "email"), ("register", "organisation"),
    ("apply", "organisation_name"), ("apply", "organisation_website"),
    ("apply", "contact_email"), ("apply", "summary"), ("apply", "speaker_name"),
    ("apply", "speaker_email"), ("apply", "speaker_other_languages"),
    ("apply", "interpretation_details"), ("apply", "funding_reason"),
    ("apply", "safety_details"),
    ("statement", "text"), ("statement", "recommendations-0-text"),
    ("statement", "materials-0-title"),
]  # fmt: skip
MODELS = {"accreditation": Accreditation, "subscribe": Subscriber, "register": Registration,
          "apply": Application, "call alerts": CallAlert}  # fmt: skip
STATEMENT_COLUMNS = {"text": (Statement, "text"),
                     "recommendations-0-text": (Recommendation, "text"),
                     "materials-0-title": (Material, "title")}  # fmt: skip


def column_length(form: str, field: str) -> int:
    model, column = STATEMENT_COLUMNS[field] if form == "statement" else (MODELS[form], field)
    return model._meta.get_field(column).max_length


@pytest.mark.parametrize(("form", "field"), CASES)
def test_a_value_as_long_as_its_column_is_stored_as_typed(public_form, form, field):
    value = value_of(field, column_length(form, field))

    response, stored = public_form(form, field, value)

    assert ERROR_SUMMARY not in response.content.decode()
    assert stored == value


@pytest.mark.parametrize(("form", "field"), CASES)
def test_a_value_longer_than_its_column_gets_a_message(public_form, form, field):
    value = value_of(field, column_length(form, field) + 1)

    response, stored = public_form(form, field, value)

    assert response.status_code == 200
    assert ERROR_SUMMARY in response.content.decode()
    assert stored is None


def test_an_email_of_300_characters_gets_a_message_on_each_series_form(public_form):
    for form in ("accreditation", "subscribe", "register"):
        response, stored = public_form(form, "email", email_of(300))

        assert "Ensure this value has at most 254 characters (it has 300)." in (
            response.content.decode()
        ), form
        assert stored is None


# Control characters and bidirectional controls ----------------------------------------------

NAME = "Haki\x01 \u202eWatch\u202c\u2066 Kenya\u2069\x7f"
CLEAN_NAME = "Haki Watch Kenya"
TEXT = "Detentions\x01 in 2024:\r\n\t\u202ethree\u202c cases.\x00\x1b\rMore\u2028below."
CLEAN_TEXT = "Detentions in 2024:\n\tthree cases.\nMore\nbelow."


@pytest.mark.parametrize(
    ("form", "field", "value", "expected"),
    [
        ("accreditation", "name", NAME, CLEAN_NAME),
        ("accreditation", "organisation", NAME, CLEAN_NAME),
        ("subscribe", "name", NAME, CLEAN_NAME),
        ("subscribe", "mission", NAME, CLEAN_NAME),
        ("register", "name", NAME, CLEAN_NAME),
        ("register", "organisation", NAME, CLEAN_NAME),
        ("apply", "organisation_name", NAME, CLEAN_NAME),
        ("apply", "speaker_name", NAME, CLEAN_NAME),
        ("apply", "speaker_other_languages", NAME, CLEAN_NAME),
        ("apply", "interpretation_details", NAME, CLEAN_NAME),
        ("apply", "summary", TEXT, CLEAN_TEXT),
        ("apply", "funding_reason", TEXT, CLEAN_TEXT),
        ("apply", "safety_details", TEXT, CLEAN_TEXT),
        ("statement", "text", TEXT, CLEAN_TEXT),
        ("statement", "recommendations-0-text", TEXT, CLEAN_TEXT),
        ("statement", "materials-0-title", NAME, CLEAN_NAME),
    ],
)
def test_control_and_bidirectional_characters_are_not_stored(
    public_form, form, field, value, expected
):
    response, stored = public_form(form, field, value)

    assert ERROR_SUMMARY not in response.content.decode()
    assert stored == expected


def test_a_name_of_nothing_but_control_characters_is_an_empty_name(public_form):
    response, stored = public_form("accreditation", "name", "\x01\u202e\x02")

    assert "This field is required." in response.content.decode()
    assert stored is None


# The services refuse what the database would refuse ------------------------------------------


def test_the_series_services_refuse_a_value_longer_than_its_column(series, event):
    too_long = email_of(300)

    with pytest.raises(ValidationError) as refused:
        accreditation.request_accreditation(
            series=series, email=too_long, language="en",
            fields={"name": "Ana", "organisation": "Radio", "category": "cso",
                    "country": "ES", "days": [series.starts_on]},
        )  # fmt: skip
    assert list(refused.value.message_dict) == ["email"]
    with pytest.raises(ValidationError):
        mailing_list.subscribe(email="a@example.org", name="x" * 201, language="en")
    with pytest.raises(ValidationError):
        events.register(event=event, name="Ana", email=too_long, language="en")
    assert (Accreditation.objects.count(), Subscriber.objects.count()) == (0, 0)
    assert Registration.objects.count() == 0
