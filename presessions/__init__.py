"""Pre-sessions: the project package (settings, Celery, WSGI) and the base floor: series and
calendar, attendance, the email record and the helpers every app uses. The shell is site/."""

from presessions.celery import app as celery_app

__all__ = ("celery_app",)
