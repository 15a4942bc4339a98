"""Django's Redis cache, with one Redis client per connection pool instead of one per
cache call, and `add_then_set`: several writes in one round trip.

Django builds a new `redis.Redis` for every get, set or get_many; each one fills its own
table of some 170 response callbacks, about 0.3 ms of a request that reads the cache
four times. A client is safe to share: it holds no connection of its own and takes one
from its pool for each command.
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends import redis as django_redis


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        # Django's own attributes, which its type stubs do not declare.
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
        client = self._clients.get(id(pool))
        if client is None:
            client = self._client(connection_pool=pool)  # type: ignore[attr-defined]
            self._clients[id(pool)] = client
        return client

    def add_then_set(
        self, first: tuple[str, Any, int | None] | None, then: list[tuple[str, Any, int | None]]
    ) -> bool:
        client = self.get_client(write=True)
        writes = [(write, False) for write in then]
        if first is not None:
            writes.insert(0, (first, True))
        with client.pipeline(transaction=False) as pipeline:
            for (key, value, timeout), nx in writes:
                pipeline.set(key, self._serializer.dumps(value), ex=timeout, nx=nx)  # type: ignore[attr-defined]
            done = pipeline.execute()
        return first is not None and bool(done[0])


class RedisCache(django_redis.RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient

    def add_then_set(
        self, first: tuple[str, Any] | None, then: list[tuple[str, Any, int | None]]
    ) -> bool:
        """`add(*first)` (kept for good, unless None), then `set(key, value, timeout)` for
        each of `then`, in one round trip to Redis; True when `first` was added."""
        return self._cache.add_then_set(  # type: ignore[attr-defined]
            None if first is None else (self.make_and_validate_key(first[0]), first[1], None),
            [
                (self.make_and_validate_key(key), value, self.get_backend_timeout(timeout))
                for key, value, timeout in then
            ],
        )


def add_then_set(
    cache: Any, first: tuple[str, Any] | None, then: list[tuple[str, Any, int | None]]
) -> bool:
    """`cache.add(*first, None)` (unless None), then `cache.set(key, value, timeout)` for
    each of `then`: in one round trip on Redis, one call each on any other cache."""
    if isinstance(cache, RedisCache):
        return cache.add_then_set(first, then)
    added = first is not None and cache.add(*first, None)
    for key, value, timeout in then:
        cache.set(key, value, timeout)
    return bool(added)
