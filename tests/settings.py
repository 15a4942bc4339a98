"""The test override: everything as configured, but fast and hermetic."""

import tempfile
from pathlib import Path

from presessions.settings import *  # noqa: F403
from presessions.settings import STORAGES

# Emails stay in django.core.mail.outbox; tasks run in-process unless a test starts a worker.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SITE_URL = "http://testserver"
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="presessions-test-media-"))
STORAGES = {
    **STORAGES,
    "default": {**STORAGES["default"], "OPTIONS": {"location": PRIVATE_MEDIA_ROOT}},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests post the public forms many times from one address; tests/presessions/
# test_ratelimits.py lowers the limit to check it.
PUBLIC_FORM_RATE = "100000/h"
# The API's schema-driven tests send many requests from one address; tests/panels/api/
# test_limits.py lowers the limit to check it.
API_RATE = "100000/h"
