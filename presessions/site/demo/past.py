"""A past series: three speakers per State, each with a statement published after the
series, its recommendations and, for some, advocacy materials (small PDF files, stored
and cleaned of their author's details as the speaker's own uploads are). Some speakers
asked not to be named; some kept a recommendation or a material private."""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth.models import User
from django.core.files.base import ContentFile

from applications.validators import validate_publishable_document
from panels.enums import Outcome, PanelStatus, Response, Sharing
from panels.management import sample_documents, sample_texts
from panels.models import Panel, Placement, Statement
from panels.statements import services as statements
from presessions.models import Series, Theme
from presessions.site.demo import applicants, calendar

SPEAKERS_PER_STATE = 3


def _material(
    rng: random.Random, topic: sample_texts.Topic, country: str, organisation: str, text: str
) -> tuple[str, ContentFile]:
    title = sample_texts.material_title(rng, topic, country)
    document = ContentFile(
        sample_documents.pdf_document(
            title=title, paragraphs=text.split("\n\n"), author=organisation
        ),
        name=f"{title.split(':')[0].replace(' ', '_')}_{country.replace(' ', '_')}.pdf",
    )
    # The checks of the speaker's upload form, so that the demo holds only what it accepts.
    validate_publishable_document(document)
    document.seek(0)
    return title, document


def publish_past_statements(series: Series, *, by: User) -> int:
    """The speakers, statements and materials of a past series, published; how many
    statements were published (none if the series already has statements)."""
    if Statement.objects.filter(presession__series=series).exists():
        return 0
    rng = random.Random(series.number)
    themes = list(Theme.objects.filter(is_active=True))
    by_name = {theme.name: theme for theme in themes}
    submitted = series.call_opens_at + dt.timedelta(days=7)
    for presession in series.presessions.order_by("review_order"):
        country = presession.country.name
        panel, _ = Panel.objects.get_or_create(
            presession=presession, defaults={"status": PanelStatus.CONFIRMED}
        )
        organisations = applicants.organisation_names(
            rng, presession.country.code, SPEAKERS_PER_STATE
        )
        for name, topic in organisations:
            submitted += dt.timedelta(hours=rng.randint(2, 30))
            application = applicants.new_application(
                rng, presession, name=name, topic=topic, themes=themes,
                submitted=submitted, rated=1.0,
            )  # fmt: skip
            Placement.objects.create(
                panel=panel,
                application=application,
                outcome=Outcome.SELECTED,
                response=Response.CONFIRMED,
                reason_code="selected",
                notified_outcome=Outcome.SELECTED,
                may_name_publicly=not application.has_safety_concerns,
            )
            shared = Sharing.ANONYMOUS if application.has_safety_concerns else Sharing.NAMED
            text = sample_texts.statement_text(rng, topic, country)
            recommendations = [
                statements.RecommendationInput(
                    words,
                    by_name.get(topic.theme),
                    Sharing.PRIVATE if rng.random() < 0.1 else shared,
                )
                for words in sample_texts.recommendation_texts(rng, topic, rng.choice([2, 3]))
            ]
            materials = []
            if rng.random() < 0.45:
                title, document = _material(rng, topic, country, name, text)
                sharing = Sharing.PRIVATE if rng.random() < 0.15 else shared
                materials.append(statements.NewMaterial(title, sharing, upload=document))
            statements.save_statement(
                application=application,
                language="en",
                theme=application.main_theme,
                text=text,
                sharing=shared,
                recommendations=recommendations,
                new_materials=materials,
            )
    report = statements.publish_statements(
        statements=Statement.objects.filter(presession__series=series),
        by=by,
        now=calendar.at(series.ends_on + dt.timedelta(days=21), 10),
    )
    return report.published
