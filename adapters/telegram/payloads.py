"""Postback payloads too long for Telegram's 64-byte callback_data, kept server-side."""

import base64
import hashlib
from collections import OrderedDict
from datetime import timedelta
from typing import Final, Protocol

from redis.asyncio import Redis

from adapters.redis.errors import unavailable_on_failure

PAYLOAD_TTL: Final = timedelta(days=7)


class PayloadStore(Protocol):
    """Remembers long postback payloads under short tokens."""

    async def put(self, payload: str) -> str:
        """Store `payload` and return its token (URL-safe, 22 characters)."""
        ...

    async def get(self, token: str) -> str | None:
        """Return the payload stored under `token`, or None when unknown or expired."""
        ...


def payload_token(payload: str) -> str:
    """Return the token of `payload`: the same payload always gets the same token."""
    digest = hashlib.sha256(payload.encode()).digest()[:16]
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


class MemoryPayloadStore:
    """A `PayloadStore` for the embedded mode: the newest `capacity` payloads, in process."""

    def __init__(self, *, capacity: int = 10_000) -> None:
        self._capacity = capacity
        self._payloads: OrderedDict[str, str] = OrderedDict()

    async def put(self, payload: str) -> str:
        """Store `payload` and return its token."""
        token = payload_token(payload)
        self._payloads[token] = payload
        self._payloads.move_to_end(token)
        while len(self._payloads) > self._capacity:
            self._payloads.popitem(last=False)
        return token

    async def get(self, token: str) -> str | None:
        """Return the payload stored under `token`, if any."""
        return self._payloads.get(token)


class RedisPayloadStore:
    """A `PayloadStore` shared by every process: `SET {prefix}{token} payload EX 7d`."""

    def __init__(self, redis: Redis, *, prefix: str = "tg:cb:", ttl: timedelta = PAYLOAD_TTL):
        self._redis = redis
        self._prefix = prefix
        self._ttl = ttl

    async def put(self, payload: str) -> str:
        """Store `payload` (refreshing its expiry) and return its token."""
        token = payload_token(payload)
        with unavailable_on_failure():
            await self._redis.set(f"{self._prefix}{token}", payload.encode(), ex=self._ttl)
        return token

    async def get(self, token: str) -> str | None:
        """Return the payload stored under `token`, or None when unknown or expired."""
        with unavailable_on_failure():
            value = await self._redis.get(f"{self._prefix}{token}")
        if value is None:
            return None
        return value.decode() if isinstance(value, bytes) else str(value)
