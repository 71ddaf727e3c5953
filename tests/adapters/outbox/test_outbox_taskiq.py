"""End to end through taskiq: in-process broker, and a Redis stream with two workers."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import timedelta

import pytest
from outbox_doubles import RecordingSender, delivery, eventually, row
from redis.asyncio import Redis
from taskiq import AsyncBroker, InMemoryBroker
from taskiq.api import run_receiver_task

from adapters.outbox.queue import OutboxSweeper, SqlOutbox, make_broker, register_delivery
from adapters.outbox.ratelimit import MemoryRateLimiter
from adapters.outbox.retry import RetryPolicy
from adapters.outbox.store import SqlOutboxStore
from adapters.outbox.worker import OutboxDispatcher
from adapters.sql import Sessions
from adapters.sql.tables import utc_now
from core.models import Channel
from core.outbound import TransientSendError


def dispatcher(store: SqlOutboxStore, sender: RecordingSender) -> OutboxDispatcher:
    return OutboxDispatcher(
        store=store,
        senders={Channel.TELEGRAM: sender},
        limiter=MemoryRateLimiter({}),
        retry=RetryPolicy(base_s=0.02),
        lease_s=0.3,
    )


@pytest.fixture
async def memory_broker() -> AsyncIterator[InMemoryBroker]:
    broker = make_broker(None, queue_name="unused-in-memory")
    assert isinstance(broker, InMemoryBroker)
    yield broker
    await broker.shutdown()


async def test_in_memory_a_recorded_delivery_is_sent_once(
    store: SqlOutboxStore, sessions: Sessions, memory_broker: InMemoryBroker
) -> None:
    sender = RecordingSender()
    sender.errors.append(TransientSendError("HTTP 503", retry_after=0.05))
    register_delivery(memory_broker, dispatcher(store, sender))
    await memory_broker.startup()
    outbox = SqlOutbox(store, memory_broker)

    assert await outbox.enqueue(delivery("d-1")) is True
    assert await outbox.enqueue(delivery("d-1")) is False
    await memory_broker.wait_all()

    assert sender.ids() == ["d-1"]
    assert sender.calls == 2  # the 503, then the retry inside the same job
    assert (await row(sessions, "d-1")).status == "sent"


async def test_the_sweeper_requeues_a_delivery_whose_job_was_lost(
    store: SqlOutboxStore, sessions: Sessions, memory_broker: InMemoryBroker
) -> None:
    sender = RecordingSender()
    register_delivery(memory_broker, dispatcher(store, sender))
    await memory_broker.startup()
    outbox = SqlOutbox(store, memory_broker)
    await store.record(replace(delivery("lost"), created_at=utc_now() - timedelta(minutes=5)))
    await store.record(replace(delivery("just-recorded"), created_at=utc_now()))
    sweeper = OutboxSweeper(store, outbox, grace_s=30)

    assert await sweeper.sweep() == 1
    await memory_broker.wait_all()

    assert sender.ids() == ["lost"]
    assert (await row(sessions, "just-recorded")).status == "pending"


@asynccontextmanager
async def stream_worker(
    redis_url: str, queue: str, store: SqlOutboxStore, sender: RecordingSender
) -> AsyncIterator[AsyncBroker]:
    """One worker process: a stream broker with the delivery task and a running receiver."""
    broker = make_broker(redis_url, queue_name=queue, idle_timeout_s=0.2, xread_block_s=0.05)
    register_delivery(broker, dispatcher(store, sender))
    await broker.startup()
    receiver = asyncio.create_task(run_receiver_task(broker, max_async_tasks=10))
    try:
        yield broker
    finally:
        receiver.cancel()
        await asyncio.wait({receiver}, timeout=1.0)
        # Closing the pool wakes a stream read that taskiq-redis sometimes leaves hanging
        # when its listener is cancelled mid-read.
        await broker.shutdown()
        await asyncio.wait({receiver}, timeout=1.0)
        assert receiver.done()


async def pending_jobs(redis: Redis, queue: str) -> int:
    return int((await redis.xpending(queue, f"{queue}:workers"))["pending"])


async def test_over_redis_a_job_is_delivered_once_and_acked(
    store: SqlOutboxStore, redis: Redis, redis_url: str, namespace: str
) -> None:
    queue = f"{namespace}jobs"
    sender = RecordingSender()
    web = make_broker(redis_url, queue_name=queue)  # the web process only kicks jobs
    await web.startup()
    async with stream_worker(redis_url, queue, store, sender):
        assert await SqlOutbox(store, web).enqueue(delivery("d-1")) is True
        await eventually(lambda: sender.ids() == ["d-1"])
        await asyncio.sleep(0.3)  # long enough for a (wrong) second delivery
    await web.shutdown()

    assert sender.ids() == ["d-1"]
    assert await pending_jobs(redis, queue) == 0


async def test_over_redis_jobs_of_a_dead_worker_are_redelivered_and_sent_once(
    store: SqlOutboxStore, sessions: Sessions, redis: Redis, redis_url: str, namespace: str
) -> None:
    queue = f"{namespace}jobs"
    web = make_broker(redis_url, queue_name=queue)
    await web.startup()
    outbox = SqlOutbox(store, web)
    await outbox.enqueue(delivery("sent-not-acked"))
    await outbox.enqueue(delivery("claimed-then-died"))

    # Worker A reads both jobs, sends the first, claims the second, and dies before any ack.
    dead = make_broker(redis_url, queue_name=queue)
    await dead.startup()
    jobs = dead.listen()
    for _ in range(2):
        await anext(jobs)
    sender_a = RecordingSender()
    await dispatcher(store, sender_a).deliver("sent-not-acked")
    assert await store.claim("claimed-then-died", utc_now(), lease_s=0.3) is not None
    await jobs.aclose()
    await dead.shutdown()
    assert await pending_jobs(redis, queue) == 2
    await asyncio.sleep(0.35)  # past A's lease and the stream's idle timeout

    sender_b = RecordingSender()
    async with stream_worker(redis_url, queue, store, sender_b):
        await outbox.enqueue(delivery("new"))  # B re-claims idle jobs after its next read
        await eventually(lambda: sorted(sender_b.ids()) == ["claimed-then-died", "new"])
        await asyncio.sleep(0.3)
        left = await pending_jobs(redis, queue)
    await web.shutdown()

    assert sender_a.ids() == ["sent-not-acked"]  # B ran its job again but did not resend
    assert sorted(sender_b.ids()) == ["claimed-then-died", "new"]
    assert left == 0
    assert {(await row(sessions, d)).status for d in ("sent-not-acked", "claimed-then-died")} == {
        "sent"
    }
