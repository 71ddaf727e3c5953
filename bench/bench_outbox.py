"""Deliveries per second through record → dispatch, with a no-op sender on SQLite.

Run: .venv/bin/python bench/bench_outbox.py [N]   (REDIS_URL for the Redis limiter run)
"""

import asyncio
import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from redis.asyncio import Redis

from adapters.outbox.ratelimit import (
    ChannelRates,
    MemoryRateLimiter,
    Rate,
    RateLimiter,
    RedisRateLimiter,
)
from adapters.outbox.retry import RetryPolicy
from adapters.outbox.store import SqlOutboxStore
from adapters.outbox.worker import OutboxDispatcher, Outcome
from adapters.sql import make_engine, make_sessions, migrate
from core.models import Channel, ConversationKey, Reply, Text
from core.outbound import Author, Delivery

CONCURRENCY = 16
# Generous rates (one chat per delivery) so the limiter's cost is measured, not its waiting.
RATES = {Channel.TELEGRAM: ChannelRates(Rate(1_000_000, 1.0), Rate(1, 1.0))}


class NoopSender:
    channel = Channel.TELEGRAM

    async def send(self, delivery: Delivery) -> None:
        return None


async def run(label: str, limiter: RateLimiter, count: int, folder: Path) -> None:
    url = f"sqlite+aiosqlite:///{folder / f'{label}.db'}"
    await migrate(url)
    engine = make_engine(url)
    store = SqlOutboxStore(make_sessions(engine))
    dispatcher = OutboxDispatcher(
        store=store,
        senders={Channel.TELEGRAM: NoopSender()},
        limiter=limiter,
        retry=RetryPolicy(),
    )
    now = datetime.now(UTC)
    reply = Reply((Text("주문하신 상품이 오늘 출발했어요 🚚"),))
    deliveries = [
        Delivery(f"{label}-{n}", ConversationKey(Channel.TELEGRAM, str(n)), reply, Author.BOT, now)
        for n in range(count)
    ]
    queue: asyncio.Queue[Delivery] = asyncio.Queue()
    for delivery in deliveries:
        queue.put_nowait(delivery)
    sent = 0

    async def work() -> None:
        nonlocal sent
        while not queue.empty():
            delivery = queue.get_nowait()
            await store.record(delivery)
            if (await dispatcher.deliver(delivery.delivery_id)).outcome is Outcome.SENT:
                sent += 1

    started = time.perf_counter()
    await asyncio.gather(*(work() for _ in range(CONCURRENCY)))
    elapsed = time.perf_counter() - started
    await engine.dispose()
    print(f"{label:>14}: {sent} sent in {elapsed:.2f} s = {sent / elapsed:,.0f} deliveries/s")


async def main(count: int) -> None:
    print(f"record → claim → rate-limit → send (no-op) → mark sent; {CONCURRENCY} concurrent")
    with tempfile.TemporaryDirectory() as folder:
        await run("memory-limiter", MemoryRateLimiter(RATES), count, Path(folder))
        redis = Redis.from_url(os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"))
        limiter = RedisRateLimiter(redis, RATES, prefix=f"bench:rl:{time.time_ns()}:")
        await run("redis-limiter", limiter, count, Path(folder))
        await redis.aclose()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000))
