"""The missions' mailing list: double opt-in, one-click unsubscribe, and the mailings of a
series (its invitation, then its programme with the observers' documents) sent to every
confirmed subscriber in batches, each never twice.

Links carry the subscriber's key signed with the site's secret (subscriber_from_token
is the one door)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation

from presessions.enums import MailingKind, SubscriberStatus
from presessions.models import Mailing, MailingRecipient, Series, Subscriber
from presessions.outbox import Preview, Sample, preview_email, queue_email
from presessions.signing import make_token, row_from_token

_SALT = "presessions.mailing-list"
BATCH_SIZE = 100


def _token(subscriber: Subscriber, purpose: str) -> str:
    return make_token(subscriber.key.hex, salt=f"{_SALT}.{purpose}")


def link(subscriber: Subscriber, purpose: str) -> str:
    """The absolute confirm or unsubscribe link of a subscriber."""
    with translation.override(subscriber.language):
        path = reverse(f"mailing-{purpose}", kwargs={"token": _token(subscriber, purpose)})
    return f"{settings.SITE_URL}{path}"


def subscriber_from_token(token: str, purpose: str) -> Subscriber:
    """The subscriber a confirm or unsubscribe token belongs to; InvalidLinkError
    otherwise (a confirm token does not unsubscribe, nor the reverse)."""
    return row_from_token(Subscriber.objects.all(), token, salt=f"{_SALT}.{purpose}", field="key")


@transaction.atomic
def subscribe(*, email: str, name: str = "", mission: str = "", language: str) -> Subscriber:
    """Ask to join. Side effects: a pending subscriber (or the existing one), and the
    confirmation email; an already confirmed address is told it is on the list.
    Raises ValidationError for a value the database would refuse."""
    email = email.strip().lower()
    Subscriber(email=email, name=name, mission=mission, language=language).clean_fields()
    subscriber, _created = Subscriber.objects.select_for_update().get_or_create(
        email=email,
        defaults={"name": name, "mission": mission, "language": language},
    )
    if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
        subscriber.status = SubscriberStatus.PENDING
        subscriber.save(update_fields=["status"])
    queue_email(
        to=subscriber.email,
        template="mailing_confirm",
        context={"subscriber": subscriber, "confirm_url": link(subscriber, "confirm")},
        language=subscriber.language,
    )
    return subscriber


def confirm(subscriber: Subscriber) -> None:
    Subscriber.objects.filter(pk=subscriber.pk).exclude(status=SubscriberStatus.CONFIRMED).update(
        status=SubscriberStatus.CONFIRMED, confirmed_at=timezone.now()
    )


def unsubscribe(subscriber: Subscriber) -> None:
    Subscriber.objects.filter(pk=subscriber.pk).update(
        status=SubscriberStatus.UNSUBSCRIBED, unsubscribed_at=timezone.now()
    )


def _email(
    subscriber: Subscriber,
    series: Series,
    unsubscribe_url: str,
    kind: str = MailingKind.INVITATION,
    programme: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The email of one mailing to one subscriber; a programme is given per language
    (as `panels.programme.mailing` kept it) and sent in the subscriber's."""
    context: dict[str, Any] = {
        "subscriber": subscriber,
        "series": series,
        "unsubscribe_url": unsubscribe_url,
        "site_url": settings.SITE_URL,
    }
    if kind == MailingKind.PROGRAMME:
        programme = programme or {}
        context["programme"] = programme.get(subscriber.language) or programme.get(
            settings.LANGUAGE_CODE, {}
        )
    return {
        "to": subscriber.email,
        "template": f"mailing_{kind}",
        "context": context,
        "language": subscriber.language,
    }


def _not_reached(series: Series, kind: str = MailingKind.INVITATION) -> QuerySet[Subscriber]:
    reached = MailingRecipient.objects.filter(mailing__series=series, mailing__kind=kind).values(
        "subscriber"
    )
    return Subscriber.objects.filter(status=SubscriberStatus.CONFIRMED).exclude(pk__in=reached)


def preview_mailings(
    series_list: Iterable[Series],
    kind: str = MailingKind.INVITATION,
    programmes: Mapping[int, Mapping[str, Any]] | None = None,
) -> Preview:
    """What start_mailing would send for these series, without starting it: the
    subscribers it would reach, and the email rendered once per language (`programmes`:
    each series' programme per language, by the series' pk)."""
    total, people = 0, set[int]()
    samples: dict[str, Sample] = {}
    for series in series_list:
        subscribers = list(_not_reached(series, kind).order_by("pk"))
        total += len(subscribers)
        people.update(subscriber.pk for subscriber in subscribers)
        programme = (programmes or {}).get(series.pk)
        for subscriber in subscribers:
            if subscriber.language not in samples:
                url = link(subscriber, "unsubscribe")
                samples[subscriber.language] = preview_email(
                    **_email(subscriber, series, url, kind, programme)
                )
    return Preview(total=total, recipients=len(people), samples=tuple(samples.values()))


def preview_invitations(series_list: Iterable[Series]) -> Preview:
    return preview_mailings(series_list, MailingKind.INVITATION)


@transaction.atomic
def start_mailing(
    *,
    series: Series,
    kind: str = MailingKind.INVITATION,
    programme: Mapping[str, Any] | None = None,
) -> Mailing:
    """Send one of the series' mailings to every confirmed subscriber not reached yet by
    it; `programme` (per language) is kept with a programme mailing, replacing what an
    earlier start kept, for the subscribers it now reaches.

    Side effects: the mailing and one recipient row per new subscriber; the sending,
    in batches, queued after commit. Sending again reaches only new subscribers."""
    from presessions.tasks import task_send_mailing_batch

    mailing, _created = Mailing.objects.get_or_create(series=series, kind=kind)
    if programme is not None:
        mailing.programme = dict(programme)
        mailing.save(update_fields=["programme"])
    MailingRecipient.objects.bulk_create(
        MailingRecipient(mailing=mailing, subscriber=subscriber)
        for subscriber in _not_reached(series, kind)
    )
    transaction.on_commit(lambda: task_send_mailing_batch.delay(mailing.pk))
    return mailing


def start_invitation(*, series: Series) -> Mailing:
    """Send the series' invitation to every confirmed subscriber not reached yet."""
    return start_mailing(series=series, kind=MailingKind.INVITATION)


@transaction.atomic
def send_batch(mailing_id: int) -> int:
    """Queue the emails of the next batch of recipients; returns how many remain.

    Each recipient row is locked and gets its email once, so a batch run twice (or
    in parallel) never sends a duplicate."""
    batch = list(
        MailingRecipient.objects.select_for_update(skip_locked=True)
        .select_related("subscriber", "mailing__series__session")
        .filter(mailing_id=mailing_id, email__isnull=True)
        .order_by("pk")[:BATCH_SIZE]
    )
    for recipient in batch:
        subscriber = recipient.subscriber
        if subscriber.status != SubscriberStatus.CONFIRMED:
            recipient.delete()  # unsubscribed in the meantime
            continue
        unsubscribe_url = link(subscriber, "unsubscribe")
        mailing = recipient.mailing
        recipient.email = queue_email(
            **_email(subscriber, mailing.series, unsubscribe_url, mailing.kind, mailing.programme),
            headers={
                "List-Unsubscribe": f"<{unsubscribe_url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        recipient.save(update_fields=["email"])
    return MailingRecipient.objects.filter(mailing_id=mailing_id, email__isnull=True).count()
