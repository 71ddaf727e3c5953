"""Signed Instagram webhooks per second, in-process, as a share of a bare JSON webhook.

Both servers run on loopback in this process and are driven by the same aiohttp client,
interleaved round by round; the medians are printed. The Instagram side is the real route
(read, verify the signature, parse, dedupe in memory, enqueue) with a constant-answer
engine, so it measures the adapter, not the conversation. No thresholds.
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

from adapters.instagram.routes import PATH, InstagramWebhook
from adapters.instagram.signature import SIGNATURE_HEADER, sign
from adapters.memory import MemoryDeduplicator
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


class ConstantEngine:
    async def handle(self, message: InboundMessage) -> Reply:
        return REPLY


class CountingOutbox:
    def __init__(self) -> None:
        self.count = 0

    async def enqueue(self, delivery: Delivery) -> bool:
        self.count += 1
        return True


class NullTranscript:
    async def record_message(self, key: ConversationKey, **_: object) -> None:
        return None

    async def record_event(self, *_: object) -> None:
        return None

    async def last_inbound_at(self, key: ConversationKey) -> datetime | None:
        return None


def body(i: int) -> bytes:
    event = {
        "sender": {"id": f"65432109876{i % 500:05d}"},
        "recipient": {"id": "17841400000000001"},
        "timestamp": 1718000000000 + i,
        "message": {
            "mid": f"mid.bench.{i}",
            "text": "주문한 니트 언제 와요? 주문번호 20240611-0001",
        },
    }
    payload = {"object": "instagram", "entry": [{"id": "17841400000000001", "messaging": [event]}]}
    return json.dumps(payload, ensure_ascii=False).encode()


def instagram_app() -> web.Application:
    inbox = Inbox(dedup=MemoryDeduplicator(), engine=cast(ConversationEngine, ConstantEngine()))
    webhook = InstagramWebhook(
        inbox=inbox,
        outbox=CountingOutbox(),
        transcript=NullTranscript(),
        app_secret=SECRET,
        verify_token="bench",
        now=lambda: datetime.now(UTC),
    )
    app = web.Application()
    app.add_routes(webhook.routes())
    return app


def bare_app() -> web.Application:
    async def handle(request: web.Request) -> web.Response:
        payload = json.loads(await request.read())
        return web.json_response({"ok": bool(payload)})

    app = web.Application()
    app.router.add_post(PATH, handle)
    return app


async def serve(app: web.Application) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    return runner, f"http://127.0.0.1:{port}{PATH}"


async def measure(
    session: aiohttp.ClientSession,
    make_app: Callable[[], web.Application],
    signed: list[tuple[bytes, str]],
) -> float:
    runner, url = await serve(make_app())
    requests = iter(signed)
    done = 0
    deadline = time.perf_counter() + ROUND_SECONDS

    async def worker() -> None:
        nonlocal done
        for data, signature in requests:
            if time.perf_counter() >= deadline:
                return
            headers = {"Content-Type": "application/json", SIGNATURE_HEADER: signature}
            async with session.post(url, data=data, headers=headers) as response:
                await response.read()
                if response.status != 200:
                    raise RuntimeError(f"HTTP {response.status}")
            done += 1

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    elapsed = time.perf_counter() - started
    await runner.cleanup()
    return done / elapsed


async def main() -> None:
    signed = [(data, sign(data, SECRET)) for data in map(body, range(POOL))]
    ours: list[float] = []
    bare: list[float] = []
    connector = aiohttp.TCPConnector(limit=CONCURRENCY)
    async with aiohttp.ClientSession(connector=connector) as session:
        await measure(session, bare_app, signed[:2000])  # warm-up
        for _ in range(ROUNDS):
            bare.append(await measure(session, bare_app, signed))
            ours.append(await measure(session, instagram_app, signed))
    bare_rps, ours_rps = statistics.median(bare), statistics.median(ours)
    print(f"bare JSON webhook (ceiling):  {bare_rps:8.0f} req/s  (median of {ROUNDS})")
    print(f"signed Instagram webhook:     {ours_rps:8.0f} req/s  (median of {ROUNDS})")
    print(f"share of the ceiling:         {ours_rps / bare_rps:8.0%}")


if __name__ == "__main__":
    asyncio.run(main())
