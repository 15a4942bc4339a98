"""Accreditation of observers: the request, the decision, the pass and its check.

State changes are services (request_accreditation, decide_accreditations,
revoke_accreditation, check_in); the pass is reached only through a signed token
(pass_token / accreditation_from_pass), the one door to it from outside."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django_countries import countries

from presessions.dates import long_date
from presessions.enums import AccreditationCategory, AccreditationStatus
from presessions.forms import column_length
from presessions.models import Accreditation, CheckIn, Series
from presessions.outbox import queue_email
from presessions.signing import make_token, row_from_token
from presessions.text import clean_line

_SALT = "presessions.accreditation-pass"

# The fields the requester fills in.
REQUEST_FIELDS = ("name", "category", "organisation", "country", "days", "media_acknowledged")


def series_days(series: Series) -> list[dt.date]:
    """The days a person may choose: every day of the series."""
    count = (series.ends_on - series.starts_on).days + 1
    return [series.starts_on + dt.timedelta(days=n) for n in range(count)]


def series_is_over(series: Series, today: dt.date | None = None) -> bool:
    """Requests close when the series has ended (Geneva's date)."""
    return series.ends_on < (today or timezone.localdate())


def check_media_acknowledged(fields: Mapping[str, Any]) -> None:
    """The media must acknowledge that recording and photography are not permitted;
    ValidationError on `media_acknowledged` otherwise."""
    if fields.get("category") == AccreditationCategory.MEDIA and not fields.get(
        "media_acknowledged"
    ):
        raise ValidationError(
            {
                "media_acknowledged": ValidationError(
                    _(
                        "The media must acknowledge that recording and photography are "
                        "not permitted."
                    ),
                    code="media_not_acknowledged",
                )
            }
        )


def pass_token(accreditation: Accreditation) -> str:
    return make_token(accreditation.code, salt=_SALT)


def pass_url(accreditation: Accreditation) -> str:
    with translation.override(accreditation.language):
        path = reverse("accreditation-pass", kwargs={"token": pass_token(accreditation)})
    return f"{settings.SITE_URL}{path}"


def check_url(accreditation: Accreditation) -> str:
    return settings.SITE_URL + reverse(
        "accreditation-check", kwargs={"token": pass_token(accreditation)}
    )


def accreditation_from_pass(token: str) -> Accreditation:
    """The accreditation a pass token belongs to; InvalidLinkError for a forged one."""
    return row_from_token(
        Accreditation.objects.select_related("series__session"), token, salt=_SALT, field="code"
    )


def _context(accreditation: Accreditation) -> dict[str, Any]:
    return {
        "accreditation": accreditation,
        "series": accreditation.series,
        "days": [dt.date.fromisoformat(day) for day in accreditation.days],
        "pass_url": pass_url(accreditation),
    }


@transaction.atomic
def request_accreditation(
    *,
    series: Series,
    email: str,
    fields: Mapping[str, Any],
    language: str,
    today: dt.date | None = None,
) -> tuple[Accreditation, bool]:
    """Record a request; a second one by the same person for the same series updates the
    first instead of doubling it (and is told so by email, never on screen).

    Side effects: the row created or updated; an acknowledgement emailed after commit.
    Returns the accreditation and whether it is new. Raises ValidationError once the
    series is over, for the media without the acknowledgement, and for a value the
    database would refuse.
    """
    if series_is_over(series, today):
        raise ValidationError(
            _("This series is over: accreditation requests are closed."), code="series_over"
        )
    check_media_acknowledged(fields)
    email = email.strip().lower()
    values = {name: fields[name] for name in REQUEST_FIELDS if name in fields}
    values["days"] = sorted(str(day) for day in values.get("days", []))
    # What the database would refuse (a value longer than its column) is refused here.
    Accreditation(series=series, email=email, language=language, **values).clean_fields()
    existing = Accreditation.objects.select_for_update().filter(series=series, email=email).first()
    if existing is None:
        accreditation = Accreditation.objects.create(
            series=series, email=email, language=language, **values
        )
        template = "accreditation_received"
    else:
        accreditation = existing
        accreditation.requests += 1
        if accreditation.status == AccreditationStatus.PENDING:
            for name, value in values.items():
                setattr(accreditation, name, value)
            accreditation.language = language
        accreditation.save()
        template = "accreditation_again"
    queue_email(
        to=accreditation.email,
        template=template,
        context=_context(accreditation),
        language=accreditation.language,
    )
    return accreditation, existing is None


@transaction.atomic
def decide_accreditations(
    *,
    accreditations: Iterable[Accreditation],
    approve: bool,
    by: User,
    now: dt.datetime | None = None,
) -> int:
    """Approve or refuse the pending ones among these, one by one or in bulk.

    Side effects: each decided row's status; the pass (approved) or a polite refusal
    emailed in the requester's language. Rows already decided are left alone, so
    deciding twice sends nothing twice. Returns how many were decided.
    """
    now = now or timezone.now()
    ids = [a.pk for a in accreditations]
    pending = list(
        Accreditation.objects.select_for_update(of=("self",))
        .select_related("series__session")
        .filter(pk__in=ids, status=AccreditationStatus.PENDING)
    )
    for accreditation in pending:
        accreditation.status = (
            AccreditationStatus.APPROVED if approve else AccreditationStatus.REJECTED
        )
        accreditation.decided_at, accreditation.decided_by = now, by
        accreditation.save(update_fields=["status", "decided_at", "decided_by", "updated_at"])
        queue_email(
            to=accreditation.email,
            template="accreditation_approved" if approve else "accreditation_refused",
            context=_context(accreditation),
            language=accreditation.language,
        )
    return len(pending)


@transaction.atomic
def revoke_accreditation(*, accreditation: Accreditation, by: User) -> bool:
    """Revoke an approved pass: the door check then says so.

    Side effects: the status; the holder told by email in their language. A pass that
    is not approved (already revoked, or never approved) is left alone and nothing is
    sent, so revoking twice emails once. Returns whether the pass was revoked."""
    # Saved (not updated in the database only), so that the pages that read the pass hear
    # of it, such as the programme with the observers' documents.
    holder = (
        Accreditation.objects.select_for_update(of=("self",))
        .select_related("series__session")
        .get(pk=accreditation.pk)
    )
    if holder.status != AccreditationStatus.APPROVED:
        return False
    holder.status, holder.decided_at, holder.decided_by = (
        AccreditationStatus.REVOKED, timezone.now(), by,
    )  # fmt: skip
    holder.save(update_fields=["status", "decided_at", "decided_by", "updated_at"])
    queue_email(
        to=holder.email,
        template="accreditation_revoked",
        context=_context(holder),
        language=holder.language,
    )
    return True


# At the door -----------------------------------------------------------------------------


def pass_days(accreditation: Accreditation) -> list[dt.date]:
    return [dt.date.fromisoformat(day) for day in accreditation.days]


def days_text(days: Iterable[dt.date]) -> str:
    """The days in words, in the active language's format: "Tuesday, March 23, 2027 and
    Wednesday, March 24, 2027"."""
    return str(get_text_list([long_date(day) for day in days], _("and")))


@dataclass(frozen=True)
class DoorCheck:
    """What the door sees of a genuine pass today."""

    holder: Accreditation
    days: list[dt.date]
    valid_today: bool
    # Today's check-ins on this pass, the earliest first.
    check_ins_today: list[CheckIn]

    @property
    def days_text(self) -> str:
        return days_text(self.days)


def door_check(accreditation: Accreditation, *, now: dt.datetime | None = None) -> DoorCheck:
    """Is the pass valid today (Geneva's date), and who let its holder in already today."""
    today = timezone.localdate(now or timezone.now())
    days = pass_days(accreditation)
    return DoorCheck(
        holder=accreditation,
        days=days,
        valid_today=accreditation.is_valid and today in days,
        check_ins_today=list(_check_ins_on(accreditation, today)),
    )


def _check_ins_on(accreditation: Accreditation, day: dt.date) -> QuerySet[CheckIn]:
    # The day's bounds in Geneva, so that an entry at 00:30 belongs to its own day.
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    return (
        CheckIn.objects.filter(
            accreditation=accreditation,
            checked_in_at__gte=start,
            checked_in_at__lt=start + dt.timedelta(days=1),
        )
        .select_related("checked_in_by")
        .order_by("checked_in_at")
    )


@transaction.atomic
def check_in(*, accreditation: Accreditation, by: User, now: dt.datetime | None = None) -> CheckIn:
    """Record that the holder came in through the door on their pass. A holder may come in
    again the same day (after a break): each entry is recorded.

    Side effects: one CheckIn row. Raises ValidationError for a pass that is not valid
    (pending, refused, revoked) or not valid today."""
    now = now or timezone.now()
    holder = Accreditation.objects.select_for_update().get(pk=accreditation.pk)
    if not holder.is_valid:
        raise ValidationError(
            _("This pass is not valid: %(status)s.") % {"status": holder.get_status_display()},
            code="pass_not_valid",
        )
    days = pass_days(holder)
    if timezone.localdate(now) not in days:
        raise ValidationError(
            _("This pass is not valid today: it is for %(days)s.") % {"days": days_text(days)},
            code="not_a_pass_day",
        )
    return CheckIn.objects.create(accreditation=holder, checked_in_at=now, checked_in_by=by)


class InviteeRow:
    """One checked line of an invitees file."""

    def __init__(self, line: int, values: dict[str, Any]) -> None:
        self.line = line
        self.values = values


def parse_invitees(text: str, *, series: Series) -> tuple[list[InviteeRow], list[str]]:
    """Read a CSV of invitees (name, email, organisation, category, country; optional
    days as YYYY-MM-DD separated by spaces, and language as en, fr or es, the language
    of the pass's email). Returns the rows and, per faulty line, a sentence saying what
    is wrong; nothing is written."""

    categories = {c.value: c.value for c in AccreditationCategory}
    categories |= {str(c.label).casefold(): c.value for c in AccreditationCategory}
    allowed_days = {day.isoformat() for day in series_days(series)}
    languages = {code for code, _name in settings.LANGUAGES}
    reader = csv.DictReader(io.StringIO(text))
    wanted = {"name", "email", "organisation", "category", "country"}
    missing = wanted - {(name or "").strip().lower() for name in reader.fieldnames or []}
    if missing:
        return [], [_("The file needs the columns: %(columns)s.") % {
            "columns": ", ".join(sorted(missing))
        }]  # fmt: skip
    rows, errors = [], []
    for line, raw in enumerate(reader, start=2):
        # As typed in a form: no control or bidirectional characters (they break the
        # exports and the calendars), and nothing longer than its column.
        row = {
            (k or "").strip().lower(): clean_line(v if isinstance(v, str) else "").strip()
            for k, v in raw.items()
        }
        problems = []
        if not row["name"]:
            problems.append(_("the name is empty"))
        for column, problem in (
            ("name", _("the name is too long")),
            ("organisation", _("the organisation's name is too long")),
        ):
            if len(row[column]) > column_length(Accreditation, column):
                problems.append(problem)
        try:
            validate_email(row["email"])
            if len(row["email"]) > column_length(Accreditation, "email"):
                raise ValidationError("too long")
        except ValidationError:
            problems.append(_("the email is not valid"))
        category = categories.get(row["category"].casefold())
        if category is None:
            problems.append(_("the category is unknown"))
        country = countries.by_name(row["country"]) or (
            row["country"].upper() if row["country"].upper() in dict(countries) else ""
        )
        if not country:
            problems.append(_("the country is unknown"))
        days = row.get("days", "").split() or sorted(allowed_days)
        if not set(days) <= allowed_days:
            problems.append(_("a day is not a day of the series"))
        language = row.get("language", "").lower()
        if language and language not in languages:
            problems.append(
                _("the language is not one of %(languages)s")
                % {"languages": ", ".join(sorted(languages))}
            )
        if problems:
            errors.append(
                _("Line %(line)s: %(problems)s.") % {"line": line, "problems": "; ".join(problems)}
            )
            continue
        rows.append(
            InviteeRow(
                line,
                {
                    "name": row["name"],
                    "email": row["email"].lower(),
                    "organisation": row["organisation"],
                    "category": category,
                    "country": country,
                    "days": sorted(days),
                    **({"language": language} if language else {}),
                },
            )
        )
    return rows, errors


@transaction.atomic
def import_invitees(
    *, series: Series, rows: list[InviteeRow], by: User, language: str = "en"
) -> int:
    """Pre-approve a list of invitees: each gets an approved accreditation (an existing
    request of theirs is approved) and the pass by email, once, in the language of
    their line (`language` for the lines without one; an existing request keeps the
    language its requester chose).

    Side effects: rows created or approved; approval emails queued. Returns how many
    were newly approved."""
    now = timezone.now()
    approved = 0
    for row in rows:
        holder, _created = Accreditation.objects.select_for_update().get_or_create(
            series=series,
            email=row.values["email"],
            defaults={"language": language, **row.values},
        )
        if holder.status != AccreditationStatus.PENDING:
            continue
        holder.status, holder.decided_at, holder.decided_by = (
            AccreditationStatus.APPROVED, now, by,
        )  # fmt: skip
        holder.save(update_fields=["status", "decided_at", "decided_by", "updated_at"])
        queue_email(
            to=holder.email,
            template="accreditation_approved",
            context=_context(holder),
            language=holder.language,
        )
        approved += 1
    return approved
