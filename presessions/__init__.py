"""Pre-sessions: the project package, and the series and calendar side of the domain."""

from presessions.celery import app as celery_app

__all__ = ("celery_app",)
