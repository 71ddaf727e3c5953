"""Late answers parked for the next request: a Kakao skill cannot push (platforms.md §1.1)."""

import json
from collections import OrderedDict
from typing import Protocol

from redis.asyncio import Redis

from adapters.outbox.codec import reply_from_json, reply_to_json
from adapters.redis.errors import unavailable_on_failure
from core.models import ConversationKey, Reply

_TTL_S = 24 * 3600


class ParkedReplies(Protocol):
    """Holds at most one late reply per conversation until the shopper writes again."""

    async def park(self, key: ConversationKey, reply: Reply) -> None: ...

    async def take(self, key: ConversationKey) -> Reply | None: ...


class MemoryParkedReplies:
    """Parked replies of one process, the oldest dropped beyond `capacity`."""

    def __init__(self, capacity: int = 10_000) -> None:
        self._replies: OrderedDict[ConversationKey, Reply] = OrderedDict()
        self._capacity = capacity

    async def park(self, key: ConversationKey, reply: Reply) -> None:
        """Keep `reply` for the conversation's next request."""
        self._replies[key] = _joined(self._replies.pop(key, None), reply)
        while len(self._replies) > self._capacity:
            self._replies.popitem(last=False)

    async def take(self, key: ConversationKey) -> Reply | None:
        """Return and forget the parked reply, if any."""
        return self._replies.pop(key, None)


class RedisParkedReplies:
    """Parked replies shared by every web process, kept for a day."""

    def __init__(self, redis: Redis, *, prefix: str = "dangol:kakao:late:") -> None:
        self._redis = redis
        self._prefix = prefix

    async def park(self, key: ConversationKey, reply: Reply) -> None:
        """Keep `reply` for the conversation's next request (joined to one already parked)."""
        earlier = await self.take(key)
        data = json.dumps(reply_to_json(_joined(earlier, reply)), ensure_ascii=False)
        with unavailable_on_failure():
            await self._redis.set(self._prefix + str(key), data, ex=_TTL_S)

    async def take(self, key: ConversationKey) -> Reply | None:
        """Return and forget the parked reply, if any."""
        with unavailable_on_failure():
            raw = await self._redis.getdel(self._prefix + str(key))
        return None if raw is None else reply_from_json(json.loads(raw))


def _joined(earlier: Reply | None, later: Reply) -> Reply:
    if earlier is None:
        return later
    return Reply(parts=(*earlier.parts, *later.parts), quick_replies=later.quick_replies)
