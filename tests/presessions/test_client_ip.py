"""The client's address behind the TLS proxy: the login lockout and the public forms'
rate limit both take it from the entry the trusted proxies added, never from what the
client wrote into X-Forwarded-For."""

import os
import subprocess
import sys

import pytest
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import reverse

from applications.models import Application
from presessions.client_ip import client_address
from tests.conftest import application_data
from tests.presessions.test_settings import PRODUCTION

PASSWORD = "a-long-test-password"
PROXY = "10.0.0.1"  # the TLS proxy: every request reaches the site from it
CLIENT = "203.0.113.7"
OTHER_CLIENT = "203.0.113.8"


def through_proxy(client_ip: str, forged: str = "") -> dict[str, str]:
    """The request's META as the proxy passes it on: it appends the address it was
    reached from to whatever X-Forwarded-For the client sent."""
    forwarded = f"{forged}, {client_ip}" if forged else client_ip
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}


@pytest.fixture
def one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


def address(forwarded: str | None, remote: str = PROXY) -> str:
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", **meta))


# The function -----------------------------------------------------------------------------


def test_without_a_trusted_proxy_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0

    assert address("1.2.3.4", remote="198.51.100.1") == "198.51.100.1"


def test_one_proxy_gives_the_right_most_entry_and_ignores_forged_ones(one_proxy):
    assert address(f"1.2.3.4, {CLIENT}") == CLIENT
    assert address(f"1.2.3.4,5.6.7.8,{CLIENT}") == CLIENT
    assert address(CLIENT) == CLIENT


def test_two_proxies_give_the_entry_the_outer_one_added(settings):
    settings.TRUSTED_PROXY_COUNT = 2

    assert address(f"1.2.3.4, {CLIENT}, 10.0.0.9") == CLIENT
    # Entered at the inner proxy: the only entry is the one it added.
    assert address(CLIENT) == CLIENT


def test_ipv6_addresses_are_kept_in_their_normal_form(one_proxy):
    assert address("1.2.3.4, 2001:DB8::0001") == "2001:db8::1"


@pytest.mark.parametrize("forwarded", [None, "", " , ", "1.2.3.4, not-an-address", "1.2.3.4, "])
def test_a_missing_or_malformed_entry_falls_back_to_the_connection(one_proxy, forwarded):
    # Never the entry to the left of a malformed one: that one is the client's to write.
    assert address(forwarded) == PROXY


def test_settings_count_one_trusted_proxy_behind_the_tls_proxy():
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.TRUSTED_PROXY_COUNT, s.AXES_CLIENT_IP_CALLABLE, s.RATELIMIT_IP_META_KEY)"
    )

    def run(**extra: str) -> list[str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in {"BEHIND_TLS_PROXY", "TRUSTED_PROXY_COUNT"}
        }
        env.update({**PRODUCTION, "DJANGO_SETTINGS_MODULE": "presessions.settings", **extra})
        result = subprocess.run(
            [sys.executable, "-c", script], cwd=django_settings.BASE_DIR, env=env,
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        return result.stdout.split()

    function = "presessions.client_ip.client_address"
    assert run() == ["0", function, function]
    assert run(BEHIND_TLS_PROXY="true") == ["1", function, function]
    assert run(BEHIND_TLS_PROXY="true", TRUSTED_PROXY_COUNT="2") == ["2", function, function]


# The rate limit ---------------------------------------------------------------------------


def test_the_rate_limit_counts_the_real_client_whatever_it_forges(
    client, presession, theme, one_proxy, settings
):
    settings.PUBLIC_FORM_RATE = "3/h"
    url = reverse("applications:apply", args=[49])

    def apply(n: int, meta: dict[str, str]):
        data = application_data(
            presession, theme, organisation_name=f"Org {n}", contact_email=f"o{n}@example.org"
        )
        return client.post(url, data, **meta)

    accepted = [apply(n, through_proxy(CLIENT, forged=f"1.2.3.{n}")).status_code for n in range(3)]
    limited = apply(3, through_proxy(CLIENT, forged="9.9.9.9"))
    other = apply(4, through_proxy(OTHER_CLIENT, forged=CLIENT))

    assert accepted == [302, 302, 302]
    assert limited.status_code == 429
    assert other.status_code == 302
    assert Application.objects.count() == 4


# The login lockout ------------------------------------------------------------------------


@pytest.fixture
def reviewer(django_user_model):
    user = django_user_model.objects.create_user("reviewer", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Reviewers"))
    return user


def log_in(client, meta: dict[str, str], password: str = PASSWORD):
    return client.post(
        reverse("admin:login"),
        {"username": "reviewer", "password": password, "next": "/admin/"},
        **meta,
    )


def test_the_lockout_counts_the_real_client_whatever_it_forges(client, reviewer, one_proxy):
    for attempt in range(django_settings.AXES_FAILURE_LIMIT):
        log_in(client, through_proxy(CLIENT, forged=f"198.51.100.{attempt}"), password="wrong")

    locked = log_in(client, through_proxy(CLIENT, forged="192.0.2.1"))

    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [CLIENT]


def test_the_lockout_of_one_client_leaves_another_behind_the_same_proxy(
    client, reviewer, one_proxy
):
    for _attempt in range(django_settings.AXES_FAILURE_LIMIT):
        log_in(client, through_proxy(CLIENT), password="wrong")

    other = log_in(client, through_proxy(OTHER_CLIENT, forged=CLIENT))

    assert other.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200
