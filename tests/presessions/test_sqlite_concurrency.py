"""The zero-setup SQLite database under real use: gunicorn's worker processes taking
applications at the same time, none refused with "database is locked"."""

import os
import sqlite3
import subprocess
import sys

from django.conf import settings

from bench.sqlite_load import LOCKED, sqlite_site, stored_organisations, submit

AT_ONCE = 16


def test_sixteen_applicants_at_once_are_all_saved(tmp_path):
    with sqlite_site(tmp_path, workers=2) as site:
        outcomes = submit(site.url, applications=AT_ONCE, at_once=AT_ONCE)
        log = site.log.read_text()
        with sqlite3.connect(site.database) as connection:
            (journal,) = connection.execute("PRAGMA journal_mode").fetchone()

    # (status, "database is locked"?) of each application refused: none.
    assert [(o.status, o.locked) for o in outcomes if o.error] == []
    assert stored_organisations(site.database) == sorted(o.organisation for o in outcomes)
    assert LOCKED not in log
    assert journal == "wal"
    # Each application's confirmation email was written, in the test's own folder. Django's
    # file backend names a file by the second and the backend object, so two emails may
    # share a file: each message there ends with a line of 79 dashes.
    written = [path.read_text() for path in (tmp_path / "mail").iterdir()]
    assert sum(text.count("\n" + "-" * 79 + "\n") for text in written) == AT_ONCE


def test_the_options_are_those_of_sqlite_only(tmp_path):
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(sorted(s.DATABASES['default'].get('OPTIONS', {}).items()))"
    )

    def options(database_url: str) -> str:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "presessions.settings"}
        env["DATABASE_URL"] = database_url
        result = subprocess.run(
            [sys.executable, "-c", script], cwd=settings.BASE_DIR, env=env,
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    assert options(f"sqlite:///{tmp_path / 'db.sqlite3'}") == (
        "[('init_command', 'PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;'), "
        "('timeout', 20), ('transaction_mode', 'IMMEDIATE')]"
    )
    # PostgreSQL's connections have their own options (the cost of a random read, the
    # parameters bound on the server).
    assert options("postgres://app@127.0.0.1:5432/presessions") == (
        "[('options', '-c random_page_cost=1.1'), ('prepare_threshold', 5), "
        "('server_side_binding', True)]"
    )
