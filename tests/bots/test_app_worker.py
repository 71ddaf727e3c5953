"""Production wiring: the web process on Redis only enqueues; `dangol worker` delivers."""

import asyncio
import os
import uuid
from dataclasses import replace

from redis.asyncio import Redis

from bots.senders import push_channels
from bots.settings import Settings
from bots.wiring import build_services
from bots.worker import run_worker
from tests.bots.conftest import SECRET, AppClient
from tests.bots.test_app_channels import telegram_update
from tests.fakes.telegram import FakeTelegram


async def test_web_enqueues_and_the_worker_sends_once(
    app_client: AppClient, channel_settings: Settings, fake_telegram: FakeTelegram
) -> None:
    settings = replace(
        channel_settings,
        redis_url=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        outbox_queue=f"test:{uuid.uuid4().hex}:outbox",
    )
    client = await app_client(settings)
    update = telegram_update("안녕하세요")
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    for _ in range(2):  # Telegram retried: one reply all the same
        assert (
            await client.post("/webhooks/telegram", json=update, headers=headers)
        ).status == 200
    assert fake_telegram.sent("sendMessage") == []  # the web process only enqueued

    stop = asyncio.Event()

    async def worker() -> None:
        async with build_services(settings) as services, push_channels(services) as push:
            await run_worker(settings, push.senders, stop=stop)

    running = asyncio.create_task(worker())
    async with asyncio.timeout(15):
        await fake_telegram.wait_for_call(lambda c: c.method == "sendMessage")
    stop.set()
    await asyncio.wait_for(running, timeout=20)
    assert len(fake_telegram.sent("sendMessage")) == 1
    redis = Redis.from_url(settings.redis_url or "")
    await redis.delete(settings.outbox_queue)
    await redis.aclose()
