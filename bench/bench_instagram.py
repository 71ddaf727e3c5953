"""Signed Instagram webhooks per second, in-process, as a share of a bare JSON webhook.

Both servers run on loopback in this process and are driven by the same aiohttp client,
interleaved round by round; the medians are printed. The Instagram side is the real route
(read, verify the signature, parse, dedupe in memory, enqueue) with a constant-answer
engine, so it measures the adapter, not the conversation. No thresholds.
"""

import asyncio
import json
from datetime import UTC, datetime
from typing import cast

from aiohttp import web

from adapters.instagram.routes import PATH, InstagramWebhook
from adapters.instagram.signature import SIGNATURE_HEADER, sign
from adapters.memory import MemoryDeduplicator
from bench.harness import ConstantEngine, CountingOutbox, Target, ceiling, compare
from core.engine import ConversationEngine
from core.inbox import Inbox
from core.models import ConversationKey

SECRET = "bench-secret"
POOL = 40_000


class NullTranscript:
    async def record_turn(self, key: ConversationKey, *_: object, **__: object) -> None:
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


def main() -> None:
    requests = []
    for data in map(body, range(POOL)):
        headers = {"Content-Type": "application/json", SIGNATURE_HEADER: sign(data, SECRET)}
        requests.append((data, headers))
    targets = [
        ceiling(PATH, requests),
        Target("signed Instagram webhook", instagram_app, PATH, requests),
    ]
    asyncio.run(compare(targets))


if __name__ == "__main__":
    main()
