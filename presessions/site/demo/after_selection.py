"""The series after selection, a few weeks before it meets, built through the services a
coordinator's buttons call, so that it holds what they would have left:

- panels of four suggested by the rule, confirmed and told (invitations, waitlist and
  regrets emailed); the speakers' answers, three who declined and their replacements
  from the waitlist, who confirmed; funding granted to the confirmed speakers who asked;
- the timetable generated and the programme published (slots emailed to the speakers,
  the Permanent Missions with a known address invited); one speaker who withdrew after
  publication, whose replacement has not answered yet;
- an online training, a one-day training in Geneva and the networking event, with
  registrations (the Geneva training full, with a waiting list); observers' requests
  for accreditation, most approved; the accredited CSO's and NHRI's documents for the
  missions (the CSO's approved); the missions' mailing list invited.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db.models import F

from applications.models import Application
from panels.enums import DocumentStatus, Outcome, Response
from panels.management import sample_documents
from panels.models import Decision, Panel, Placement
from panels.programme import documents as observer_documents
from panels.programme import scheduling
from panels.selection import services as selection
from presessions.attendance import accreditation, events, mailing_list
from presessions.enums import AccreditationCategory, AccreditationStatus, EventKind
from presessions.models import Accreditation, Event, PreSession, Series
from presessions.models.attendance import DOCUMENT_CATEGORIES
from presessions.site.demo import applicants, calendar

# Applications per State, in the Working Group's order (Tuvalu and Djibouti: none).
APPLICATIONS_PER_STATE = [2, 6, 3, 7, 3, 0, 5, 0, 5, 7, 4, 4, 6, 5]
PANEL_SIZE = 4
# Where the first speaker invited declined, and where a speaker withdrew once published.
DECLINED_IN = ("CO", "BD", "CM")
WITHDREW_IN = "BF"
# Without a Permanent Mission in Geneva, or whose address is not known yet.
NO_MISSION_ADDRESS = ("TV", "TM")

# Observers: (name, category, organisation, country, language).
OBSERVERS = [
    ("Anna Keller", AccreditationCategory.MISSION, "Permanent Mission of Switzerland", "CH", "fr"),
    ("Lukas Berger", AccreditationCategory.MISSION, "Permanent Mission of Austria", "AT", "en"),
    ("Marc Dubois", AccreditationCategory.MISSION, "Permanent Mission of France", "FR", "fr"),
    ("Elena Rossi", AccreditationCategory.MISSION, "Permanent Mission of Italy", "IT", "en"),
    ("Kenji Sato", AccreditationCategory.MISSION, "Permanent Mission of Japan", "JP", "en"),
    ("Ana Ferreira", AccreditationCategory.MISSION, "Permanent Mission of Brazil", "BR", "es"),
    ("Ingrid Solberg", AccreditationCategory.MISSION, "Permanent Mission of Norway", "NO", "en"),
    ("Paula Méndez", AccreditationCategory.MISSION, "Permanent Mission of Mexico", "MX", "es"),
    ("Paul Otieno", AccreditationCategory.CSO, "Human Rights Network Geneva", "KE", "en"),
    ("Marta Nowak", AccreditationCategory.NHRI, "Commissioner for Human Rights", "PL", "en"),
    ("Thomas Weber", AccreditationCategory.ACADEMIA, "University of Geneva", "CH", "en"),
    ("Nadia Benkirane", AccreditationCategory.UN_AGENCY, "UN Human Rights Office", "CH", "fr"),
    ("Claire Martin", AccreditationCategory.MEDIA, "Freelance journalist", "FR", "fr"),
]  # fmt: skip
PENDING_OBSERVERS = 3  # the last ones: their requests wait for a decision


def _email(name: str) -> str:
    return f"{applicants.ascii_text(name).lower().replace(' ', '.')}@observers.example.org"


def mission_address(presession: PreSession) -> str:
    return f"mission.{presession.country.alpha3.lower()}@missions.example.org"


def set_mission_addresses(series: Series, *, unknown: tuple[str, ...]) -> None:
    for presession in series.presessions.all():
        if presession.country.code not in unknown:
            presession.mission_email = mission_address(presession)
            presession.save(update_fields=["mission_email"])


def _date_decisions(series: Series, when: dt.datetime) -> None:
    """The decisions just recorded (stamped now) are dated when they were made."""
    Decision.objects.filter(panel__presession__series=series, made_at__gt=when).update(made_at=when)


def _select(series: Series, rng: random.Random, *, by: User, decided: dt.datetime) -> None:
    """Suggest, confirm and tell each panel; every invited speaker answers; those who
    declined are replaced from the waitlist, and their replacements confirm."""
    for presession in series.presessions.filter(applications__isnull=False).distinct():
        panel = selection.suggest_panel(presession=presession, by=by)
        selection.confirm_panel(panel=panel, by=by, now=decided)
        selection.send_outcomes(panel=panel, by=by, now=decided)
    _date_decisions(series, decided)
    invited = (
        Placement.objects.filter(panel__presession__series=series, outcome=Outcome.SELECTED)
        .select_related("application", "panel__presession")
        .order_by("panel__presession__review_order", "application__submitted_at")
    )
    declining: set[str] = set(DECLINED_IN)
    for placement in invited:
        country = placement.panel.presession.country.code
        accept = country not in declining
        declining.discard(country)
        selection.respond_to_invitation(
            application=placement.application,
            accept=accept,
            may_name_publicly=rng.random() < 0.5,
            now=decided + dt.timedelta(days=rng.randint(1, 9), hours=rng.randint(0, 8)),
        )
    for panel in Panel.objects.filter(
        presession__series=series, presession__country__in=DECLINED_IN
    ):
        replacement = selection.invite_replacement(panel=panel, by=by)
        selection.respond_to_invitation(
            application=replacement.application,
            accept=True,
            now=decided + dt.timedelta(days=rng.randint(12, 16)),
        )
    _date_decisions(series, decided + dt.timedelta(days=10))


def _grant_funding(series: Series) -> None:
    """The confirmed speakers who asked for support get what they asked."""
    Application.objects.filter(
        presession__series=series,
        needs_funding=True,
        placement__outcome=Outcome.SELECTED,
        placement__response=Response.CONFIRMED,
    ).update(funding_granted=F("funding_amount"))


def _withdraw_after_publication(series: Series, *, by: User, today: dt.date) -> None:
    placement = (
        Placement.objects.active_speakers()
        .filter(panel__presession__series=series, panel__presession__country=WITHDREW_IN)
        .select_related("application", "panel")
        .order_by("-application__submitted_at")
        .first()
    )
    if placement is None:
        return
    withdrew = calendar.at(today - dt.timedelta(days=6), 11)
    selection.withdraw_speaker(application=placement.application, now=withdrew)
    selection.invite_replacement(panel=placement.panel, by=by)
    _date_decisions(series, withdrew)


def _events(series: Series, rng: random.Random) -> None:
    starts = series.starts_on
    online = Event.objects.create(
        series=series,
        kind=EventKind.ONLINE_TRAINING,
        title="The UPR and SMART recommendations (online)",
        starts_at=calendar.at(starts - dt.timedelta(days=8), 14),
        ends_at=calendar.at(starts - dt.timedelta(days=8), 16),
        online_link=f"https://meet.example.org/pre-sessions-{series.number}-training",
        capacity=100,
    )
    geneva = Event.objects.create(
        series=series,
        kind=EventKind.GENEVA_TRAINING,
        title="Advocacy in Geneva: a day with the speakers",
        starts_at=calendar.at(starts - dt.timedelta(days=1), 9, 30),
        ends_at=calendar.at(starts - dt.timedelta(days=1), 17),
        place="Centre international de conférences Genève (CICG)",
        capacity=36,
    )
    networking = Event.objects.create(
        series=series,
        kind=EventKind.NETWORKING,
        title="Networking event with the Permanent Missions",
        starts_at=calendar.at(starts + dt.timedelta(days=1), 18),
        ends_at=calendar.at(starts + dt.timedelta(days=1), 20),
        place="Palais des Nations, Geneva",
        capacity=80,
    )
    applications = Application.objects.filter(presession__series=series).select_related("placement")
    for application in applications.order_by("submitted_at"):
        placement = getattr(application, "placement", None)
        speaks = placement is not None and placement.is_active_speaker
        chosen = [
            *([geneva] if speaks and rng.random() < 0.9 else []),
            *([networking] if speaks and rng.random() < 0.6 else []),
            *([online] if rng.random() < 0.5 else []),
        ]
        for event in chosen:
            events.register(
                event=event,
                name=application.speaker_name,
                email=application.speaker_email,
                organisation=application.organisation_name,
                language=application.language,
            )
    for name, _category, organisation, _country, language in OBSERVERS:
        events.register(
            event=networking,
            name=name,
            email=_email(name),
            organisation=organisation,
            language=language,
        )


def _observers(series: Series, *, by: User) -> None:
    days = accreditation.series_days(series)
    requests = []
    for n, (name, category, organisation, country, language) in enumerate(OBSERVERS):
        request, _new = accreditation.request_accreditation(
            series=series,
            email=_email(name),
            fields={
                "name": name,
                "category": category,
                "organisation": organisation,
                "country": country,
                "days": days if n % 3 else days[:2],
                "media_acknowledged": True,
            },
            language=language,
        )
        requests.append(request)
    accreditation.decide_accreditations(
        accreditations=requests[:-PENDING_OBSERVERS], approve=True, by=by
    )


def _observer_documents(series: Series, *, by: User) -> None:
    """The accredited CSO and NHRI bring advocacy documents (invented sample files) for
    the first meetings; staff approve the CSO's, the NHRI's waits for a decision."""
    holders = {
        holder.category: holder
        for holder in Accreditation.objects.filter(
            series=series, category__in=DOCUMENT_CATEGORIES, status=AccreditationStatus.APPROVED
        )
    }
    meetings = list(series.presessions.order_by("review_order")[:2])
    brought = []
    for category, presession, named in [
        (AccreditationCategory.CSO, meetings[0], True),
        (AccreditationCategory.CSO, meetings[1], False),
        (AccreditationCategory.NHRI, meetings[0], True),
    ]:
        holder = holders.get(category)
        if holder is None:
            continue
        country = str(presession.country.name)
        title = f"Advocacy note: {country} (sample)"
        content = ContentFile(
            sample_documents.pdf_document(
                title=title,
                paragraphs=[
                    f"Sample document of the demo, not a real advocacy note on {country}.",
                    "Key concerns and recommendations for the Permanent Missions.",
                ],
                author=holder.organisation,
            ),
            name=f"advocacy-note-{presession.country.code}.pdf",
        )
        document = observer_documents.upload_document(
            holder=holder, presession=presession, title=title, upload=content,
            named=named, remove_details=True,
        )  # fmt: skip
        brought.append(document)
    observer_documents.decide_documents(
        [d for d in brought if d.accreditation.category == AccreditationCategory.CSO],
        status=DocumentStatus.APPROVED,
        by=by,
    )


def _mailing_list(series: Series) -> None:
    """The diplomats on the missions' mailing list, invited to the series."""
    for name, category, organisation, _country, language in OBSERVERS:
        if category == AccreditationCategory.MISSION:
            subscriber = mailing_list.subscribe(
                email=_email(name), name=name, mission=organisation, language=language
            )
            mailing_list.confirm(subscriber)
    mailing_list.start_invitation(series=series)


