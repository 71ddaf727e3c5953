"""What only the in-memory stores promise: bounded memory and no shared mutable state."""

from adapters.memory import MemoryDeduplicator, MemoryDialogStore
from core.models import Channel, ConversationKey

KEY = ConversationKey(Channel.WEBCHAT, "w1")


async def test_seen_events_expire_after_the_ttl() -> None:
    now = [1000.0]
    dedup = MemoryDeduplicator(ttl=60, clock=lambda: now[0])
    assert await dedup.first_seen("webchat", "a") is True
    now[0] += 59
    assert await dedup.first_seen("webchat", "a") is False
    now[0] += 2
    assert await dedup.first_seen("webchat", "a") is True


async def test_the_oldest_events_are_dropped_when_full() -> None:
    dedup = MemoryDeduplicator(max_entries=2)
    for event_id in ("a", "b", "c"):
        assert await dedup.first_seen("s", event_id) is True
    assert await dedup.first_seen("s", "c") is False
    assert await dedup.first_seen("s", "b") is False
    assert await dedup.first_seen("s", "a") is True  # was evicted


async def test_a_loaded_state_does_not_alias_the_stored_one() -> None:
    store = MemoryDialogStore()
    saved = await store.save(KEY, (await store.load(KEY)).enter("cancel", "ask", order_no="1"))
    saved.slots["order_no"] = "changed"  # slots is a plain dict: callers could mutate it
    loaded = await store.load(KEY)
    loaded.slots["order_no"] = "changed too"
    assert (await store.load(KEY)).slots == {"order_no": "1"}
