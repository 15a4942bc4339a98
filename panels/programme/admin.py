"""The staff side of the programme: timetables, their days, rooms and meetings.

Every action calls a service and shows its ValidationError to the coordinator."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from panels import rules
from panels.models import Meeting, Room, Timetable, TimetableDay
from panels.programme import scheduling
from panels.programme.queries import meeting_interpretation, with_speaker_languages
from panels.selection.reasons import describe_interpretation
from presessions.admin_actions import ActionsOnChangePage, confirm_send, run_each
from presessions.admin_history import AuditTrailAdmin


class TimetableDayFormSet(forms.BaseInlineFormSet):
    """A day outside the series' dates is refused, unless the coordinator asked to extend
    the series to it (the timetable form's checkbox)."""

    def __init__(self, *args, extend_series: bool = False, **kwargs):
        self.extend_series = extend_series
        super().__init__(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.extend_series:
            return
        series = self.instance.series
        for form in self.forms:
            day = form.cleaned_data.get("date") if form.cleaned_data else None
            if day is None or form.cleaned_data.get("DELETE"):
                continue
            for problem in scheduling.check_day_in_series(series, day):
                form.add_error("date", problem)


class TimetableDayInline(admin.TabularInline):
    model = TimetableDay
    formset = TimetableDayFormSet
    extra = 0


class TimetableForm(forms.ModelForm):
    extend_series = forms.BooleanField(
        label=_("Extend the series to its timetable's days"),
        required=False,
        help_text=_(
            "A day outside the series' dates is refused unless this is ticked; ticked, the "
            "series' dates widen to cover every day, and its page, programme, emails and "
            "accreditation days follow."
        ),
    )

    class Meta:
        model = Timetable
        fields = ["gap_minutes"]


class RoomInline(admin.TabularInline):
    model = Room
    extra = 0


class MeetingInline(admin.TabularInline):
    model = Meeting
    extra = 0
    can_delete = False
    fields = readonly_fields = ("presession", "day", "room", "starts_at", "ends_at", "is_pinned",
                                "interpretation", "move")  # fmt: skip
    ordering = ["day__date", "starts_at", "room__position"]

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        # A meeting is named after its Pre-session, series and session; its interpretation
        # comes from its speakers' languages, read for every meeting at once.
        meetings = super().get_queryset(request)
        return with_speaker_languages(
            meetings.select_related("presession__series__session", "day", "room")
        )

    @admin.display(description=_("interpretation"))
    def interpretation(self, meeting: Meeting) -> str:
        return describe_interpretation(meeting_interpretation(meeting))

    @admin.display(description=_("move"))
    def move(self, meeting: Meeting) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:panels_meeting_change", args=[meeting.pk]),
            _("Move"),
        )


@admin.register(Timetable)
class TimetableAdmin(ActionsOnChangePage, AuditTrailAdmin):
    list_display = ["series", "status", "is_generating", "generation_problem", "generated_at",
                    "published_at", "published_by"]  # fmt: skip
    list_select_related = ["series__session", "published_by"]
    form = TimetableForm
    fields = ["series", "gap_minutes", "extend_series", "status", "is_generating",
              "generation_problem", "generated_at", "published_at", "published_by"]  # fmt: skip
    readonly_fields = ["series", "status", "is_generating", "generation_problem",
                       "generated_at", "published_at", "published_by"]  # fmt: skip
    inlines = [TimetableDayInline, RoomInline, MeetingInline]
    actions = ["generate", "publish"]
    change_page_actions = ("generate", "publish")

    def offers_action(self, request, obj, name: str) -> bool:
        if name == "generate":
            return not obj.is_generating
        return obj.generated_at is not None  # publish

    def has_add_permission(self, request):
        # Created with its default days and room by "Prepare the timetable" on the series.
        return False

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, TimetableDayInline):
            kwargs["extend_series"] = request.method == "POST" and bool(
                request.POST.get("extend_series")
            )
        return kwargs

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if form.cleaned_data.get("extend_series"):
            series = scheduling.extend_series_to_days(series=form.instance.series)
            self.message_user(
                request,
                _("The series now runs %(dates)s.") % {"dates": scheduling.describe_dates(series)},
                messages.SUCCESS,
            )

    @admin.action(description=_("Generate the timetable"), permissions=["publish"])
    def generate(self, request, queryset):
        run_each(
            self,
            request,
            queryset.select_related("series"),
            lambda table: scheduling.request_generation(series=table.series),
            ngettext_lazy(
                "%(count)d timetable is being generated: reload its page to see the result.",
                "%(count)d timetables are being generated: reload their pages to see the result.",
                "count",
            ),
        )

    @admin.action(description=_("Publish the programme"), permissions=["publish"])
    def publish(self, request, queryset):
        tables = list(queryset.select_related("series__session"))
        return confirm_send(
            self,
            request,
            tables,
            send_each=lambda table: scheduling.publish_programme(
                series=table.series, by=request.user
            ),
            title=_("Publish the programme"),
            template="admin/panels/timetable/confirm_publish.html",
            extra_context={
                "unconfirmed": [
                    (table, scheduling.unconfirmed_speakers(series=table.series))
                    for table in tables
                ]
            },
            done=ngettext_lazy(
                "%(count)d programme published.", "%(count)d programmes published.", "count"
            ),
        )

    def has_publish_permission(self, request) -> bool:
        return rules.can_publish_programme(request.user)


