"""The practical guide of a series as the public reads it: each topic in the visitor's
language, from the series' own guide where it says something, else from the default guide;
English where a language's text is empty. Frozen data, in one query."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils.translation import get_language

from panels.guide.topics import DOCUMENTS, TOPICS, field_name
from panels.models import PracticalGuide
from presessions.models import Series


@dataclass(frozen=True)
class Section:
    topic: str
    title: str
    body: str  # plain text, paragraphs separated by blank lines


@dataclass(frozen=True)
class Document:
    slug: str  # the last part of its address
    label: str
    url: str
    file_type: str  # pdf, docx, ...


@dataclass(frozen=True)
class SeriesGuide:
    sections: tuple[Section, ...]
    documents: tuple[Document, ...]


def _guides(series: Series) -> list[PracticalGuide]:
    """The series' own guide first (when it has one), then the default guide."""
    rows = PracticalGuide.objects.filter(Q(series=series) | Q(is_default=True))
    return sorted(rows, key=lambda row: row.is_default)


def _text(guides: list[PracticalGuide], topic: str, language: str) -> str:
    for guide in guides:
        for code in dict.fromkeys((language, "en")):
            text = getattr(guide, field_name(topic, code)).strip()
            if text:
                return text
    return ""


def _file(guides: list[PracticalGuide], field: str) -> tuple[FieldFile, str] | None:
    for guide in guides:
        file = getattr(guide, field)
        if file:
            return file, getattr(guide, f"{field}_type")
    return None


def series_guide(series: Series, language: str | None = None) -> SeriesGuide:
    """The guide of `series` in `language` (the active one by default)."""
    language = (language or get_language() or "en")[:2]
    guides = _guides(series)
    sections = tuple(
        Section(topic, str(title), text)
        for topic, title in TOPICS
        if (text := _text(guides, topic, language))
    )
    documents = []
    for slug, (field, _stem, label) in DOCUMENTS.items():
        found = _file(guides, field)
        if found:
            documents.append(
                Document(
                    slug,
                    str(label),
                    reverse("panels:guide-document", args=[series.number, slug]),
                    found[1],
                )
            )
    return SeriesGuide(sections, tuple(documents))


def guide_document(series: Series, slug: str) -> tuple[FieldFile, str, str] | None:
    """The file of one document of the series' guide, its detected type and the stem of the
    name it is downloaded under (such as presessions-49-statement-template); None when
    neither the series' guide nor the default one has it."""
    field, stem, _label = DOCUMENTS[slug]
    found = _file(_guides(series), field)
    if found is None:
        return None
    file, kind = found
    return file, kind, f"presessions-{series.number}-{stem}"
