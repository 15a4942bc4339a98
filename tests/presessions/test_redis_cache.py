"""The Redis cache backend: Django's, with one client per connection pool. Run against a
redis-server of the test's own (the cache is not the suite's shared Redis)."""

import pytest

from presessions.redis_cache import RedisCache
from tests.live.stack import PrivateRedis


@pytest.fixture
def redis_server(tmp_path):
    server = PrivateRedis(tmp_path)
    server.start()
    yield server
    server.stop()


def test_cache_keeps_one_client_for_every_call(redis_server):
    cache = RedisCache(redis_server.url, {})

    first = cache._cache.get_client("a")
    cache.set("a", {"page": "<p>1</p>"}, 60)
    again = cache._cache.get_client("b", write=True)

    assert first is again
    assert cache.get("a") == {"page": "<p>1</p>"}


def test_cache_reads_and_writes_as_django_does(redis_server):
    cache = RedisCache(redis_server.url, {"KEY_PREFIX": "pre"})

    cache.set_many({"a": 1, "b": "two"}, 60)
    added = cache.add("a", 3, 60)
    cache.delete("b")

    assert added is False
    assert cache.get_many(["a", "b"]) == {"a": 1}
    assert redis_server.client().exists("pre:1:a") == 1


def test_cache_reconnects_after_a_restart(redis_server):
    cache = RedisCache(redis_server.url, {})
    cache.set("a", 1, 60)

    redis_server.stop()
    redis_server.start()

    assert cache.get("a") is None  # the server keeps nothing on disk
    cache.set("a", 2, 60)
    assert cache.get("a") == 2
