"""The production mode refuses to start without its secrets."""

import os
import subprocess
import sys

from django.conf import settings

BOOT = "import django; django.setup(); print('started')"


def boot(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {
        "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "CELERY_BROKER_URL", "EMAIL_URL",
        "CACHE_URL",
    }}  # fmt: skip
    clean.update({"DJANGO_SETTINGS_MODULE": "presessions.settings", **env})
    return subprocess.run(
        [sys.executable, "-c", BOOT],
        cwd=settings.BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


PRODUCTION = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "a-long-random-production-secret-for-this-test-only-0123456789",
    "ALLOWED_HOSTS": "presessions.example.org",
    "DATABASE_URL": "postgres://app@127.0.0.1:5432/presessions",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_URL": "smtp://127.0.0.1:25",
    "CACHE_URL": "redis://127.0.0.1:6379/1",
}


def test_development_starts_with_nothing_set():
    result = boot()

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "started"


def test_production_starts_with_every_secret_set():
    result = boot(**PRODUCTION)

    assert result.returncode == 0, result.stderr


def test_production_refuses_to_start_without_a_secret():
    for missing in [
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DATABASE_URL",
        "CELERY_BROKER_URL",
        "EMAIL_URL",
        "CACHE_URL",
    ]:
        env = {k: v for k, v in PRODUCTION.items() if k != missing}

        result = boot(**env)

        assert result.returncode != 0, missing
        assert "ImproperlyConfigured" in result.stderr
        assert missing in result.stderr


def test_production_has_debug_off_and_secure_cookies():
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0)"
    )
    env = {**{k: v for k, v in os.environ.items()}, **PRODUCTION}
    env["DJANGO_SETTINGS_MODULE"] = "presessions.settings"
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=settings.BASE_DIR, env=env,
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip

    assert result.stdout.split() == ["False", "True", "True", "True"], result.stderr


def test_production_settings_pass_the_deployment_checks():
    # (The browser tests' harness allows async-unsafe calls; a deployment never does.)
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env={**clean, "DJANGO_SETTINGS_MODULE": "presessions.settings", **PRODUCTION},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def _production_value(expression: str, **env: str) -> str:
    script = (
        f"import django; django.setup(); from django.conf import settings as s; print({expression})"
    )
    environment = {**os.environ, **PRODUCTION, "DJANGO_SETTINGS_MODULE": "presessions.settings"}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=settings.BASE_DIR, env={**environment, **env},
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_uses_the_redis_cache_with_shared_clients():
    backend = _production_value("s.CACHES['default']['BACKEND']")

    assert backend == "presessions.redis_cache.RedisCache"


def test_postgresql_connections_count_random_reads_as_on_ssds():
    options = _production_value("s.DATABASES['default']['OPTIONS']['options']")
    changed = _production_value(
        "s.DATABASES['default']['OPTIONS']['options']", DATABASE_RANDOM_PAGE_COST="2"
    )

    assert options == "-c random_page_cost=1.1"
    assert changed == "-c random_page_cost=2.0"


def test_postgresql_connection_keeps_the_options_of_its_address():
    options = _production_value(
        "s.DATABASES['default']['OPTIONS']",
        DATABASE_URL="postgres://app@127.0.0.1:5432/presessions?sslmode=require",
    )

    assert options == (
        "{'sslmode': 'require', 'options': '-c random_page_cost=1.1', "
        "'server_side_binding': True, 'prepare_threshold': 5}"
    )


def test_postgresql_prepares_repeated_queries_unless_told_not_to():
    # Parameters sent apart from the query, so that psycopg prepares the queries a
    # connection repeats; not behind a pooler that cannot keep them.
    options = "s.DATABASES['default']['OPTIONS']"
    expression = f"[{options}['server_side_binding'], {options}['prepare_threshold']]"
    default = _production_value(expression)
    refused = _production_value(expression, DATABASE_PREPARED_STATEMENTS="false")

    assert (default, refused) == ("[True, 5]", "[False, None]")
