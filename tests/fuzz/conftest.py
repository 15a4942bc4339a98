import pytest

from tests.factories import ApplicationFactory


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
