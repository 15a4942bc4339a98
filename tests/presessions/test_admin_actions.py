"""Admin actions apply a service to each object and report each refusal by name."""

import pytest
from django import forms
from django.contrib import messages
from django.contrib.admin import site
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.utils.translation import ngettext_lazy

from presessions import outbox
from presessions.admin_actions import (
    RETURN_TO,
    confirm_send,
    return_address,
    return_context,
    run_each,
)
from presessions.models import OutboundEmail, Subscriber, Theme

DONE = ngettext_lazy("%(count)d theme renamed.", "%(count)d themes renamed.", "count")


class RecordingAdmin:
    def __init__(self):
        self.messages = []

    def message_user(self, request, message, level):
        self.messages.append((str(message), level))


def rename(theme: Theme) -> None:
    theme.name_fr = f"{theme.name} (fr)"
    theme.save(update_fields=["name_fr"])
    if theme.name.startswith("W"):
        raise ValidationError("Not this one.")


def test_run_each_reports_successes_and_each_refusal_by_name(db):
    themes = list(Theme.objects.filter(name__in=["Right to health", "Women's rights"]))
    admin = RecordingAdmin()

    run_each(admin, None, themes, rename, DONE)

    assert admin.messages == [
        ("Women's rights: Not this one.", messages.ERROR),
        ("1 theme renamed.", messages.SUCCESS),
    ]


def test_run_each_undoes_a_refused_objects_changes_only(db):
    themes = list(Theme.objects.filter(name__in=["Right to health", "Women's rights"]))

    run_each(RecordingAdmin(), None, themes, rename, DONE)

    assert Theme.objects.get(name="Right to health").name_fr == "Right to health (fr)"
    assert Theme.objects.get(name="Women's rights").name_fr != "Women's rights (fr)"


def test_run_each_says_nothing_of_success_when_everything_was_refused(db):
    admin = RecordingAdmin()

    run_each(admin, None, list(Theme.objects.filter(name="Women's rights")), rename, DONE)

    assert [level for _message, level in admin.messages] == [messages.ERROR]


def test_run_each_counts_every_success_in_the_plural(db):
    themes = list(Theme.objects.exclude(name__startswith="W")[:3])
    admin = RecordingAdmin()

    run_each(admin, None, themes, rename, DONE)

    assert admin.messages == [("3 themes renamed.", messages.SUCCESS)]


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("/admin/presessions/series/1/overview/", "/admin/presessions/series/1/overview/"),
        ("http://testserver/admin/", "http://testserver/admin/"),
        ("https://evil.example.org/admin/", ""),
        ("//evil.example.org/", ""),
        ("javascript:alert(1)", ""),
        ("", ""),
    ],
)
def test_the_return_address_is_kept_only_on_this_site(rf, given, kept):
    request = rf.post("/admin/panels/panel/", {RETURN_TO: given})

    assert return_address(request) == kept
    assert return_context(request) == {"return_field": "_return_to", "return_to": kept}


def test_a_return_address_over_plain_http_is_refused_to_a_secure_request(rf):
    request = rf.post("/admin/panels/panel/", {RETURN_TO: "http://testserver/admin/"}, secure=True)

    assert return_address(request) == ""


def greet(theme: Theme) -> None:
    """A send: one email per theme, and a change that the dry run must undo."""
    rename(theme)
    outbox.queue_email(
        to=f"{theme.pk}@example.org",
        template="mailing_confirm",
        context={"subscriber": Subscriber(email="x@example.org"), "confirm_url": "http://x/"},
        language="fr",
    )


class SendingAdmin(RecordingAdmin):
    model = Theme
    admin_site = site


def test_confirm_send_first_answers_with_the_preview_and_changes_nothing(rf, db):
    themes = list(Theme.objects.filter(name__in=["Right to health", "Women's rights"]))
    request = rf.post("/admin/", {"action": "greet"})
    request.user = AnonymousUser()

    response = confirm_send(
        SendingAdmin(), request, themes, send_each=greet, done=DONE, title="Greet"
    )

    assert response is not None
    assert response.template_name == "admin/confirm_send.html"
    preview = response.context_data["preview"]
    assert (preview.total, preview.recipients) == (1, 1)
    assert preview.problems == ("Women's rights: Not this one.",)
    assert "1 email to 1 person" in response.render().content.decode()
    assert (response.context_data["action"], response.context_data["objects"]) == ("greet", themes)
    assert OutboundEmail.objects.count() == 0
    assert not Theme.objects.filter(name_fr__endswith="(fr)").exists()


def test_confirm_send_with_post_yes_sends_once_through_run_each(rf, db):
    themes = list(Theme.objects.filter(name__in=["Right to health", "Women's rights"]))
    request = rf.post("/admin/", {"action": "greet", "post": "yes"})
    admin = SendingAdmin()

    response = confirm_send(admin, request, themes, send_each=greet, done=DONE, title="Greet")

    assert response is None
    assert admin.messages == [
        ("Women's rights: Not this one.", messages.ERROR),
        ("1 theme renamed.", messages.SUCCESS),
    ]
    assert OutboundEmail.objects.count() == 1


def test_confirm_send_with_an_invalid_form_shows_the_preview_again(rf, db):
    class ReasonForm(forms.Form):
        reason = forms.CharField()

    themes = list(Theme.objects.filter(name="Right to health"))
    request = rf.post("/admin/", {"action": "greet", "post": "yes", "reason": ""})
    request.user = AnonymousUser()
    form = ReasonForm(request.POST)

    response = confirm_send(
        SendingAdmin(), request, themes, send_each=greet, done=DONE, title="Greet", form=form
    )

    assert response is not None
    assert response.context_data["form"].errors == {"reason": ["This field is required."]}
    assert OutboundEmail.objects.count() == 0
