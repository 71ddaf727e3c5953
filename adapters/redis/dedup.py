"""Inbound event ids remembered in Redis."""

from datetime import timedelta

from redis.asyncio import Redis

from adapters.redis.errors import unavailable_on_failure
from adapters.redis.keys import RedisKeys


class RedisDeduplicator:
    """A `Deduplicator` shared by every process: one `SET NX EX` per event."""

    def __init__(
        self, redis: Redis, *, prefix: str = "dangol", ttl: timedelta = timedelta(days=7)
    ) -> None:
        self._redis = redis
        self._keys = RedisKeys(prefix)
        self._ttl = ttl

    async def first_seen(self, scope: str, event_id: str) -> bool:
        """Return True the first time `event_id` is seen in `scope`, False afterwards."""
        with unavailable_on_failure():
            created = await self._redis.set(
                self._keys.seen(scope, event_id), b"1", nx=True, ex=self._ttl
            )
        return bool(created)

    async def forget(self, scope: str, event_id: str) -> None:
        """Forget `event_id`, so that its next delivery counts as first seen."""
        with unavailable_on_failure():
            await self._redis.delete(self._keys.seen(scope, event_id))
