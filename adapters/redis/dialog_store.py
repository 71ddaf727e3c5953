"""Dialog state in Redis: a distributed lock per conversation and a versioned JSON value."""

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

from redis.asyncio import Redis
from redis.exceptions import LockNotOwnedError

from adapters.redis.errors import unavailable_on_failure
from adapters.redis.keys import RedisKeys
from core.errors import StaleState, StoreUnavailable
from core.models import ConversationKey
from core.state import DialogState

log = logging.getLogger(__name__)

# Compare-and-set in one round trip: KEYS[1] state key; ARGV expected version, new JSON,
# TTL in seconds. Returns -1 when stored, else the version found.
_SAVE = """
local raw = redis.call('GET', KEYS[1])
local found = 0
if raw then found = tonumber(cjson.decode(raw)['version']) end
if found ~= tonumber(ARGV[1]) then return found end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
return -1
"""


class RedisDialogStore:
    """A `DialogStore` shared by every process.

    `lock_timeout` (seconds) must outlast the slowest turn: a crashed holder's lock expires
    after it. `lock_wait` bounds how long a turn waits for the lock before StoreUnavailable,
    so that the platform retries instead of the webhook hanging. States expire after `ttl`.
    """

    def __init__(
        self,
        redis: Redis,
        *,
        prefix: str = "dangol",
        lock_timeout: float = 60.0,
        lock_wait: float = 15.0,
        lock_poll: float = 0.02,
        ttl: timedelta = timedelta(days=30),
    ) -> None:
        self._redis = redis
        self._keys = RedisKeys(prefix)
        self._lock_timeout = lock_timeout
        self._lock_wait = lock_wait
        self._lock_poll = lock_poll
        self._ttl_seconds = int(ttl.total_seconds())
        self._save = redis.register_script(_SAVE)

    @asynccontextmanager
    async def lock(self, key: ConversationKey) -> AsyncIterator[None]:
        """Hold the conversation's distributed lock for the body of the `async with`."""
        lock = self._redis.lock(
            self._keys.lock(key),
            timeout=self._lock_timeout,
            sleep=self._lock_poll,
            blocking_timeout=self._lock_wait,
            thread_local=False,
        )
        with unavailable_on_failure():
            acquired = await lock.acquire()
        if not acquired:
            raise StoreUnavailable(f"{key}: lock busy for {self._lock_wait} s")
        try:
            yield
        finally:
            with unavailable_on_failure():
                try:
                    await lock.release()
                except LockNotOwnedError:
                    log.warning("lock of %s expired before the turn ended", key)

    async def load(self, key: ConversationKey) -> DialogState:
        """Return the stored state, or a fresh one."""
        with unavailable_on_failure():
            raw = await self._redis.get(self._keys.state(key))
        return DialogState() if raw is None else DialogState.from_json(raw)

    async def save(self, key: ConversationKey, state: DialogState) -> DialogState:
        """Store `state` if nobody saved since it was loaded; return it with version + 1."""
        saved = state.evolve(version=state.version + 1)
        with unavailable_on_failure():
            found = await self._save(
                keys=[self._keys.state(key)],
                args=[state.version, saved.to_json(), self._ttl_seconds],
            )
        if found != -1:
            raise StaleState(f"{key}: stored version {found}, saving {state.version}")
        return saved

    async def ping(self) -> None:
        """Raise StoreUnavailable unless Redis answers."""
        with unavailable_on_failure():
            await self._redis.ping()
