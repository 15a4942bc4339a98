"""Settings for the Pre-sessions project, read from the environment.

With no variable set the project runs on SQLite, runs Celery tasks in-process and
writes emails to files under var/mail: nothing to install but Python. Setting
DATABASE_URL, CELERY_BROKER_URL and EMAIL_URL gives the production shape
(PostgreSQL, Redis with real workers, SMTP). DJANGO_ENV=production adds the
production safety rules and refuses to start when a secret is missing.
Every variable is listed with its default in README.md.
"""

import datetime as dt
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

PRODUCTION = env.str("DJANGO_ENV", default="development") == "production"

if PRODUCTION:
    # No default: environ raises ImproperlyConfigured at start-up when one is missing.
    SECRET_KEY = env.str("SECRET_KEY")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
    DEBUG = False
else:
    SECRET_KEY = env.str("SECRET_KEY", default="development-only-key-never-used-in-production")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
    DEBUG = env.bool("DEBUG", default=True)

# Private links signed with an older key keep working while a new key is rolled out.
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])

# The public address of the site, used to build the absolute links in emails.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # The admin, with a second factor required of coordinators.
    "presessions.apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_countries",
    "import_export",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Backup codes, shown once when the authenticator is set up, for a lost phone.
    "django_otp.plugins.otp_static",
    "simple_history",
    # The open read API (panels/api/); listed so that its documentation page is served
    # with the site's own scripts, which the Content-Security-Policy allows.
    "ninja",
    "presessions",
    "applications",
    "panels",
    "presessions.site",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "presessions.uploads.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Who made each change to the audited models (staff in the admin).
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as its documentation asks: it watches the login attempts.
    "axes.middleware.AxesMiddleware",
]

# Security headers, in every environment so that development shows what production does.
# No inline script or style anywhere: the policy allows only this site's own files (and
# the data: images of Bootstrap's icons).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
# Staff sessions end with the browser and after two hours.
SESSION_COOKIE_AGE = 60 * 60 * 2
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Brute force on the staff login: five failures from one address for one user name lock
# that pair out for 30 minutes (attempts and lockouts are listed in the admin).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# The client's address, for the login lockout and the rate limits alike: behind the TLS
# proxy, the entry that the trusted proxies added to X-Forwarded-For, counted from the
# right (a client can write anything to the left of it). presessions/client_ip.py.
BEHIND_TLS_PROXY = env.bool("BEHIND_TLS_PROXY", default=False)
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1 if BEHIND_TLS_PROXY else 0)
AXES_CLIENT_IP_CALLABLE = "presessions.client_ip.client_address"

# Public forms: at most this many submissions per client address (in the shared cache),
# then a clear message and the form as typed. Tests and the load test raise it.
PUBLIC_FORM_RATE = env.str("PUBLIC_FORM_RATE", default="30/h")
# The open read API: at most this many requests per client address (panels/api/).
API_RATE = env.str("API_RATE", default="120/m")
RATELIMIT_USE_CACHE = "default"
RATELIMIT_IP_META_KEY = "presessions.client_ip.client_address"

# The audit trail records the staff member behind each change; history rows are erased
# with the personal data they hold (see presessions/site/erasure.py).
SIMPLE_HISTORY_REVERT_DISABLED = True
# How long after its series the personal data of applicants, speakers and guests are
# kept before they are erased (presessions/site/erasure.py).
PERSONAL_DATA_RETENTION_DAYS = env.int("PERSONAL_DATA_RETENTION_DAYS", default=365)
# Only those given the view permission of a history (Coordinators) read it.
SIMPLE_HISTORY_ENFORCE_HISTORY_MODEL_PERMISSIONS = True