def run_series_after_selection(series: Series, *, by: User, today: dt.date) -> bool:
    """Everything above, unless the series already has applications; whether it ran."""
    if Application.objects.filter(presession__series=series).exists():
        return False
    rng = random.Random(series.number)
    series.panel_size = PANEL_SIZE
    series.support_budget = Decimal(30000)
    series.save(update_fields=["panel_size", "support_budget"])
    set_mission_addresses(series, unknown=NO_MISSION_ADDRESS)
    presessions = list(series.presessions.order_by("review_order"))
    applicants.apply_to_series(
        rng,
        presessions,
        APPLICATIONS_PER_STATE,
        first=series.call_opens_at + dt.timedelta(days=3),
        last=series.call_closes_at - dt.timedelta(hours=6),
        rated=1.0,
    )
    decided = series.call_closes_at + dt.timedelta(days=15, hours=10)
    _select(series, rng, by=by, decided=decided)
    scheduling.generate_timetable(series=series)
    scheduling.publish_programme(
        series=series, by=by, now=calendar.at(today - dt.timedelta(days=21), 16)
    )
    _withdraw_after_publication(series, by=by, today=today)
    _grant_funding(series)
    _events(series, rng)
    _observers(series, by=by)
    _observer_documents(series, by=by)
    _mailing_list(series)
    return True
