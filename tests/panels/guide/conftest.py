import pytest
from django.core.files.base import ContentFile

from panels.models import PracticalGuide


@pytest.fixture
def default_guide(db):
    """The default guide, as the data migration loaded it."""
    return PracticalGuide.objects.get(is_default=True)


def attach(guide: PracticalGuide, field: str, content: bytes, kind: str) -> None:
    getattr(guide, field).save(f"stored.{kind}", ContentFile(content), save=False)
    setattr(guide, f"{field}_type", kind)
    guide.save()
