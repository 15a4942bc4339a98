"""Locust users for the load test of the public site: applicants and visitors.

Started by bench/load.py, which sets up the stack and checks the outcome:

    .venv/bin/python bench/load.py [--seconds 60] [--applicants 50] [--visitors 50]

Run alone against a server that holds the demo (`manage.py load_demo`):

    APPLICANTS=5 VISITORS=5 LOAD_SUBMISSIONS=/tmp/submitted.jsonl LOAD_STATS=/tmp/load \
    .venv/bin/locust -f bench/locustfile.py --headless --users 10 --spawn-rate 10 \
        --run-time 20s --host http://127.0.0.1:8000

- Applicant (APPLICANTS users): opens the application form of the open series, then posts
  it complete, with a small PDF as the UPR report, under a new organisation name and email
  each time; a redirect to the confirmation page is a success and is written as one JSON
  line to LOAD_SUBMISSIONS, so that the orchestrator can look for each application in the
  database and for its confirmation email in the SMTP sink. Anything else is a failure.
  LOAD_STATS names the prefix of the final statistics (CSV, as locust's --csv).
- Visitor (VISITORS users): browses the public pages the demo holds; any answer but 200
  is a failure.
"""

from __future__ import annotations

import csv
import html
import json
import os
import random
import re
import uuid
from typing import Any

from locust import HttpUser, between, events, task
from locust.env import Environment
from locust.stats import PERCENTILES_TO_REPORT, StatsCSV

# The demo's open call (`manage.py load_demo`) and a past series with published statements.
OPEN_SERIES = int(os.environ.get("LOAD_OPEN_SERIES", "60"))
PAST_SERIES = int(os.environ.get("LOAD_PAST_SERIES", "49"))
APPLY_PATH = f"/en/series/{OPEN_SERIES}/apply/"
RECEIVED_PATH = "/en/apply/received/"
# Every applicant's email is on this domain, so the orchestrator finds the load's
# applications (and only those) in the database and in the sink.
EMAIL_DOMAIN = os.environ.get("LOAD_EMAIL_DOMAIN", "load.example.org")
SUBMISSIONS_PATH = os.environ.get("LOAD_SUBMISSIONS", "")
# Where the final statistics go: <prefix>_stats.csv, _failures.csv and _exceptions.csv.
STATS_PREFIX = os.environ.get("LOAD_STATS", "")

# A small real one-page PDF: the report check reads the type from the content and opens
# the document.
PDF_REPORT = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
    b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> >> endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n"
    b"0000000115 00000 n \ntrailer << /Size 4 /Root 1 0 R >>\nstartxref\n203\n%%EOF\n"
)

