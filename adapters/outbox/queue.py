"""The taskiq side: the broker, `SqlOutbox` (record, then kick), the task, the sweeper."""

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy.exc import DBAPIError
from taskiq import AsyncBroker, InMemoryBroker
from taskiq.exceptions import SendTaskError
from taskiq.kicker import AsyncKicker
from taskiq_redis import RedisStreamBroker

from adapters.outbox.store import SqlOutboxStore
from adapters.outbox.worker import OutboxDispatcher
from adapters.sql.tables import utc_now
from core.outbound import Delivery

logger = logging.getLogger(__name__)

DELIVER_TASK = "dangol.outbox.deliver"
# Retries due sooner than this are awaited inside the task; later ones are left to the sweeper.
MAX_INLINE_RETRY_S = 60.0


def make_broker(
    redis_url: str | None,
    *,
    queue_name: str,
    idle_timeout_s: float = 300.0,
    xread_block_s: float = 2.0,
) -> AsyncBroker:
    """Return the delivery broker: a Redis stream with a consumer group, or in-process.

    On the stream a job is acked only once its task has returned, so a job whose worker died
    stays pending and another worker re-claims it (XAUTOCLAIM) after `idle_timeout_s`.
    """
    if redis_url is None:
        return InMemoryBroker()
    return RedisStreamBroker(
        redis_url,
        queue_name=queue_name,
        consumer_group_name=f"{queue_name}:workers",
        consumer_id="0",  # a group created after jobs were queued still reads them
        idle_timeout=int(idle_timeout_s * 1000),
        unacknowledged_lock_timeout=max(idle_timeout_s, 1.0),
        xread_block=int(xread_block_s * 1000),
        maxlen=100_000,
    )


class SqlOutbox:
    """`core.outbound.Outbox`: records a delivery durably, then queues its delivery job."""

    def __init__(self, store: SqlOutboxStore, broker: AsyncBroker) -> None:
        self._store = store
        self._kicker: AsyncKicker[[str], object] = AsyncKicker(DELIVER_TASK, broker, {})

    async def enqueue(self, delivery: Delivery) -> bool:
        """Record and schedule `delivery`; return False if that id was already recorded."""
        if not await self._store.record(delivery):
            return False
        await self.kick(delivery.delivery_id)
        return True

    async def kick(self, delivery_id: str) -> None:
        """Queue a delivery job; if the queue is down the sweeper queues it later."""
        try:
            await self._kicker.kiq(delivery_id)
        except SendTaskError:
            logger.warning(
                "Could not queue a delivery; the sweeper will",
                exc_info=True,
                extra={"delivery_id": delivery_id},
            )


def register_delivery(broker: AsyncBroker, dispatcher: OutboxDispatcher) -> None:
    """Make `broker`'s workers run delivery jobs with `dispatcher`."""

    async def deliver(delivery_id: str) -> str:
        while True:
            result = await dispatcher.deliver(delivery_id)
            if result.retry_in is None or result.retry_in > MAX_INLINE_RETRY_S:
                return result.outcome.value
            await asyncio.sleep(result.retry_in)

    broker.register_task(deliver, task_name=DELIVER_TASK)


class OutboxSweeper:
    """Re-queues deliveries whose job was lost; every worker process runs one."""

    def __init__(
        self,
        store: SqlOutboxStore,
        outbox: SqlOutbox,
        *,
        now: Callable[[], datetime] = utc_now,
        every_s: float = 10.0,
        grace_s: float = 30.0,
        batch: int = 500,
    ) -> None:
        self._store = store
        self._outbox = outbox
        self._now = now
        self._every_s = every_s
        self._grace_s = grace_s
        self._batch = batch

    async def sweep(self) -> int:
        """Queue one batch of stranded deliveries; return how many."""
        ids = await self._store.stranded(self._now(), self._grace_s, self._batch)
        for delivery_id in ids:
            await self._outbox.kick(delivery_id)
        return len(ids)

    async def run(self) -> None:
        """Sweep every `every_s` seconds until cancelled."""
        while True:
            try:
                count = await self.sweep()
            except (DBAPIError, OSError):  # the database is away for a moment; try next round
                logger.warning("Outbox sweep failed", exc_info=True)
            else:
                if count:
                    logger.info("Re-queued %d stranded deliveries", count)
            await asyncio.sleep(self._every_s)
