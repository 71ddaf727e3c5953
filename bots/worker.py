"""The delivery worker: `dangol worker` over Redis, or in-process under embedded `dangol serve`."""

import asyncio
import signal
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass

from redis.asyncio import Redis
from taskiq import AsyncBroker
from taskiq.receiver import Receiver

from adapters.outbox.queue import (
    OutboxSweeper,
    SqlOutbox,
    make_broker,
    register_delivery,
)
from adapters.outbox.ratelimit import (
    ChannelRates,
    MemoryRateLimiter,
    Rate,
    RateLimiter,
    RedisRateLimiter,
)
from adapters.outbox.retry import RetryPolicy
from adapters.outbox.store import SqlOutboxStore
from adapters.outbox.worker import OutboxDispatcher
from adapters.sql import Sessions, make_engine, make_sessions
from adapters.tasks import TaskRegistry
from bots.settings import Settings, SettingsError
from core.models import Channel
from core.outbound import Sender

# How long a stopping worker lets running deliveries finish; the rest are re-claimed later.
STOP_GRACE_S = 10.0


@dataclass(frozen=True, slots=True)
class Outbound:
    """The outbound path of one process: where replies are enqueued, and the job broker."""

    outbox: SqlOutbox
    broker: AsyncBroker


@asynccontextmanager
async def outbound(
    settings: Settings,
    sessions: Sessions,
    senders: Mapping[Channel, Sender],
    *,
    deliver: bool | None = None,
) -> AsyncIterator[Outbound]:
    """Open the outbound path; with `deliver` (default: in embedded mode) also deliver here.

    Delivering means registering the delivery task with `senders` and sweeping for lost
    jobs. Embedded, the in-memory broker runs each job in this process as it is kicked;
    with Redis, `run_worker` adds the receiver that reads the stream.
    """
    deliver = settings.embedded if deliver is None else deliver
    broker = make_broker(settings.redis_url, queue_name=settings.outbox_queue)
    store = SqlOutboxStore(sessions)
    outbox = SqlOutbox(store, broker)
    redis = Redis.from_url(settings.redis_url) if deliver and settings.redis_url else None
    background = TaskRegistry()
    try:
        if deliver:
            dispatcher = OutboxDispatcher(
                store=store,
                senders=senders,
                limiter=_limiter(redis, channel_rates(settings)),
                retry=RetryPolicy(),
            )
            register_delivery(broker, dispatcher)
        await broker.startup()
        if deliver:
            background.spawn(OutboxSweeper(store, outbox).run(), name="outbox-sweeper")
        yield Outbound(outbox, broker)
    finally:
        await background.aclose(grace_s=0)
        await broker.shutdown()
        if redis is not None:
            await redis.aclose()


async def run_worker(
    settings: Settings,
    senders: Mapping[Channel, Sender],
    *,
    stop: asyncio.Event | None = None,
    concurrency: int = 100,
) -> None:
    """Deliver jobs from the Redis stream until `stop` is set (default: SIGTERM or SIGINT)."""
    if settings.redis_url is None:
        raise SettingsError("dangol worker needs REDIS_URL; embedded, dangol serve delivers")
    stop = stop or _stop_on_signals()
    engine = make_engine(settings.database_url)
    try:
        async with outbound(settings, make_sessions(engine), senders, deliver=True) as out:
            out.broker.is_worker_process = True
            receiver = Receiver(
                out.broker,
                max_async_tasks=concurrency,
                run_startup=False,
                wait_tasks_timeout=STOP_GRACE_S,
            )
            listening = asyncio.create_task(receiver.listen(stop))
            stopping = asyncio.create_task(stop.wait())
            await asyncio.wait({listening, stopping}, return_when=asyncio.FIRST_COMPLETED)
            stopping.cancel()
            await asyncio.wait({listening}, timeout=STOP_GRACE_S + 1.0)
            listening.cancel()
        # Closing the broker's connections frees a stream read that taskiq-redis can leave
        # hanging when its listener is stopped mid-read.
        await asyncio.wait({listening}, timeout=1.0)
        if listening.done() and not listening.cancelled():
            listening.result()
    finally:
        await engine.dispose()


def channel_rates(settings: Settings) -> dict[Channel, ChannelRates]:
    """Return the send limits per channel from settings (messages per second)."""
    return {
        Channel.TELEGRAM: ChannelRates(
            _rate(settings.telegram_rate_per_s), _rate(settings.telegram_chat_rate_per_s)
        ),
        Channel.INSTAGRAM: ChannelRates(
            _rate(settings.instagram_rate_per_s), _rate(settings.instagram_chat_rate_per_s)
        ),
    }


def _rate(per_second: float) -> Rate:
    if per_second >= 1:
        return Rate(round(per_second), 1.0)
    return Rate(1, 1.0 / per_second)


def _limiter(redis: Redis | None, rates: Mapping[Channel, ChannelRates]) -> RateLimiter:
    return MemoryRateLimiter(rates) if redis is None else RedisRateLimiter(redis, rates)


def _stop_on_signals() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    return stop
