"""factory_boy factories: by default a series whose call is open, with one State."""

import datetime as dt

import factory
from django.utils import timezone

from applications.enums import Gender, OrganisationType, Scope
from applications.models import Application
from presessions.models import PreSession, Series, Theme, WorkingGroupSession


class WorkingGroupSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroupSession
        django_get_or_create = ["number"]

    number = factory.Sequence(lambda n: 60 + n)
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=120))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + dt.timedelta(days=11))


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series

    session = factory.SubFactory(WorkingGroupSessionFactory)
    starts_on = factory.LazyAttribute(lambda o: o.session.starts_on - dt.timedelta(days=34))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + dt.timedelta(days=3))
    call_opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=10))
    call_closes_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=30))

    class Params:
        closed = factory.Trait(
            call_opens_at=factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=60)),
            call_closes_at=factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1)),
        )


class PreSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PreSession

    series = factory.SubFactory(SeriesFactory)
    country = "KE"
    review_order = factory.Sequence(lambda n: n + 1)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["name"]

    name = "Right to health"


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    presession = factory.SubFactory(PreSessionFactory)
    sequence = factory.Sequence(lambda n: n + 1)
    reference = factory.LazyAttribute(lambda o: f"{o.presession.code}-{o.sequence:04d}")
    language = "en"
    organisation_name = factory.Sequence(lambda n: f"Organisation {n}")
    organisation_country = "KE"
    organisation_type = OrganisationType.CSO
    scope = Scope.NATIONAL
    is_national_coalition = False
    contact_email = factory.Sequence(lambda n: f"contact{n}@example.org")
    submitted_upr_report = False
    main_theme = factory.SubFactory(ThemeFactory)
    summary = "What we will present."
    speaker_name = "Amina Benali"
    speaker_email = factory.Sequence(lambda n: f"speaker{n}@example.org")
    speaker_gender = Gender.WOMAN
    speaker_languages = ["en"]
    consent_given_at = factory.LazyFunction(timezone.now)
