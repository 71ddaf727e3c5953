"""`dangol worker` wiring: the web side enqueues, `run_worker` delivers, then stops on request."""

import asyncio

from outbox_doubles import RecordingSender, delivery, eventually, row
from redis.asyncio import Redis

from adapters.sql import Sessions
from bots.settings import Settings
from bots.worker import outbound, run_worker
from core.models import Channel


async def test_run_worker_delivers_what_the_web_process_enqueued_and_stops(
    db_url: str, sessions: Sessions, redis: Redis, redis_url: str, namespace: str
) -> None:
    settings = Settings(database_url=db_url, redis_url=redis_url, outbox_queue=f"{namespace}jobs")
    sender = RecordingSender(Channel.TELEGRAM)
    stop = asyncio.Event()
    worker = asyncio.create_task(run_worker(settings, {Channel.TELEGRAM: sender}, stop=stop))

    async with outbound(settings, sessions, {}) as web:
        assert await web.outbox.enqueue(delivery("d-1")) is True
        await eventually(lambda: sender.ids() == ["d-1"])
    stop.set()
    await asyncio.wait_for(worker, timeout=15)

    assert (await row(sessions, "d-1")).status == "sent"


async def test_embedded_outbound_delivers_in_process(db_url: str, sessions: Sessions) -> None:
    sender = RecordingSender(Channel.TELEGRAM)

    async with outbound(
        Settings(database_url=db_url), sessions, {Channel.TELEGRAM: sender}
    ) as out:
        assert await out.outbox.enqueue(delivery("d-1")) is True
        await eventually(lambda: sender.ids() == ["d-1"])

    assert (await row(sessions, "d-1")).status == "sent"
