"""Per-channel send limits shared by every worker: a global rate, a per-chat rate, 429 pauses.

Both limiters use GCRA (a leaky bucket kept as one "theoretical arrival time" per key): a
send is granted only when the channel is not paused and both its global and its per-chat
bucket have room; then both are charged at once, otherwise nothing is charged.
"""

import asyncio
import math
import time
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass

from redis.asyncio import Redis

from core.models import Channel


@dataclass(frozen=True, slots=True)
class Rate:
    """At most `count` sends per `per_s` seconds, `count` of them in a burst."""

    count: int
    per_s: float

    @property
    def interval(self) -> float:
        """Return the seconds one send uses up."""
        return self.per_s / self.count

    @property
    def tolerance(self) -> float:
        """Return how far ahead of now the bucket may be booked (the burst)."""
        return self.per_s - self.interval


@dataclass(frozen=True, slots=True)
class ChannelRates:
    """The limits of one channel: over all chats, and within one chat."""

    overall: Rate | None = None
    per_chat: Rate | None = None


class RateLimiter(ABC):
    """Grants send slots per channel and chat; channels without rates are unlimited."""

    def __init__(self, rates: Mapping[Channel, ChannelRates]) -> None:
        self._rates = rates

    @abstractmethod
    async def try_acquire(self, channel: Channel, chat_id: str) -> float:
        """Take a slot and return 0.0, or take nothing and return the seconds to wait."""

    @abstractmethod
    async def pause(self, channel: Channel, seconds: float) -> None:
        """Hold every send on `channel` for `seconds` (a 429's `retry_after`)."""

    async def acquire(self, channel: Channel, chat_id: str, max_wait_s: float = math.inf) -> float:
        """Wait for a slot for up to `max_wait_s`; return 0.0 once taken, else the wait left."""
        waited = 0.0
        while (wait := await self.try_acquire(channel, chat_id)) > 0:
            if waited + wait > max_wait_s:
                return wait
            await asyncio.sleep(wait)
            waited += wait
        return 0.0

    def _limits(self, channel: Channel) -> tuple[Rate | None, Rate | None]:
        rates = self._rates.get(channel, ChannelRates())
        return rates.overall, rates.per_chat


class MemoryRateLimiter(RateLimiter):
    """The limiter of one process (embedded mode)."""

    def __init__(self, rates: Mapping[Channel, ChannelRates]) -> None:
        super().__init__(rates)
        self._arrivals: dict[str, float] = {}
        self._paused_until: dict[Channel, float] = {}

    async def try_acquire(self, channel: Channel, chat_id: str) -> float:
        now = time.monotonic()
        wait = self._paused_until.get(channel, now) - now
        buckets = [
            (key, rate, max(self._arrivals.get(key, now), now))
            for key, rate in zip(
                (channel.value, f"{channel}:{chat_id}"), self._limits(channel), strict=True
            )
            if rate is not None
        ]
        for _, rate, arrival in buckets:
            wait = max(wait, arrival - rate.tolerance - now)
        if wait > 0:
            return wait
        for key, rate, arrival in buckets:
            self._arrivals[key] = arrival + rate.interval
        return 0.0

    async def pause(self, channel: Channel, seconds: float) -> None:
        until = time.monotonic() + seconds
        self._paused_until[channel] = max(until, self._paused_until.get(channel, until))


# KEYS: overall arrival, per-chat arrival, pause-until. ARGV: overall interval and tolerance,
# per-chat interval and tolerance (interval 0 = no limit). Times are Redis server seconds.
_ACQUIRE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local wait = tonumber(redis.call('GET', KEYS[3]) or '0') - now
local arrivals = {}
for i = 1, 2 do
  local interval, tolerance = tonumber(ARGV[2 * i - 1]), tonumber(ARGV[2 * i])
  if interval > 0 then
    local arrival = math.max(tonumber(redis.call('GET', KEYS[i]) or '0'), now)
    wait = math.max(wait, arrival - tolerance - now)
    arrivals[i] = arrival + interval
  end
end
if wait > 0 then return tostring(wait) end
for i, arrival in pairs(arrivals) do
  redis.call('SET', KEYS[i], string.format('%.6f', arrival), 'PX',
             math.ceil((arrival - now) * 1000) + 1000)
end
return '0'
"""

# KEYS: pause-until. ARGV: seconds. Only ever extends a pause.
_PAUSE = """
local t = redis.call('TIME')
local untl = tonumber(t[1]) + tonumber(t[2]) / 1000000 + tonumber(ARGV[1])
if untl > tonumber(redis.call('GET', KEYS[1]) or '0') then
  redis.call('SET', KEYS[1], string.format('%.6f', untl), 'PX', math.ceil(ARGV[1] * 1000) + 1000)
end
return 1
"""


class RedisRateLimiter(RateLimiter):
    """The limiter shared by every worker process: one Lua call per attempt."""

    def __init__(
        self,
        redis: Redis,
        rates: Mapping[Channel, ChannelRates],
        *,
        prefix: str = "dangol:rl:",
    ) -> None:
        super().__init__(rates)
        self._prefix = prefix
        self._acquire = redis.register_script(_ACQUIRE)
        self._pause = redis.register_script(_PAUSE)

    async def try_acquire(self, channel: Channel, chat_id: str) -> float:
        base = f"{self._prefix}{channel}"
        args: list[float] = []
        for rate in self._limits(channel):
            args += (0.0, 0.0) if rate is None else (rate.interval, rate.tolerance)
        keys = [f"{base}:all", f"{base}:chat:{chat_id}", f"{base}:pause"]
        return max(float(await self._acquire(keys=keys, args=args)), 0.0)

    async def pause(self, channel: Channel, seconds: float) -> None:
        await self._pause(keys=[f"{self._prefix}{channel}:pause"], args=[seconds])
