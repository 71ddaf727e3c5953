"""PayloadStore contract, in memory and on a real Redis."""

import pytest
from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff

from adapters.telegram.payloads import (
    PAYLOAD_TTL,
    MemoryPayloadStore,
    PayloadStore,
    RedisPayloadStore,
)
from adapters.telegram.render import CALLBACK_DATA_LIMIT, CALLBACK_PREFIX
from core.errors import StoreUnavailable

LONG = "order:" + "무선 이어폰 주문" * 10


@pytest.fixture
def prefix(namespace: str) -> str:
    return f"{namespace}tg:cb:"


@pytest.fixture(params=["memory", "redis"])
def store(request: pytest.FixtureRequest) -> PayloadStore:
    if request.param == "memory":
        return MemoryPayloadStore()
    return RedisPayloadStore(
        request.getfixturevalue("redis"), prefix=request.getfixturevalue("prefix")
    )


async def test_a_stored_payload_comes_back_from_its_token(store: PayloadStore) -> None:
    token = await store.put(LONG)
    assert await store.get(token) == LONG


async def test_the_token_fits_callback_data_and_is_stable(store: PayloadStore) -> None:
    token = await store.put(LONG)
    assert len(f"{CALLBACK_PREFIX}{token}".encode()) <= CALLBACK_DATA_LIMIT
    assert await store.put(LONG) == token
    assert await store.put(LONG + "2") != token


async def test_an_unknown_token_is_none(store: PayloadStore) -> None:
    assert await store.get("no-such-token") is None


async def test_redis_keys_are_prefixed_and_expire_after_seven_days(
    redis: Redis, prefix: str
) -> None:
    token = await RedisPayloadStore(redis, prefix=prefix).put(LONG)
    ttl = await redis.ttl(f"{prefix}{token}")
    assert PAYLOAD_TTL.total_seconds() - 60 < ttl <= PAYLOAD_TTL.total_seconds()


async def test_redis_store_uses_the_tg_cb_prefix_by_default(redis: Redis) -> None:
    token = await RedisPayloadStore(redis).put(LONG)
    try:
        assert await redis.get(f"tg:cb:{token}") == LONG.encode()
    finally:
        await redis.delete(f"tg:cb:{token}")


async def test_redis_down_is_store_unavailable() -> None:
    unreachable = Redis(host="127.0.0.1", port=1, retry=Retry(NoBackoff(), 0))
    with pytest.raises(StoreUnavailable):
        await RedisPayloadStore(unreachable).put(LONG)


async def test_memory_store_keeps_only_the_newest_payloads() -> None:
    store = MemoryPayloadStore(capacity=2)
    first = await store.put("a" * 70)
    await store.put("b" * 70)
    await store.put("c" * 70)
    assert await store.get(first) is None
