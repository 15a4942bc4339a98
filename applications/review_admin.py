"""The reviewer's tools in the applications' admin: the criteria at a glance, the next
application of the country, and the actions that rate or mark ineligible in bulk (each
through a page that asks for the rating or the reason, as the admin's own deletion asks
for a confirmation)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from applications import queries, rules, services
from applications.enums import Language, Scope
from applications.models import Application

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse
    from django_stubs_ext import StrOrPromise

# The scopes that earn the series' points for a grassroots or national organisation
# (panels.selection.rule.LOCAL_SCOPES: this floor cannot import the one above).
LOCAL_SCOPES = frozenset({Scope.GRASSROOTS, Scope.NATIONAL})
LANGUAGE_LABELS = dict(Language.choices)


def language_names(application: Application) -> str:
    """The speaker's languages by name, with the other languages the applicant typed."""
    names = [str(LANGUAGE_LABELS.get(code, code)) for code in application.speaker_languages]
    if application.speaker_other_languages:
        names.append(application.speaker_other_languages)
    return ", ".join(names)


def _yes_no(value: bool) -> StrOrPromise:
    return _("Yes") if value else _("No")


def _points(earned: bool, weight: int) -> str:
    return _("%(points)s of %(weight)s") % {"points": weight if earned else 0, "weight": weight}


def criteria_at_a_glance(application: Application) -> SafeString:
    """What the selection rule reads of this application, with the points the series
    gives it, in a few lines above the rating."""
    series = application.presession.series
    local = application.scope in LOCAL_SCOPES
    rows: list[tuple[StrOrPromise, StrOrPromise, StrOrPromise]] = [
        (_("Scope"), application.get_scope_display(), _points(local, series.weight_local_scope)),
        (
            _("National coalition"),
            _yes_no(application.is_national_coalition),
            _points(application.is_national_coalition, series.weight_coalition),
        ),
        (
            _("UPR report"),
            _yes_no(application.submitted_upr_report),
            _points(application.submitted_upr_report, series.weight_upr_report),
        ),
        (
            _("Main theme"),
            application.main_theme.label,
            _("%(weight)s per distinct main theme of the panel") % {"weight": series.weight_theme},
        ),
        (
            _("Gender"),
            application.get_speaker_gender_display(),
            _("the panel's balance of women and men"),
        ),
        (_("Languages"), language_names(application), ""),
        (
            _("Interpretation"),
            (application.interpretation_details or _("Needed"))
            if application.needs_interpretation
            else _("Not needed"),
            "",
        ),
        (_("Rating"), _("the rating below"), _("0 to 3")),
    ]
    body = format_html_join("", "<tr><th scope='row'>{}</th><td>{}</td><td>{}</td></tr>", rows)
    return format_html(
        '<table class="criteria-at-a-glance"><thead><tr><th scope="col">{}</th>'
        '<th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>',
        _("Criterion"),
        _("Answer"),
        _("Points in series %(number)s") % {"number": series.session.number},
        body,
    )


def next_application_link(application: Application) -> str:
    """A link to the application to review after this one (queries.next_to_review)."""
    following = queries.next_to_review(application)
    if following is None:
        return str(_("This is the last application of this country."))
    return format_html(
        '<a href="{}">{} {}</a> {}',
        reverse("admin:applications_application_change", args=[following.pk]),
        following.reference,
        following.organisation_name,
        _("(needs a rating)") if following.rating is None and not following.is_ineligible else "",
    )


