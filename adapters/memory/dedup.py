"""Inbound event ids remembered in this process's memory."""

import time
from collections import OrderedDict
from collections.abc import Callable

SEVEN_DAYS = 7 * 24 * 3600.0


class MemoryDeduplicator:
    """A `Deduplicator` for one process, bounded in time (`ttl` seconds) and in size.

    Entries are kept in insertion order, which with a fixed TTL is also expiry order, so
    expired entries and, when full, the oldest entries are dropped from the front.
    """

    def __init__(
        self,
        *,
        ttl: float = SEVEN_DAYS,
        max_entries: int = 100_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._ttl = ttl
        self._max_entries = max_entries
        self._clock = clock
        self._expiries: OrderedDict[tuple[str, str], float] = OrderedDict()

    async def first_seen(self, scope: str, event_id: str) -> bool:
        """Return True the first time `event_id` is seen in `scope`, False afterwards."""
        now = self._clock()
        self._drop_expired(now)
        entry = (scope, event_id)
        if entry in self._expiries:
            return False
        self._expiries[entry] = now + self._ttl
        if len(self._expiries) > self._max_entries:
            self._expiries.popitem(last=False)
        return True

    async def forget(self, scope: str, event_id: str) -> None:
        """Forget `event_id`, so that its next delivery counts as first seen."""
        self._expiries.pop((scope, event_id), None)

    def _drop_expired(self, now: float) -> None:
        while self._expiries:
            entry, expiry = next(iter(self._expiries.items()))
            if expiry > now:
                return
            del self._expiries[entry]