class MeetingMoveForm(forms.ModelForm):
    """Move a meeting by hand: checked against the rule before anything is saved."""

    class Meta:
        model = Meeting
        fields = ["day", "room", "starts_at", "unavailable_days"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        table = self.instance.timetable
        for name in ("day", "room", "unavailable_days"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField) and field.queryset is not None, field
            field.queryset = field.queryset.filter(timetable=table)

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if self.errors:
            return data
        given = [data.get(name) is not None for name in ("day", "room", "starts_at")]
        if any(given) and not all(given):
            raise forms.ValidationError(_("Give the day, the room and the start time."))
        problems: list[str] = []
        day = self.instance.day  # where it stays unless moved (the instance is not updated yet)
        if all(given):
            problems, self.ends_at = scheduling.check_move(
                self.instance, day=data["day"], room=data["room"], starts_at=data["starts_at"]
            )
            day = data["day"]
        problems += scheduling.check_unusable_days(day, data.get("unavailable_days", []))
        if problems:
            raise forms.ValidationError(problems)
        return data


@admin.register(Meeting)
class MeetingAdmin(AuditTrailAdmin):
    form = MeetingMoveForm
    list_display = ["presession", "day", "room", "starts_at", "ends_at", "is_pinned"]
    list_filter = ["timetable__series", "day"]
    list_select_related = ["presession__series__session", "day", "room"]
    readonly_fields = ["presession", "ends_at", "is_pinned"]
    fields = ["presession", "day", "room", "starts_at", "ends_at", "is_pinned", "unavailable_days"]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        if form.cleaned_data["day"] is None:
            return  # only the days this country cannot use changed (saved below)
        scheduling.move_meeting(
            meeting=obj,
            day=form.cleaned_data["day"],
            room=form.cleaned_data["room"],
            starts_at=form.cleaned_data["starts_at"],
        )

    def save_related(self, request, form, formsets, change):
        try:
            scheduling.set_unusable_days(
                meeting=form.instance, days=form.cleaned_data["unavailable_days"]
            )
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)


class SeriesDatesForm(forms.ModelForm):
    """The series' dates keep every day of its timetable: they are one truth."""

    def clean(self):
        data = super().clean() or self.cleaned_data
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if self.instance.pk and starts_on and ends_on:
            problems = scheduling.check_series_dates(
                series=self.instance, starts_on=starts_on, ends_on=ends_on
            )
            if problems:
                raise forms.ValidationError(problems)
        return data


class PreparesTimetable:
    """Series admin mixin: prepare the timetable of a series (its days and room), and
    keep the series' dates around its timetable's days."""

    form: type[forms.ModelForm[Any]] = SeriesDatesForm

    @admin.action(description=_("Prepare the timetable"), permissions=["publish"])
    def prepare_timetable(self, request, queryset):
        run_each(
            self,
            request,
            queryset,
            lambda series: scheduling.prepare_timetable(series=series),
            ngettext_lazy(
                "%(count)d timetable prepared: open it under Timetables.",
                "%(count)d timetables prepared: open them under Timetables.",
                "count",
            ),
        )

    def has_publish_permission(self, request) -> bool:
        return rules.can_publish_programme(request.user)
