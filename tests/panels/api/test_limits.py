"""Each client address may send the API a limited number of requests (API_RATE), cached
answers included; beyond, a 429 in JSON, in the client's language."""

from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from panels.api import reading


@override_settings(API_RATE="3/m")
def test_a_client_over_the_limit_is_told_to_wait(client, db):
    url = reverse("api:themes")

    statuses = [client.get(url, REMOTE_ADDR="198.51.100.7").status_code for _ in range(3)]
    refused = client.get(url + "?lang=fr", REMOTE_ADDR="198.51.100.7")
    other = client.get(url, REMOTE_ADDR="198.51.100.8")

    assert statuses == [200, 200, 200]
    assert (refused.status_code, refused["Content-Type"]) == (
        429,
        "application/json; charset=utf-8",
    )
    with translation.override("fr"):
        assert refused.json() == {"detail": reading.too_many_requests()}
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused["Access-Control-Allow-Origin"] == "*"
    assert other.status_code == 200