ROOT_URLCONF = "presessions.site.urls"
WSGI_APPLICATION = "presessions.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
if not PRODUCTION:
    # The zero-setup defaults keep their database, uploads and emails under var/.
    VAR_DIR.mkdir(exist_ok=True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The zero-setup database under real use (several gunicorn workers, many applicants
    # at once). WAL lets pages be read while an application is written; IMMEDIATE takes
    # the write lock when a transaction begins, so that two requests that both read and
    # then write wait for each other (for up to `timeout` seconds) instead of one failing
    # at once with "database is locked"; NORMAL syncs at checkpoints, safe with WAL.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        **DATABASES["default"].get("OPTIONS", {}),
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's default cost of a random page read (4) is meant for spinning disks.
    # With it, the planner takes a sequential scan for a search with many matches, which
    # reads every statement's stored search vector out of line (40 ms on 10,000
    # statements), over the GIN index and the matching rows only (6 ms). 1.1 is the usual
    # figure for SSDs and for a database held in memory.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    page_cost = env.float("DATABASE_RANDOM_PAGE_COST", default=1.1)
    options["options"] = f"-c random_page_cost={page_cost} {options.get('options', '')}".strip()
    # The parameters are sent apart from the query, and psycopg prepares a query run five
    # times on a connection, so that PostgreSQL plans it once: a public page's queries join
    # six tables, which costs the planner more (about 2 ms) than running them (0.3 ms).
    # Django leaves statements unprepared for connection poolers in transaction mode
    # (PgBouncer): behind one, set DATABASE_PREPARED_STATEMENTS=false.
    prepared = env.bool("DATABASE_PREPARED_STATEMENTS", True)
    options.setdefault("server_side_binding", prepared)
    options.setdefault("prepare_threshold", 5 if prepared else None)
# Each request is one transaction: a failed request leaves nothing half-written, and
# emails queued with transaction.on_commit leave only once the data is safely stored.
DATABASES["default"]["ATOMIC_REQUESTS"] = True
# Reuse connections between requests, but check them first so that a restarted
# database is reconnected to on the next request instead of failing it.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# One cache shared by every web process (Redis in production): the public statement pages
# are cached under a version that a publication or a withdrawal of consent renews, and
# every process must see the renewal at once. Locally, a cache in the process suffices.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # The same cache, without a new Redis client built for every cache call.
    CACHES["default"]["BACKEND"] = "presessions.redis_cache.RedisCache"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
# The meetings happen in Geneva: deadlines and times are Geneva time.
TIME_ZONE = "Europe/Zurich"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]

# Uploaded files are private: stored outside any served folder and without a URL.
# Staff download them through a view that checks their rights.
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private")))
STORAGES = {
    "default": {
        "BACKEND": "presessions.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        ),
    },
}
# Uploads larger than this are dropped while they arrive, and the form says so.
MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# No form takes more than four files: a larger body is refused before it is read.
MAX_REQUEST_SIZE = 4 * MAX_UPLOAD_SIZE + 2 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "presessions.uploads.SizeLimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Exports (CSV, XLSX) are opened in spreadsheets. Characters a workbook cannot hold
# (in rows stored before they were removed on input) are replaced instead of making the
# export fail. Text that would run as a formula is escaped by every resource
# (presessions.exports.EscapesFormulae): import-export's own escape stays off, as it only drops
# a leading "=", leaves "+", "-" and "@" live in CSV and turns every number into text.
IMPORT_EXPORT_ESCAPE_ILLEGAL_CHARS_ON_EXPORT = True
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = False

# Email. EMAIL_URL such as smtp+tls://user:password@host:587 sends through SMTP; with
# none, emails are written as files under var/mail so nothing leaves the machine.
EMAIL_URL = env.str("EMAIL_URL", default="")
if EMAIL_URL:
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Pre-sessions <presessions@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# How many times an email is tried before it is marked failed for staff to resend.
EMAIL_MAX_ATTEMPTS = env.int("EMAIL_MAX_ATTEMPTS", default=6)
# Seconds before the next attempt after a transient SMTP error: doubling, capped.
EMAIL_RETRY_DELAY = env.float("EMAIL_RETRY_DELAY", default=30)
EMAIL_RETRY_DELAY_MAX = env.float("EMAIL_RETRY_DELAY_MAX", default=3600)
# An email still "sending" after this many seconds belonged to a worker that died, and
# is sent again. Keep it above the longest send (EMAIL_TIMEOUT per SMTP step).
EMAIL_SENDING_STALE_AFTER = env.float("EMAIL_SENDING_STALE_AFTER", default=600)
# The periodic dispatch (every EMAIL_DISPATCH_INTERVAL seconds) leaves alone emails due
# for less than EMAIL_DISPATCH_GRACE seconds: their own task is about to run.
EMAIL_DISPATCH_INTERVAL = env.float("EMAIL_DISPATCH_INTERVAL", default=60)
EMAIL_DISPATCH_GRACE = env.float("EMAIL_DISPATCH_GRACE", default=30)

# Celery. With no broker, tasks run in-process when they are queued (zero set-up);
# with CELERY_BROKER_URL they go to Redis and the workers.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
# An in-process task that fails must not fail the request that queued it: the
# email record keeps the error and the periodic task tries again.
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
# A task is acknowledged only once it has finished, so a worker that dies while
# sending leaves the task on the queue for another worker.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# When the broker is down, give up publishing quickly: the request still succeeds,
# and the email, recorded as queued, is picked up by the periodic task later.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 0.5,
}
# Redis hands a task that was never acknowledged (its worker died) to another worker
# after the visibility timeout. It must exceed the longest retry countdown, or a task
# waiting for its countdown would be handed out twice; workers look for such tasks
# every CELERY_UNACKED_RESTORE_INTERVAL seconds.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 2,
    "visibility_timeout": env.int(
        "CELERY_VISIBILITY_TIMEOUT", default=int(EMAIL_RETRY_DELAY_MAX) + 3600
    ),
    "unacked_restore_interval": env.int("CELERY_UNACKED_RESTORE_INTERVAL", default=10),
    "unacked_restore_throttle": 1,
}
CELERY_BEAT_SCHEDULE = {
    "dispatch-queued-emails": {
        "task": "presessions.tasks.task_dispatch_queued_emails",
        "schedule": EMAIL_DISPATCH_INTERVAL,
    },
    "remind-event-registrations": {
        "task": "presessions.tasks.task_send_event_reminders",
        "schedule": 3600.0,
    },
    "erase-personal-data": {
        "task": "presessions.site.tasks.task_erase_personal_data",
        "schedule": 60.0 * 60 * 24,
    },
    "purge-pending-uploads": {
        "task": "applications.tasks.task_purge_pending_uploads",
        "schedule": 3600.0,
    },
    # A call opens at a set moment with no event of its own: its alerts leave within
    # this many seconds of it.
    "send-call-alerts": {
        "task": "applications.tasks.task_send_call_alerts",
        "schedule": 900.0,
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # Failed logins and lockouts are logged (warnings); not every successful one.
    "loggers": {
        "axes": {"level": "WARNING"},
        # Uploaded PDFs are read with pikepdf, which announces itself at INFO.
        "pikepdf": {"level": "WARNING"},
    },
}

if PRODUCTION:
    # Every one of these is needed for a real deployment: no silent fallback.
    env.str("DATABASE_URL")
    env.str("CELERY_BROKER_URL")
    env.str("EMAIL_URL")
    env.str("CACHE_URL")
    CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[SITE_URL])
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_COOKIE_HTTPONLY = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if BEHIND_TLS_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
