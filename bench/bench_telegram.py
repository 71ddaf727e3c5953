"""Telegram webhook requests per second, in-process, as a share of a bare JSON webhook.

Both servers run on loopback in this process (aiohttp test servers) and are driven by the
same aiohttp client, interleaved round by round; the medians are printed. The Telegram side
is the real route (secret check, bounded read, `Update.de_json`, parse, dedupe in memory,
enqueue) with a constant-answer engine, so it measures the adapter, not the conversation.
No thresholds.
"""

import asyncio
import json
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import cast

import aiohttp
from aiohttp import web
from aiohttp.test_utils import TestServer

from adapters.memory import MemoryDeduplicator
from adapters.telegram import MemoryPayloadStore, TelegramWebhook, build_application
from adapters.telegram.routes import SECRET_HEADER, WEBHOOK_PATH
from core.engine import ConversationEngine
from core.inbox import Inbox
from core.models import ConversationKey, InboundMessage, Reply, Text
from core.outbound import Delivery

SECRET = "bench-secret"
ROUNDS = 5
ROUND_SECONDS = 1.5
CONCURRENCY = 32
POOL = 40_000
REPLY = Reply(parts=(Text("네, 주문 내역을 확인해 드릴게요."),))
HEADERS = {"Content-Type": "application/json", SECRET_HEADER: SECRET}


class ConstantEngine:
    async def handle(self, message: InboundMessage) -> Reply:
        return REPLY


class CountingOutbox:
    def __init__(self) -> None:
        self.count = 0

    async def enqueue(self, delivery: Delivery) -> bool:
        self.count += 1
        return True


class NoCustomers:
    async def mark_unreachable(self, key: ConversationKey) -> None:
        return None


def body(i: int) -> bytes:
    user = 5550000 + i % 500
    update = {
        "update_id": 100_000_000 + i,
        "message": {
            "message_id": i,
            "from": {"id": user, "is_bot": False, "first_name": "Jiwoo", "language_code": "ko"},
            "chat": {"id": user, "type": "private", "first_name": "Jiwoo"},
            "date": 1710000000 + i,
            "text": "주문한 니트 언제 와요? 주문번호 20240611-0001",
        },
    }
    return json.dumps(update, ensure_ascii=False).encode()


def telegram_app() -> web.Application:
    inbox = Inbox(dedup=MemoryDeduplicator(), engine=cast(ConversationEngine, ConstantEngine()))
    webhook = TelegramWebhook(
        inbox=inbox,
        outbox=CountingOutbox(),
        customers=NoCustomers(),  # type: ignore[arg-type]
        payloads=MemoryPayloadStore(),
        # Never initialized: messages need no Bot API call on the way in.
        application=build_application(token="1:bench", api_base="http://127.0.0.1:9"),
        secret=SECRET,
        now=lambda: datetime.now(UTC),
    )
    app = web.Application()
    webhook.setup_routes(app)
    return app


def bare_app() -> web.Application:
    async def handle(request: web.Request) -> web.Response:
        payload = json.loads(await request.read())
        return web.json_response({"ok": bool(payload)})

    app = web.Application()
    app.router.add_post(WEBHOOK_PATH, handle)
    return app


async def measure(
    session: aiohttp.ClientSession, make_app: Callable[[], web.Application], bodies: list[bytes]
) -> float:
    server = TestServer(make_app(), host="127.0.0.1")
    await server.start_server()
    url = str(server.make_url(WEBHOOK_PATH))
    pending = iter(bodies)
    done = 0
    deadline = time.perf_counter() + ROUND_SECONDS

    async def client_loop() -> None:
        nonlocal done
        for data in pending:
            if time.perf_counter() >= deadline:
                return
            async with session.post(url, data=data, headers=HEADERS) as response:
                await response.read()
                if response.status != 200:
                    raise RuntimeError(f"HTTP {response.status}")
            done += 1

    started = time.perf_counter()
    await asyncio.gather(*(client_loop() for _ in range(CONCURRENCY)))
    elapsed = time.perf_counter() - started
    await server.close()
    return done / elapsed


async def main() -> None:
    bodies = [body(i) for i in range(POOL)]
    ours: list[float] = []
    bare: list[float] = []
    connector = aiohttp.TCPConnector(limit=CONCURRENCY)
    async with aiohttp.ClientSession(connector=connector) as session:
        await measure(session, bare_app, bodies[:2000])  # warm-up
        for _ in range(ROUNDS):
            bare.append(await measure(session, bare_app, bodies))
            ours.append(await measure(session, telegram_app, bodies))
    bare_rps, ours_rps = statistics.median(bare), statistics.median(ours)
    print(f"bare JSON webhook (ceiling):  {bare_rps:8.0f} req/s  (median of {ROUNDS})")
    print(f"Telegram webhook:             {ours_rps:8.0f} req/s  (median of {ROUNDS})")
    print(f"share of the ceiling:         {ours_rps / bare_rps:8.0%}")


if __name__ == "__main__":
    asyncio.run(main())
