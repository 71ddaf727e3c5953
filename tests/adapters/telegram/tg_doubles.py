"""Values and doubles at our own ports shared by the Telegram adapter tests."""

import asyncio
from datetime import UTC, datetime

from adapters.memory import MemoryDeduplicator
from core.models import ConversationKey, InboundMessage, QuickReply, Reply, Text
from core.outbound import Delivery

TOKEN = "7000001:TEST-not-a-real-token"
SECRET = "test-webhook-secret"
NOW = datetime(2025, 3, 14, 10, 30, tzinfo=UTC)


class EchoEngine:
    """Stands in for the conversation engine: records messages, echoes them (or says nothing)."""

    def __init__(self) -> None:
        self.handled: list[InboundMessage] = []
        self.empty = False

    async def handle(self, message: InboundMessage) -> Reply:
        await asyncio.sleep(0)  # let concurrent requests interleave
        self.handled.append(message)
        if self.empty:
            return Reply()
        return Reply(
            parts=(Text(f"echo {message.text}"),),
            quick_replies=(QuickReply("주문 조회", "intent:order_status"),),
        )


class RecordingOutbox:
    """An `Outbox` that records every enqueue call; `failures` are raised first, in order."""

    def __init__(self) -> None:
        self.calls: list[Delivery] = []
        self.failures: list[Exception] = []
        self.enqueued = asyncio.Event()

    async def enqueue(self, delivery: Delivery) -> bool:
        if self.failures:
            raise self.failures.pop(0)
        first = all(d.delivery_id != delivery.delivery_id for d in self.calls)
        self.calls.append(delivery)
        self.enqueued.set()
        return first


class RecordingCustomers:
    """The one `CustomerDirectory` method Telegram's intake calls, recorded."""

    def __init__(self) -> None:
        self.unreachable: list[ConversationKey] = []

    async def mark_unreachable(self, key: ConversationKey) -> None:
        self.unreachable.append(key)


class FailingDeduplicator(MemoryDeduplicator):
    """A deduplicator whose store is down while `failure` is set."""

    def __init__(self) -> None:
        super().__init__()
        self.failure: Exception | None = None

    async def first_seen(self, scope: str, event_id: str) -> bool:
        if self.failure is not None:
            raise self.failure
        return await super().first_seen(scope, event_id)
