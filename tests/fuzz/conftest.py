import pytest
from django.contrib.auth.models import Group

from tests.factories import ApplicationFactory


@pytest.fixture
def coordinator(django_user_model):
    user = django_user_model.objects.create_user(
        "fuzz-coordinator", email="fuzz-coordinator@example.org", password="x", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Coordinators"))
    return user


@pytest.fixture
def someone_else(presession, theme):
    """Another organisation's application, whose data must never leak."""
    return ApplicationFactory(
        presession=presession,
        main_theme=theme,
        organisation_name="Secret Defenders Collective",
        contact_email="hidden@secret.example.org",
        safety_details="Our director was threatened in May.",
    )
