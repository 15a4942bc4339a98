"""The topics of the practical guide, in the order the page shows them: each is a text
field of `PracticalGuide` in English, with its `_fr` and `_es` translations."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TOPICS: tuple[tuple[str, Promise], ...] = (
    ("stay", _("Arrival and length of stay")),
    ("accommodation", _("Accommodation and the Geneva Welcome Centre (CAGI)")),
    ("grounds_pass", _("The UN grounds pass")),
    ("room_rules", _("The rules of the room")),
    ("reprisals", _("If you fear reprisals")),
)
TOPIC_FIELDS = tuple(topic for topic, _title in TOPICS)
LANGUAGES = ("en", "fr", "es")


def field_name(topic: str, language: str) -> str:
    """The model field of a topic in a language: `stay`, `stay_fr`, `stay_es`."""
    return topic if language == "en" else f"{topic}_{language}"


# The documents a guide offers, by the last part of their address: the model's file field
# and the stem of the name they are downloaded under.
DOCUMENTS: dict[str, tuple[str, str, Promise]] = {
    "guide": ("guide_file", "guide", _("The Pre-session guide")),
    "statement-template": ("template_file", "statement-template", _("The statement template")),
}
