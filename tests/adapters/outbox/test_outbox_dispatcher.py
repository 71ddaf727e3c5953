"""One delivery attempt: sent once, permanent failures recorded, transient ones retried."""

import asyncio

import pytest
from outbox_doubles import T0, Clock, RecordingSender, delivery, row

from adapters.outbox.ratelimit import ChannelRates, MemoryRateLimiter, Rate
from adapters.outbox.retry import RetryPolicy
from adapters.outbox.store import SqlOutboxStore
from adapters.outbox.worker import OutboxDispatcher, Outcome
from adapters.sql import Sessions
from core.models import Channel
from core.outbound import PermanentSendError, TransientSendError


@pytest.fixture
def sender() -> RecordingSender:
    return RecordingSender(Channel.TELEGRAM)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def limiter() -> MemoryRateLimiter:
    return MemoryRateLimiter({})


@pytest.fixture
def dispatcher(
    store: SqlOutboxStore, sender: RecordingSender, limiter: MemoryRateLimiter, clock: Clock
) -> OutboxDispatcher:
    return OutboxDispatcher(
        store=store,
        senders={Channel.TELEGRAM: sender},
        limiter=limiter,
        retry=RetryPolicy(base_s=1.0, max_attempts=3),
        now=clock,
    )


async def test_a_delivery_is_sent_once_and_then_skipped(
    store: SqlOutboxStore,
    sessions: Sessions,
    dispatcher: OutboxDispatcher,
    sender: RecordingSender,
    clock: Clock,
) -> None:
    await store.record(delivery("d-1"))

    first = await dispatcher.deliver("d-1")
    clock.advance(3600)
    second = await dispatcher.deliver("d-1")

    assert (first.outcome, second.outcome) == (Outcome.SENT, Outcome.SKIPPED)
    assert sender.sent == [delivery("d-1")]
    saved = await row(sessions, "d-1")
    assert (saved.status, saved.attempts, saved.sent_at) == ("sent", 1, T0)


async def test_the_same_job_run_twice_at_once_sends_once(
    store: SqlOutboxStore, dispatcher: OutboxDispatcher, sender: RecordingSender
) -> None:
    sender.gate = asyncio.Event()
    await store.record(delivery("d-1"))

    racing = asyncio.gather(dispatcher.deliver("d-1"), dispatcher.deliver("d-1"))
    await asyncio.sleep(0.05)
    sender.gate.set()
    outcomes = sorted(result.outcome for result in await racing)

    assert outcomes == [Outcome.SENT, Outcome.SKIPPED]
    assert sender.ids() == ["d-1"]


async def test_a_permanent_error_is_recorded_and_not_retried(
    store: SqlOutboxStore,
    sessions: Sessions,
    dispatcher: OutboxDispatcher,
    sender: RecordingSender,
    clock: Clock,
) -> None:
    sender.errors.append(PermanentSendError("Forbidden: bot was blocked by the user"))
    await store.record(delivery("d-1"))

    result = await dispatcher.deliver("d-1")
    clock.advance(3600)
    again = await dispatcher.deliver("d-1")

    assert (result.outcome, result.retry_in, again.outcome) == (
        Outcome.FAILED,
        None,
        Outcome.SKIPPED,
    )
    assert sender.calls == 1
    saved = await row(sessions, "d-1")
    assert saved.status == "failed"
    assert saved.last_error == "permanent: Forbidden: bot was blocked by the user"


async def test_a_transient_error_is_retried_after_the_backoff_then_sent(
    store: SqlOutboxStore,
    sessions: Sessions,
    dispatcher: OutboxDispatcher,
    sender: RecordingSender,
    clock: Clock,
) -> None:
    sender.errors.append(TransientSendError("HTTP 502"))
    await store.record(delivery("d-1"))

    result = await dispatcher.deliver("d-1")
    assert result.outcome is Outcome.RETRY
    assert result.retry_in is not None
    assert 0.5 <= result.retry_in <= 1.0  # first step of RetryPolicy(base_s=1): half + jitter
    assert (await row(sessions, "d-1")).last_error == "HTTP 502"

    clock.advance(result.retry_in / 2)
    assert (await dispatcher.deliver("d-1")).outcome is Outcome.SKIPPED  # not due yet
    clock.advance(result.retry_in)
    assert (await dispatcher.deliver("d-1")).outcome is Outcome.SENT

    assert sender.ids() == ["d-1"]
    assert (await row(sessions, "d-1")).attempts == 2


