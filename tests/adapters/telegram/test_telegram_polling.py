"""poll(): getUpdates through the webhook's path, confirming updates by offset."""

import asyncio
import contextlib

from adapters.telegram import ALLOWED_UPDATES, MemoryPayloadStore, poll
from adapters.telegram.ptb import TelegramApplication
from core.errors import StoreUnavailable
from core.inbox import Inbox
from tests.adapters.telegram.tg_doubles import NOW, RecordingCustomers, RecordingOutbox
from tests.fakes.telegram import FakeTelegram


async def poll_until_offset(fake: FakeTelegram, offset: int, **objects) -> None:
    """Poll until getUpdates is called with `offset`, i.e. every update before it confirmed."""
    task = asyncio.create_task(poll(now=lambda: NOW, timeout_s=0, **objects))
    try:
        async with asyncio.timeout(5):
            await fake.wait_for_call(
                lambda c: c.method == "getUpdates" and c.params.get("offset") == str(offset)
            )
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


def update_offsets(fake: FakeTelegram) -> list[int | None]:
    return [
        int(c.params["offset"]) if "offset" in c.params else None
        for c in fake.calls
        if c.method == "getUpdates"
    ]


async def test_polled_updates_are_answered_and_confirmed(
    application: TelegramApplication,
    fake_telegram: FakeTelegram,
    inbox: Inbox,
    outbox: RecordingOutbox,
    customers: RecordingCustomers,
    payload_store: MemoryPayloadStore,
    load_payload,
) -> None:
    fake_telegram.updates = [load_payload("message_text_private"), load_payload("message_voice")]
    await poll_until_offset(
        fake_telegram,
        900008,
        application=application,
        inbox=inbox,
        outbox=outbox,
        customers=customers,
        payloads=payload_store,
    )
    assert [d.delivery_id for d in outbox.calls] == ["tg:900001", "tg:900007"]
    first = next(c for c in fake_telegram.calls if c.method == "getUpdates")
    assert first.params["allowed_updates"] == list(ALLOWED_UPDATES)
    assert update_offsets(fake_telegram)[0] is None


async def test_a_store_outage_retries_the_update_instead_of_confirming_it(
    application: TelegramApplication,
    fake_telegram: FakeTelegram,
    inbox: Inbox,
    outbox: RecordingOutbox,
    customers: RecordingCustomers,
    payload_store: MemoryPayloadStore,
    load_payload,
) -> None:
    fake_telegram.updates = [load_payload("message_text_private")]
    outbox.failures.append(StoreUnavailable("redis down"))
    await poll_until_offset(
        fake_telegram,
        900002,
        application=application,
        inbox=inbox,
        outbox=outbox,
        customers=customers,
        payloads=payload_store,
    )
    assert [d.delivery_id for d in outbox.calls] == ["tg:900001"]
    assert update_offsets(fake_telegram)[:2] == [None, None]
