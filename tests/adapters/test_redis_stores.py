"""What only the Redis stores promise: key layout, expiry, and failing loudly but cleanly."""

import asyncio
import logging

import pytest
from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff

from adapters.redis import RedisDeduplicator, RedisDialogStore, RedisKeys
from core.errors import StoreUnavailable
from core.models import Channel, ConversationKey
from core.state import DialogState

KEY = ConversationKey(Channel.KAKAO, "bot1:user1")
DAY = 24 * 3600


async def test_state_and_seen_keys_live_under_the_prefix_and_expire(
    redis: Redis, namespace: str
) -> None:
    keys = RedisKeys(namespace)
    await RedisDialogStore(redis, prefix=namespace).save(KEY, DialogState())
    await RedisDeduplicator(redis, prefix=namespace).first_seen("kakao", "e1")

    assert keys.state(KEY) == f"{namespace}:state:kakao:bot1:user1"
    assert DialogState.from_json(await redis.get(keys.state(KEY))).version == 1
    assert 30 * DAY - 60 < await redis.ttl(keys.state(KEY)) <= 30 * DAY
    assert 7 * DAY - 60 < await redis.ttl(keys.seen("kakao", "e1")) <= 7 * DAY
    assert sorted([k async for k in redis.scan_iter(match=f"{namespace}:*")]) == [
        keys.seen("kakao", "e1").encode(),
        keys.state(KEY).encode(),
    ]


async def test_a_busy_lock_gives_up_with_store_unavailable(redis: Redis, namespace: str) -> None:
    store = RedisDialogStore(redis, prefix=namespace, lock_wait=0.2)
    async with store.lock(KEY):
        with pytest.raises(StoreUnavailable):
            async with store.lock(KEY):
                pytest.fail("entered a lock that another turn holds")


async def test_an_expired_lock_is_left_without_error(
    redis: Redis, namespace: str, caplog: pytest.LogCaptureFixture
) -> None:
    store = RedisDialogStore(redis, prefix=namespace, lock_timeout=0.1)
    with caplog.at_level(logging.WARNING):
        async with store.lock(KEY):
            await asyncio.sleep(0.25)
    assert "expired" in caplog.text
    async with asyncio.timeout(1), store.lock(KEY):
        pass


async def test_an_unreachable_server_raises_store_unavailable() -> None:
    dead = Redis(host="127.0.0.1", port=1, socket_connect_timeout=0.5, retry=Retry(NoBackoff(), 0))
    store, dedup = RedisDialogStore(dead), RedisDeduplicator(dead)
    try:
        for attempt in (
            store.ping(),
            store.load(KEY),
            store.save(KEY, DialogState()),
            dedup.first_seen("kakao", "e1"),
            dedup.forget("kakao", "e1"),
        ):
            with pytest.raises(StoreUnavailable):
                await attempt
        with pytest.raises(StoreUnavailable):
            async with store.lock(KEY):
                pytest.fail("locked without a server")
    finally:
        await dead.aclose()
