"""The Redis cache backend: Django's, with one client per connection pool. Run against a
redis-server of the test's own (the cache is not the suite's shared Redis)."""

from presessions.redis_cache import RedisCache


def test_cache_keeps_one_client_for_every_call(private_redis):
    cache = RedisCache(private_redis.url, {})

    first = cache._cache.get_client("a")
    cache.set("a", {"page": "<p>1</p>"}, 60)
    again = cache._cache.get_client("b", write=True)

    assert first is again
    assert cache.get("a") == {"page": "<p>1</p>"}


def test_cache_reads_and_writes_as_django_does(private_redis):
    cache = RedisCache(private_redis.url, {"KEY_PREFIX": "pre"})

    cache.set_many({"a": 1, "b": "two"}, 60)
    added = cache.add("a", 3, 60)
    cache.delete("b")

    assert added is False
    assert cache.get_many(["a", "b"]) == {"a": 1}
    assert private_redis.client().exists("pre:1:a") == 1


def test_cache_reconnects_after_a_restart(private_redis):
    cache = RedisCache(private_redis.url, {})
    cache.set("a", 1, 60)

    private_redis.stop()
    private_redis.start()

    assert cache.get("a") is None  # the server keeps nothing on disk
    cache.set("a", 2, 60)
    assert cache.get("a") == 2


def test_add_then_set_adds_the_first_for_good_and_sets_the_second_in_one_round_trip(
    private_redis, monkeypatch
):
    from presessions.redis_cache import add_then_set

    cache = RedisCache(private_redis.url, {})
    from redis.connection import Connection

    cache.get("warm")  # the connection's own setup is sent first
    sent = []
    real = Connection.send_packed_command
    monkeypatch.setattr(
        Connection,
        "send_packed_command",
        lambda self, *args, **kwargs: sent.append(1) or real(self, *args, **kwargs),
    )

    added = add_then_set(cache, ("version", 1), [("page", "<p>1</p>", 60), ("count", 3, 90)])
    sent_once = len(sent)
    again = add_then_set(cache, ("version", 2), [("page", "<p>2</p>", 60)])
    sent_twice = len(sent)
    neither = add_then_set(cache, None, [("page", "<p>3</p>", 60), ("count", 4, 90)])

    assert (added, again, neither) == (True, False, False)
    assert (sent_once, sent_twice, len(sent)) == (1, 2, 3)
    found = cache.get_many(["version", "page", "count"])
    assert found == {"version": 1, "page": "<p>3</p>", "count": 4}
    assert private_redis.client().ttl(":1:version") == -1  # kept for good
    assert 0 < private_redis.client().ttl(":1:page") <= 60
    assert 60 < private_redis.client().ttl(":1:count") <= 90


def test_add_then_set_on_another_cache_does_the_same_in_two_calls():
    from django.core.cache.backends.locmem import LocMemCache

    from presessions.redis_cache import add_then_set

    cache = LocMemCache("add-then-set", {})

    assert add_then_set(cache, ("version", 1), [("page", "a", 60)]) is True
    assert add_then_set(cache, ("version", 2), [("page", "b", 60), ("count", 2, 60)]) is False
    assert add_then_set(cache, None, [("count", 3, 60)]) is False
    assert cache.get_many(["version", "page", "count"]) == {"version": 1, "page": "b", "count": 3}