async def test_retry_after_is_honoured_and_pauses_the_channel(
    store: SqlOutboxStore,
    dispatcher: OutboxDispatcher,
    sender: RecordingSender,
    limiter: MemoryRateLimiter,
) -> None:
    sender.errors.append(TransientSendError("Too Many Requests", retry_after=7))
    await store.record(delivery("d-1"))

    result = await dispatcher.deliver("d-1")

    assert (result.outcome, result.retry_in) == (Outcome.RETRY, 7.5)
    assert 6.5 < await limiter.try_acquire(Channel.TELEGRAM, "another chat") <= 7
    assert await limiter.try_acquire(Channel.INSTAGRAM, "42") == 0


async def test_transient_errors_give_up_after_max_attempts(
    store: SqlOutboxStore,
    sessions: Sessions,
    dispatcher: OutboxDispatcher,
    sender: RecordingSender,
    clock: Clock,
) -> None:
    sender.always = TransientSendError("timed out")
    await store.record(delivery("d-1"))

    outcomes = []
    for _ in range(4):
        outcomes.append((await dispatcher.deliver("d-1")).outcome)
        clock.advance(60)

    assert outcomes == [Outcome.RETRY, Outcome.RETRY, Outcome.FAILED, Outcome.SKIPPED]
    assert sender.calls == 3
    saved = await row(sessions, "d-1")
    assert saved.status == "failed"
    assert saved.last_error == "gave up after 3 attempts: timed out"


async def test_an_unexpected_sender_error_is_retried_like_a_transient_one(
    store: SqlOutboxStore,
    dispatcher: OutboxDispatcher,
    sender: RecordingSender,
    clock: Clock,
) -> None:
    sender.errors.append(KeyError("chat_id"))
    await store.record(delivery("d-1"))

    assert (await dispatcher.deliver("d-1")).outcome is Outcome.RETRY
    clock.advance(60)
    assert (await dispatcher.deliver("d-1")).outcome is Outcome.SENT


async def test_a_delivery_whose_workers_keep_dying_is_abandoned(
    store: SqlOutboxStore, dispatcher: OutboxDispatcher, sender: RecordingSender, clock: Clock
) -> None:
    await store.record(delivery("d-1"))
    for _ in range(3):  # three workers claimed it and died mid-send
        await store.claim("d-1", clock(), 60)
        clock.advance(61)

    result = await dispatcher.deliver("d-1")

    assert result.outcome is Outcome.FAILED
    assert sender.calls == 0


async def test_a_channel_without_a_sender_fails_the_delivery(
    store: SqlOutboxStore, dispatcher: OutboxDispatcher, sessions: Sessions
) -> None:
    await store.record(delivery("d-1", channel=Channel.INSTAGRAM))

    assert (await dispatcher.deliver("d-1")).outcome is Outcome.FAILED
    assert (await row(sessions, "d-1")).last_error == "no sender for channel instagram"


async def test_a_long_rate_limit_wait_hands_the_claim_back_unattempted(
    store: SqlOutboxStore, sessions: Sessions, sender: RecordingSender, clock: Clock
) -> None:
    dispatcher = OutboxDispatcher(
        store=store,
        senders={Channel.TELEGRAM: sender},
        limiter=MemoryRateLimiter({Channel.TELEGRAM: ChannelRates(per_chat=Rate(1, 60.0))}),
        retry=RetryPolicy(),
        now=clock,
        max_throttle_s=0.05,
    )
    await store.record(delivery("d-1"))
    await store.record(delivery("d-2"))

    assert (await dispatcher.deliver("d-1")).outcome is Outcome.SENT
    second = await dispatcher.deliver("d-2")

    assert second.outcome is Outcome.RETRY
    assert second.retry_in is not None
    assert 59 < second.retry_in <= 60
    saved = await row(sessions, "d-2")
    assert (saved.status, saved.attempts) == ("pending", 0)
    assert sender.ids() == ["d-1"]
