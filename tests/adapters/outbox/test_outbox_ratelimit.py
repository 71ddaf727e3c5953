"""Send limits shared by two workers (two limiter instances over real Redis), and 429 pauses."""

import asyncio
from collections.abc import AsyncIterator, Callable, Mapping

import pytest
from redis.asyncio import Redis

from adapters.outbox.ratelimit import (
    ChannelRates,
    MemoryRateLimiter,
    Rate,
    RateLimiter,
    RedisRateLimiter,
)
from core.models import Channel

TG = Channel.TELEGRAM
Rates = Mapping[Channel, ChannelRates]
Pair = Callable[[Rates], tuple[RateLimiter, RateLimiter]]


@pytest.fixture(params=["redis", "memory"])
async def limiters(
    request: pytest.FixtureRequest, redis: Redis, redis_url: str, namespace: str
) -> AsyncIterator[Pair]:
    """Two limiters that must share their limits: two Redis clients, or one process."""
    if request.param == "memory":
        yield lambda rates: (limiter := MemoryRateLimiter(rates), limiter)
        return
    other = Redis.from_url(redis_url)
    yield lambda rates: (
        RedisRateLimiter(redis, rates, prefix=namespace),
        RedisRateLimiter(other, rates, prefix=namespace),
    )
    await other.aclose()


async def test_two_workers_share_the_per_chat_rate(limiters: Pair) -> None:
    a, b = limiters({TG: ChannelRates(per_chat=Rate(1, 0.3))})

    assert await a.try_acquire(TG, "7") == 0
    wait = await b.try_acquire(TG, "7")
    assert 0.2 < wait <= 0.3
    assert await b.try_acquire(TG, "8") == 0  # another chat has its own bucket

    await asyncio.sleep(wait)
    assert await b.try_acquire(TG, "7") == 0


async def test_two_workers_share_the_overall_rate(limiters: Pair) -> None:
    a, b = limiters({TG: ChannelRates(overall=Rate(5, 1.0))})

    granted = [await (a if n % 2 else b).try_acquire(TG, f"chat-{n}") for n in range(5)]
    sixth = await a.try_acquire(TG, "chat-6")

    assert granted == [0.0] * 5
    assert 0.1 < sixth <= 0.2  # one send per 0.2 s after the burst of five


async def test_a_refused_send_uses_up_nothing(limiters: Pair) -> None:
    a, b = limiters({TG: ChannelRates(overall=Rate(2, 10.0), per_chat=Rate(1, 10.0))})

    assert await a.try_acquire(TG, "7") == 0
    assert await b.try_acquire(TG, "7") > 0  # refused by the chat: the overall slot stays free
    assert await b.try_acquire(TG, "8") == 0
    assert await a.try_acquire(TG, "9") > 0


async def test_a_429_pauses_the_whole_channel_for_every_worker(limiters: Pair) -> None:
    a, b = limiters({TG: ChannelRates(Rate(30, 1.0), Rate(1, 1.0))})

    await a.pause(TG, 0.3)
    await a.pause(TG, 0.1)  # a shorter pause never cuts a longer one short

    assert 0.2 < await b.try_acquire(TG, "any chat") <= 0.3
    assert await b.try_acquire(Channel.INSTAGRAM, "any chat") == 0
    started = asyncio.get_running_loop().time()
    assert await b.acquire(TG, "any chat") == 0
    assert asyncio.get_running_loop().time() - started >= 0.2


async def test_acquire_gives_up_past_max_wait_and_says_how_long(limiters: Pair) -> None:
    a, b = limiters({TG: ChannelRates(per_chat=Rate(1, 5.0))})
    await a.try_acquire(TG, "7")

    left = await b.acquire(TG, "7", max_wait_s=0.1)

    assert 4.5 < left <= 5.0


async def test_channels_without_rates_are_unlimited(limiters: Pair) -> None:
    a, b = limiters({})

    assert [await x.try_acquire(TG, "7") for x in (a, b, a, b)] == [0.0] * 4
