"""The applicant's private page, opened by the link in their emails: the application, the
outcome once told, the invitation to answer, the statement and its public preview, and
the withdrawal. (Editing the application itself is the applications side's page.)"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from applications.access import opened_by_private_link
from applications.models import Application
from panels.models import Statement
from panels.programme.public import speaker_slot
from panels.record import links
from panels.selection import services as panel_services
from panels.selection.queries import told_placement
from panels.statements import public_pages, queries, smart
from panels.statements import services as statements


@never_cache
@opened_by_private_link
def private(request: HttpRequest, application: Application, token: str) -> HttpResponse:
    may_submit = statements.may_submit_statement(application)
    # A statement already handed in stays visible, so that its consent can always be
    # taken back, even after the application was withdrawn.
    statement = queries.speaker_statement(application)
    placement = told_placement(application)
    return render(
        request,
        "applications/private.html",
        {
            "application": application,
            "token": token,
            "can_edit": application.is_editable,
            "related_themes": application.related_themes.all(),
            "placement": placement,
            "meeting_slot": speaker_slot(application, placement),
            "may_submit_statement": may_submit,
            "statement": statement,
            "statement_preview": public_pages.speaker_preview(statement) if statement else None,
            "statement_deadline": queries.statement_deadline(application),
            # The SMART advice stays in view after saving, while the statement can change.
            "recommendation_hints": _recommendation_hints(statement)
            if may_submit and statement and not statement.is_published
            else [],
            "approach_path": links.approach_path(
                application.presession.country.code, application.main_theme_id
            ),
        },
    )


def _recommendation_hints(statement: Statement) -> list[tuple[int, list[smart.Hint]]]:
    """(position, hints) for each saved recommendation that seems to miss something."""
    recommendations = statement.recommendations.all()
    checked = [(r.position, smart.check_recommendation(r.text)) for r in recommendations]
    return [(position, hints) for position, hints in checked if hints]


@never_cache
@opened_by_private_link
def private_decline(request: HttpRequest, application: Application, token: str) -> HttpResponse:
    """Declining gives the seat away for good: the speaker is asked to confirm first."""
    placement = told_placement(application)
    if placement is None or not placement.awaits_answer or application.is_withdrawn:
        return redirect("panels:private", token=token)
    return render(
        request, "applications/decline.html", {"application": application, "token": token}
    )


@never_cache
@require_POST
@opened_by_private_link
def private_answer(request: HttpRequest, application: Application, token: str) -> HttpResponse:
    """A selected speaker confirms or declines the invitation."""
    answer = request.POST.get("answer")
    if answer not in {"confirm", "decline"}:
        messages.error(request, _("Please choose to confirm or to decline."))
        return redirect("panels:private", token=token)
    try:
        panel_services.respond_to_invitation(
            application=application,
            accept=answer == "confirm",
            may_name_publicly=request.POST.get("may_name_publicly") == "yes",
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Thank you: you have confirmed. We look forward to seeing you in Geneva.")
            if answer == "confirm"
            else _("Thank you for telling us. Your seat will be offered to another organisation."),
        )
    return redirect("panels:private", token=token)


@never_cache
@require_http_methods(["GET", "POST"])
@opened_by_private_link
def private_withdraw(request: HttpRequest, application: Application, token: str) -> HttpResponse:
    if request.method == "POST" and not application.is_withdrawn:
        # Through the panels side, which also frees the speaker's seat if it held one.
        panel_services.withdraw_speaker(application=application)
        messages.success(request, _("Your application is withdrawn."))
        return redirect("panels:private", token=token)
    return render(
        request, "applications/withdraw.html", {"application": application, "token": token}
    )
