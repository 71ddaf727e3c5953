"""One contract for every DialogStore and Deduplicator: in memory and on a real Redis."""

import asyncio

import pytest

from adapters.memory import MemoryDeduplicator, MemoryDialogStore
from adapters.redis import RedisDeduplicator, RedisDialogStore
from core.errors import StaleState
from core.models import Channel, ConversationKey
from core.ports import Deduplicator, DialogStore
from core.state import DialogState

KEY = ConversationKey(Channel.KAKAO, "bot1:user1")
OTHER = ConversationKey(Channel.TELEGRAM, "42")


@pytest.fixture(params=["memory", "redis"])
def store(request: pytest.FixtureRequest) -> DialogStore:
    if request.param == "memory":
        return MemoryDialogStore()
    redis, namespace = request.getfixturevalue("redis"), request.getfixturevalue("namespace")
    return RedisDialogStore(redis, prefix=namespace)


@pytest.fixture(params=["memory", "redis"])
def dedup(request: pytest.FixtureRequest) -> Deduplicator:
    if request.param == "memory":
        return MemoryDeduplicator()
    redis, namespace = request.getfixturevalue("redis"), request.getfixturevalue("namespace")
    return RedisDeduplicator(redis, prefix=namespace)


async def test_load_of_an_unknown_conversation_is_a_fresh_state(store: DialogStore) -> None:
    await store.ping()
    assert await store.load(KEY) == DialogState()


async def test_saved_state_loads_back_with_its_version_bumped(store: DialogStore) -> None:
    state = (await store.load(KEY)).enter("cancel", "confirm", order_no="20240501-0001")
    state = state.evolve(locale="en", verified_orders=("20240501-0001",), turns=3)

    saved = await store.save(KEY, state)

    assert saved == state.evolve(version=1)
    assert await store.load(KEY) == saved
    assert await store.load(OTHER) == DialogState()
    again = await store.save(KEY, saved.leave())
    assert again.version == 2
    assert (await store.load(KEY)).flow is None


async def test_saving_over_a_newer_version_raises_stale_state(store: DialogStore) -> None:
    loaded = await store.load(KEY)
    first = await store.save(KEY, loaded.evolve(misses=1))

    with pytest.raises(StaleState):
        await store.save(KEY, loaded.evolve(misses=2))
    with pytest.raises(StaleState):
        await store.save(OTHER, DialogState(version=4))
    assert await store.load(KEY) == first


async def test_lock_lets_one_holder_in_at_a_time(store: DialogStore) -> None:
    order: list[str] = []
    a_holds = asyncio.Event()

    async def a() -> None:
        async with store.lock(KEY):
            order.append("a in")
            a_holds.set()
            await asyncio.sleep(0.15)
            order.append("a out")

    async def b() -> None:
        await a_holds.wait()
        async with store.lock(KEY):
            order.append("b in")
            order.append("b out")

    await asyncio.wait_for(asyncio.gather(a(), b()), timeout=5)

    assert order == ["a in", "a out", "b in", "b out"]


async def test_locks_of_different_conversations_are_independent(store: DialogStore) -> None:
    # Each block times out (and fails the test) if its lock waits for another one.
    async with store.lock(KEY), asyncio.timeout(2), store.lock(OTHER):
        pass
    async with asyncio.timeout(2), store.lock(KEY):
        pass


async def test_event_is_first_seen_once_until_forgotten(dedup: Deduplicator) -> None:
    assert await dedup.first_seen("kakao", "evt-1") is True
    assert await dedup.first_seen("kakao", "evt-1") is False
    assert await dedup.first_seen("telegram", "evt-1") is True
    assert await dedup.first_seen("kakao", "evt-2") is True

    await dedup.forget("kakao", "evt-1")

    assert await dedup.first_seen("kakao", "evt-1") is True
    assert await dedup.first_seen("kakao", "evt-1") is False
    assert await dedup.first_seen("telegram", "evt-1") is False


async def test_concurrent_deliveries_of_one_event_let_exactly_one_through(
    dedup: Deduplicator,
) -> None:
    results = await asyncio.gather(*(dedup.first_seen("instagram", "mid.7") for _ in range(3)))
    assert sorted(results) == [False, False, True]
