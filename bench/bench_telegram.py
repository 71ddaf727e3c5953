"""Telegram webhook requests per second, in-process, as a share of a bare JSON webhook.

Both servers run on loopback in this process (aiohttp test servers) and are driven by the
same aiohttp client, interleaved round by round; the medians are printed. The Telegram side
is the real route (secret check, bounded read, `Update.de_json`, parse, dedupe in memory,
enqueue) with a constant-answer engine, so it measures the adapter, not the conversation.
No thresholds.
"""

import asyncio
import json
from datetime import UTC, datetime
from typing import cast

from aiohttp import web

from adapters.memory import MemoryDeduplicator
from adapters.telegram import MemoryPayloadStore, TelegramWebhook, build_application
from adapters.telegram.routes import SECRET_HEADER, WEBHOOK_PATH
from bench.harness import ConstantEngine, CountingOutbox, Target, ceiling, compare
from core.engine import ConversationEngine
from core.inbox import Inbox
from core.models import ConversationKey

SECRET = "bench-secret"
POOL = 40_000
HEADERS = {"Content-Type": "application/json", SECRET_HEADER: SECRET}


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


def main() -> None:
    requests = [(body(i), HEADERS) for i in range(POOL)]
    targets = [
        ceiling(WEBHOOK_PATH, requests),
        Target("Telegram webhook", telegram_app, WEBHOOK_PATH, requests),
    ]
    asyncio.run(compare(targets))


if __name__ == "__main__":
    main()