class OpensTheNextApplication:
    """ApplicationAdmin mixin: "Save and open the next application" saves the review and
    opens the next of the country that needs one (queries.next_to_review), keeping the
    list's filters; after the last, back to the list."""

    message_user: Callable[..., None]

    def response_change(self, request: HttpRequest, obj: Application) -> HttpResponse:
        if "_savenext" not in request.POST:
            return super().response_change(request, obj)  # type: ignore[misc]
        following = queries.next_to_review(obj)
        preserved = {
            "preserved_filters": self.get_preserved_filters(request),  # type: ignore[attr-defined]
            "opts": Application._meta,
        }
        if following is None:
            self.message_user(
                request,
                _("%(application)s saved. It was the last application of this country.")
                % {"application": obj},
                messages.SUCCESS,
            )
            url = reverse("admin:applications_application_changelist")
        else:
            self.message_user(
                request,
                _("%(application)s saved. Here is the next one.") % {"application": obj},
                messages.SUCCESS,
            )
            url = reverse("admin:applications_application_change", args=[following.pk])
        return HttpResponseRedirect(add_preserved_filters(preserved, url))


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Rating (0-3)"),
        choices=[
            ("", _("Choose a rating")),
            (0, _("0 (weak)")),
            (1, "1"),
            (2, "2"),
            (3, _("3 (strong)")),
        ],
        coerce=int,
        error_messages={"required": _("Choose the rating to give.")},
    )


class IneligibleForm(forms.Form):
    ineligible_reason = forms.CharField(
        label=_("Why they are ineligible"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("Staff see it beside each application; the applicants are not told."),
        error_messages={"required": _("Say why the application is ineligible.")},
    )


class ReviewsInBulk:
    """ApplicationAdmin mixin: rate the selected applications, or mark them ineligible,
    after a page that asks for the rating or the reason. The page posts back the action
    and the selection, as the admin's confirmation of a deletion does."""

    message_user: Callable[..., None]
    admin_site: admin.AdminSite

    @admin.action(description=_("Rate the selected applications"), permissions=["review"])
    def rate(self, request: HttpRequest, queryset: QuerySet[Application]) -> HttpResponse | None:
        return self._ask_then_apply(
            request,
            queryset,
            RatingForm,
            title=_("Rate the selected applications"),
            apply=lambda data: services.rate_applications(
                applications=queryset, rating=data["rating"]
            ),
            done=lambda count: ngettext(
                "%(count)d application rated.", "%(count)d applications rated.", count
            ),
        )

    @admin.action(
        description=_("Mark the selected applications ineligible"),
        permissions=["mark_ineligible"],
    )
    def mark_ineligible(
        self, request: HttpRequest, queryset: QuerySet[Application]
    ) -> HttpResponse | None:
        if not self.has_mark_ineligible_permission(request):
            raise PermissionDenied
        return self._ask_then_apply(
            request,
            queryset,
            IneligibleForm,
            title=_("Mark the selected applications ineligible"),
            apply=lambda data: services.mark_ineligible(
                applications=queryset, reason=data["ineligible_reason"]
            ),
            done=lambda count: ngettext(
                "%(count)d application marked ineligible.",
                "%(count)d applications marked ineligible.",
                count,
            ),
        )

    def has_review_permission(self, request: HttpRequest) -> bool:
        return rules.can_review_applications(request.user)

    def has_mark_ineligible_permission(self, request: HttpRequest) -> bool:
        return rules.can_mark_ineligible(request.user)

    def _ask_then_apply(
        self,
        request: HttpRequest,
        queryset: QuerySet[Application],
        form_class: type[forms.Form],
        *,
        title: StrOrPromise,
        apply: Callable[[dict[str, Any]], int],
        done: Callable[[int], str],
    ) -> HttpResponse | None:
        queryset = queryset.select_related("presession").order_by("reference")
        form = form_class(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            try:
                count = apply(form.cleaned_data)
            except ValidationError as refused:
                form.add_error(None, refused)
            else:
                self.message_user(request, done(count) % {"count": count}, messages.SUCCESS)
                return None  # back to the list
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "form": form,
            "applications": queryset,
            "action": request.POST.get("action", ""),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "opts": Application._meta,
        }
        return TemplateResponse(
            request, "admin/applications/application/review_in_bulk.html", context
        )
