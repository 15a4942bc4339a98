"""A few CSOs who asked, in each language of the site, for an email when a call for
applications opens for their countries, and confirmed their address."""

from __future__ import annotations

from applications.call_alerts import services
from applications.models import CallAlert

# (address, language, States, any country): invented addresses of example.org.
SUBSCRIBERS = [
    ("alerts@kenya-rights.example.org", "en", ["KE", "UG"], False),
    ("veille@droits-senegal.example.org", "fr", ["SN", "BF", "TD"], False),
    ("avisos@observatorio-andino.example.org", "es", ["CO", "CL", "UY"], False),
    ("upr-watch@example.org", "en", [], True),
    ("contact@ligue-droits-humains.example.org", "fr", ["CF", "CG", "CM", "DJ"], False),
]


def subscribe_demo_alerts() -> int:
    """Subscribe and confirm each address that is not subscribed yet, through the
    site's own services (each gets its confirmation email); how many were added."""
    known = set(CallAlert.objects.values_list("email", flat=True))
    added = 0
    for email, language, countries, any_country in SUBSCRIBERS:
        if email in known:
            continue
        alert = services.subscribe_to_alerts(
            email=email, countries=countries, any_country=any_country, language=language
        )
        services.confirm_alert(alert=alert)
        added += 1
    return added
