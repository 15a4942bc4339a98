"""factory_boy factories: by default a series whose call is open, with one State."""

import datetime as dt

import factory
from django.utils import timezone

from applications.enums import Gender, OrganisationType, Scope
from applications.models import Application, CallAlert
from panels.statements.public_files import prepare_public_copy
from panels.statements.services import refresh_public_state
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


class CallAlertFactory(factory.django.DjangoModelFactory):
    """A confirmed subscription to the call alerts for Kenya."""

    class Meta:
        model = CallAlert

    email = factory.Sequence(lambda n: f"cso{n}@example.org")
    language = "en"
    countries = ["KE"]
    confirmed_at = factory.LazyFunction(timezone.now)


class PanelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "panels.Panel"
        django_get_or_create = ["presession"]

    presession = factory.SubFactory(PreSessionFactory)


class SpeakerFactory(factory.django.DjangoModelFactory):
    """A placement on a panel: by default a selected speaker who confirmed."""

    class Meta:
        model = "panels.Placement"

    application = factory.SubFactory(ApplicationFactory)
    panel = factory.LazyAttribute(lambda o: PanelFactory(presession=o.application.presession))
    outcome = "selected"
    response = "confirmed"
    reason_code = "selected"
    notified_outcome = "selected"


class StatementFactory(factory.django.DjangoModelFactory):
    """A statement with nothing shared; pass sharing= and published_at= as needed."""

    class Meta:
        model = "panels.Statement"
        skip_postgeneration_save = True

    application = factory.SubFactory(ApplicationFactory)
    presession = factory.LazyAttribute(lambda o: o.application.presession)
    position = factory.Sequence(lambda n: n + 1)
    text = "Journalists face arbitrary detention for their reporting."
    theme = factory.SubFactory(ThemeFactory)

    @factory.post_generation
    def public_state(self, create, extracted, **kwargs):
        # As the services do after every change: the copy of the file without its
        # author's details, the search document and the flag.
        if create:
            if self.file:
                prepare_public_copy(self)
            refresh_public_state(self)


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "panels.Recommendation"
        skip_postgeneration_save = True

    statement = factory.SubFactory(StatementFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = "Repeal the defamation law through the parliament by 2028."

    @factory.post_generation
    def public_state(self, create, extracted, **kwargs):
        if create:
            refresh_public_state(self.statement)


class MaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "panels.Material"
        skip_postgeneration_save = True

    statement = factory.SubFactory(StatementFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = "Factsheet on detention"
    file = factory.django.FileField(filename="factsheet.pdf", data=b"%PDF-1.4 factsheet")
    file_name = "factsheet.pdf"

    @factory.post_generation
    def public_state(self, create, extracted, **kwargs):
        if create:
            prepare_public_copy(self)
            refresh_public_state(self.statement)


class UPRRecommendationFactory(factory.django.DjangoModelFactory):
    """A recommendation of the UPR record: Germany's to Kenya at session 60, supported."""

    class Meta:
        model = "panels.UPRRecommendation"

    key = factory.Sequence(lambda n: f"{n:064x}")
    state_under_review = "KE"
    recommending_state = "DE"
    session = 60
    cycle = 4
    text = "Repeal the defamation law by 2028."
    response = "supported"


class RecommendationMatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "panels.RecommendationMatch"

    recommendation = factory.SubFactory(RecommendationFactory)
    upr_recommendation = factory.SubFactory(UPRRecommendationFactory)
    score = 0.8
    status = "proposed"
