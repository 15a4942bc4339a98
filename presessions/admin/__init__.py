"""The base's admin, by concept (registered when Django's admin imports this package)."""

from presessions.admin import attendance, calendar, outbox, staff  # noqa: F401