_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken"\s+value="([^"]+)"')
_ERROR_ITEM = re.compile(r"<li>(?:<a [^>]*>)?(.*?)(?:</a>)?</li>", re.DOTALL)
_ERROR_SUMMARY = re.compile(r'<div class="alert alert-danger error-summary".*?</ul>', re.DOTALL)


def select_options(page: str, name: str) -> list[str]:
    """The non-empty option values of <select name="...">."""
    found = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.DOTALL)
    if not found:
        return []
    values = re.findall(r'<option value="([^"]*)"', found.group(1))
    return [value for value in values if value]


def checkbox_values(page: str, name: str) -> list[str]:
    """The values of the checkboxes called name (crispy puts its class first)."""
    inputs = re.findall(rf'<input[^>]*\sname="{name}"[^>]*>', page)
    return [found.group(1) for tag in inputs if (found := re.search(r'value="([^"]+)"', tag))]


def form_errors(page: str) -> str:
    """The form's error summary as one line, so that refusals group by their reason."""
    summary = _ERROR_SUMMARY.search(page)
    if not summary:
        return "no error summary on the page"
    items = [html.unescape(re.sub(r"<[^>]+>", "", item)).strip() for item in
             _ERROR_ITEM.findall(summary.group(0))]  # fmt: skip
    return "; ".join(items) or "empty error summary"


def application_data(
    *, presession: str, theme: str, related: list[str], unique: str
) -> dict[str, Any]:
    """Every field of the form, as tests/conftest.py's application_data, with a report."""
    return {
        "presession": presession,
        "organisation_name": f"Load Test Rights Network {unique}",
        "organisation_country": "KE",
        "organisation_website": "https://krn.example.org",
        "organisation_type": "cso",
        "scope": "national",
        "is_national_coalition": "True",
        "contact_email": f"contact-{unique}@{EMAIL_DOMAIN}",
        "submitted_upr_report": "True",
        "main_theme": theme,
        "related_themes": related,
        "summary": "We will present the situation of the right to health.",
        "speaker_name": "Grace Wanjiru",
        "speaker_email": f"speaker-{unique}@{EMAIL_DOMAIN}",
        "speaker_gender": "woman",
        "speaker_languages": ["en", "fr"],
        "speaker_other_languages": "",
        "needs_interpretation": "False",
        "interpretation_details": "",
        "needs_funding": "False",
        "funding_amount": "",
        "funding_reason": "",
        "has_safety_concerns": "False",
        "safety_details": "",
        "consent": "on",
    }


@events.test_start.add_listener
def _empty_submissions(environment: Environment, **_kwargs: Any) -> None:
    if SUBMISSIONS_PATH:
        open(SUBMISSIONS_PATH, "w").close()


@events.quitting.add_listener
def _write_final_stats(environment: Environment, **_kwargs: Any) -> None:
    """Write the statistics once every user has stopped. (--csv is rewritten by a
    background loop once a second and not after the users stop, so its last version can
    miss the requests that ended in the last second or during --stop-timeout.)"""
    if not STATS_PREFIX:
        return
    writer = StatsCSV(environment, PERCENTILES_TO_REPORT)
    for suffix, write in [
        ("stats", writer.requests_csv),
        ("failures", writer.failures_csv),
        ("exceptions", writer.exceptions_csv),
    ]:
        with open(f"{STATS_PREFIX}_{suffix}.csv", "w", newline="") as output:
            write(csv.writer(output))


def record_submission(entry: dict[str, str]) -> None:
    # One short line per write: greenlets do not switch inside it, so lines never mix.
    if SUBMISSIONS_PATH:
        with open(SUBMISSIONS_PATH, "a") as submissions:
            submissions.write(json.dumps(entry) + "\n")


class Applicant(HttpUser):
    """A CSO applying, again and again, with an upload, as fast as a person could."""

    fixed_count = int(os.environ.get("APPLICANTS", "50"))
    wait_time = between(1, 3)

    @task
    def apply(self) -> None:
        with self.client.get(
            APPLY_PATH, name="apply form", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
                return
            page = response.text
            token = _CSRF_INPUT.search(page)
            presessions = select_options(page, "presession")
            themes = select_options(page, "main_theme")
            cookie = self.client.cookies.get("csrftoken")
            if not (token and presessions and themes and cookie):
                response.failure("form without its token, countries, themes or CSRF cookie")
                return
        unique = uuid.uuid4().hex[:12]
        theme = random.choice(themes)
        others = [value for value in checkbox_values(page, "related_themes") if value != theme]
        data = application_data(
            presession=random.choice(presessions),
            theme=theme,
            related=random.sample(others, min(2, len(others))),
            unique=unique,
        )
        data["csrfmiddlewaretoken"] = token.group(1)
        headers = {
            # CSRF_COOKIE_SECURE is on in production, so the client keeps the cookie off
            # plain HTTP: send it by hand. Django also wants a matching Referer/Origin.
            "Cookie": f"csrftoken={cookie}",
            "Referer": f"{self.host}{APPLY_PATH}",
        }
        with self.client.post(
            APPLY_PATH,
            data=data,
            files={"upr_report": (f"report-{unique}.pdf", PDF_REPORT, "application/pdf")},
            headers=headers,
            name="apply submit",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            location = response.headers.get("Location", "")
            if response.status_code == 302 and location.endswith(RECEIVED_PATH):
                response.success()
                record_submission(
                    {
                        "organisation_name": data["organisation_name"],
                        "contact_email": data["contact_email"],
                    }
                )
            elif response.status_code == 200:
                response.failure(f"HTTP 200, form refused: {form_errors(response.text)}")
            else:
                response.failure(f"HTTP {response.status_code} {location}".strip())


class Visitor(HttpUser):
    """Someone browsing the series, the programme and the published statements."""

    fixed_count = int(os.environ.get("VISITORS", "50"))
    wait_time = between(1, 3)

    def _page(self, path: str, name: str) -> None:
        # A redirect or an error on a public page is a defect: only 200 counts.
        with self.client.get(
            path, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")

    @task
    def home(self) -> None:
        self._page("/en/", "home")

    @task
    def open_series(self) -> None:
        self._page(f"/en/series/{OPEN_SERIES}/", "series page")

    @task
    def programme(self) -> None:
        self._page(f"/en/series/{PAST_SERIES}/programme/", "programme")

    @task
    def statements(self) -> None:
        self._page("/en/statements/", "statements")

    @task
    def search(self) -> None:
        self._page("/en/statements/?q=health", "statements search")

    @task
    def recommendations(self) -> None:
        self._page("/en/statements/recommendations/", "recommendations")

    @task
    def statement(self) -> None:
        # Each State of the past series has three published statements.
        self._page(f"/en/statements/{PAST_SERIES}/ken/{random.randint(1, 3)}/", "statement")
