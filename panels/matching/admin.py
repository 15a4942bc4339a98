"""The staff side of the matching: have a series' recommendations matched to the
review's (an action on the series), then read each proposal side by side and confirm or
reject it."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from panels import rules
from panels.enums import MatchStatus
from panels.matching import services
from panels.models import RecommendationMatch
from presessions.admin_actions import ActionsOnChangePage, run_each
from presessions.models import Series


class MatchesRecommendations:
    """Series admin mixin: have the series' recommendations matched to the review's."""

    @admin.action(description=_("Match the recommendations to the review's"), permissions=["match"])
    def propose_matches(self, request, queryset):
        run_each(
            self,
            request,
            queryset.select_related("session"),
            lambda series: services.request_match_proposals(series=series),
            ngettext_lazy(
                "The recommendations of %(count)d series are being matched: the proposals "
                "appear under Recommendation matches in a moment.",
                "The recommendations of %(count)d series are being matched: the proposals "
                "appear under Recommendation matches in a moment.",
                "count",
            ),
        )

    def has_match_permission(self, request) -> bool:
        return rules.can_match_recommendations(request.user)


def _shortened(text: str, length: int = 300) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


class SeriesFilter(admin.SimpleListFilter):
    title = _("series")
    parameter_name = "series"

    def lookups(self, request, model_admin):
        return [
            (series.pk, str(series))
            for series in Series.objects.select_related("session").order_by("-session__number")
        ]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(recommendation__statement__presession__series=self.value())
        return queryset


@admin.register(RecommendationMatch)
class RecommendationMatchAdmin(ActionsOnChangePage, admin.ModelAdmin):
    list_display = ["statement_reference", "presession_text", "review_text",
                    "recommending_state", "response", "score_shown", "status", "decided_by",
                    "decided_at"]  # fmt: skip
    list_filter = [
        "status",
        SeriesFilter,
        "upr_recommendation__state_under_review",
        "upr_recommendation__response",
    ]
    list_select_related = [
        "recommendation__statement__application",
        "upr_recommendation",
        "decided_by",
    ]
    search_fields = ["recommendation__text", "upr_recommendation__text"]
    readonly_fields = ("statement_reference", "presession_text", "review_text",
                       "recommending_state", "state_under_review", "session", "response",
                       "score_shown", "status", "decided_by", "decided_at",
                       "proposed_at")  # fmt: skip
    fields = readonly_fields
    actions = ["confirm_matches", "reject_matches"]
    change_page_actions = ("confirm_matches", "reject_matches")
    show_full_result_count = False

    def offers_action(self, request, obj, name: str) -> bool:
        wanted = MatchStatus.CONFIRMED if name == "confirm_matches" else MatchStatus.REJECTED
        return obj.status != wanted

    def has_add_permission(self, request):
        # Only the proposals make them.
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # A rejection is kept, so that the next proposals do not make the pair again.
        return False

    def has_match_permission(self, request) -> bool:
        return rules.can_match_recommendations(request.user)

    @admin.display(description=_("statement"))
    def statement_reference(self, obj: RecommendationMatch) -> str:
        return _("%(reference)s, recommendation %(position)s") % {
            "reference": obj.recommendation.statement.application.reference,
            "position": obj.recommendation.position,
        }

    @admin.display(description=_("Pre-session recommendation"))
    def presession_text(self, obj: RecommendationMatch) -> str:
        return _shortened(obj.recommendation.text)

    @admin.display(description=_("recommendation made at the review"))
    def review_text(self, obj: RecommendationMatch) -> str:
        return _shortened(obj.upr_recommendation.text)

    @admin.display(description=_("recommending State"))
    def recommending_state(self, obj: RecommendationMatch) -> str:
        return str(obj.upr_recommendation.recommending_state.name)

    @admin.display(description=_("State under Review"))
    def state_under_review(self, obj: RecommendationMatch) -> str:
        return str(obj.upr_recommendation.state_under_review.name)

    @admin.display(description=_("Working Group session"))
    def session(self, obj: RecommendationMatch) -> int:
        return obj.upr_recommendation.session

    @admin.display(description=_("response"))
    def response(self, obj: RecommendationMatch) -> str:
        return obj.upr_recommendation.get_response_display() or self.get_empty_value_display()

    @admin.display(description=_("score"), ordering="score")
    def score_shown(self, obj: RecommendationMatch) -> str:
        return f"{obj.score:.2f}"

    def _decide(self, request, queryset, status: str) -> None:
        changed = services.decide_matches(
            match_ids=list(queryset.values_list("pk", flat=True)), status=status, by=request.user
        )
        done = (
            ngettext_lazy("%(count)d match confirmed.", "%(count)d matches confirmed.", "count")
            if status == MatchStatus.CONFIRMED
            else ngettext_lazy("%(count)d match rejected.", "%(count)d matches rejected.", "count")
        )
        self.message_user(request, done % {"count": changed}, messages.SUCCESS)

    @admin.action(description=_("Confirm the selected matches"), permissions=["match"])
    def confirm_matches(self, request, queryset):
        self._decide(request, queryset, MatchStatus.CONFIRMED)

    @admin.action(description=_("Reject the selected matches"), permissions=["match"])
    def reject_matches(self, request, queryset):
        self._decide(request, queryset, MatchStatus.REJECTED)
