"""PostgreSQL restarted under a running site: the next request is served by itself.

The site keeps its database connection between requests (CONN_MAX_AGE); after a
restart that connection is dead, and the health check (CONN_HEALTH_CHECKS) must
notice and open a new one instead of failing the request.
"""

from __future__ import annotations

import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from django.conf import settings

from .stack import Service, free_port, service_env, start_process, stop_process, wait_until

pytestmark = pytest.mark.live

APP_NAME = "presessions-web"  # how the site's connections are named in pg_stat_activity


def get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our server
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def site_backends(cluster) -> list[int]:
    rows = cluster.query(
        "SELECT pid FROM pg_stat_activity WHERE application_name = %s ORDER BY pid", (APP_NAME,)
    )
    return [pid for (pid,) in rows]


@pytest.fixture
def site(private_postgres, tmp_path):
    """The site under gunicorn (one worker: every request on the same connection) on
    its own migrated database in the private cluster."""
    private_postgres.query('CREATE DATABASE "presessions"')
    database = f"{private_postgres.dsn}/presessions"
    # DEBUG serves the static files from the sources: no collectstatic needed here.
    env = {"CONN_MAX_AGE": "600", "DEBUG": "True"}
    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=settings.BASE_DIR, capture_output=True, text=True, check=False,
        env=service_env(database_url=database, broker_url="", email_url="", **env),
    )  # fmt: skip
    assert migrate.returncode == 0, migrate.stdout + migrate.stderr

    port = free_port()
    log = tmp_path / "gunicorn.log"
    server = start_process(
        ["-m", "gunicorn", "presessions.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "--access-logfile", "-"],
        service_env(
            database_url=f"{database}?application_name={APP_NAME}",
            broker_url="", email_url="", **env,
        ),
        log,
    )  # fmt: skip
    service = Service(server, log)
    yield service, f"http://127.0.0.1:{port}"
    stop_process(server)


def test_site_after_a_postgresql_restart_answers_the_next_request_by_itself(site, private_postgres):
    server, url = site
    # An address of the home page that the page cache does not keep (an unknown
    # parameter), so that every request reads the database.
    home = f"{url}/en/?from=restart-check"
    assert wait_until(lambda: _answers(home), 30), server.logs()
    # The connection outlives the request: the second request uses the same backend.
    before = site_backends(private_postgres)
    assert len(before) == 1, before
    assert get(home) == 200
    assert site_backends(private_postgres) == before

    private_postgres.restart()
    assert site_backends(private_postgres) == [], "the restart should end every session"

    assert get(home) == 200, server.logs()
    after = site_backends(private_postgres)
    assert len(after) == 1 and after != before, (before, after)
    assert "Traceback" not in server.log.read_text(), server.logs()


def _answers(url: str) -> bool:
    try:
        return get(url) == 200
    except OSError:  # not listening yet
        return False
