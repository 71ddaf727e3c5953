"""An engine built from doubles at our ports, and Kakao payload loading."""

import asyncio
import json
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from adapters.memory import MemoryDeduplicator, MemoryDialogStore
from core.customers import Customer
from core.engine import ConversationEngine
from core.flows import Decision, FlowContext, FlowRouter, Turn
from core.inbox import Inbox
from core.intents import Intent
from core.models import ConversationKey, QuickReply, Reply, ServiceRequest, Text, TrackEvent
from core.nlu.understanding import Understanding
from core.orders import Order, Product, Wallet
from core.phrases import Phrasebook
from core.ports import TranscriptEntry
from core.voice import Voice

PAYLOADS = Path(__file__).parents[2] / "payloads" / "kakao"
NOW = datetime(2025, 3, 14, 10, 30, tzinfo=UTC)

PayloadLoader = Callable[[str], dict[str, Any]]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "payload_name" in metafunc.fixturenames:
        names = sorted(path.stem for path in PAYLOADS.glob("*.json"))
        metafunc.parametrize("payload_name", names)


class EchoFlow:
    """Answers every message with its text and one quick reply, after `delay` seconds."""

    name = "echo"
    intents = frozenset({Intent.OTHER})

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.seen: list[str] = []

    async def handle(self, turn: Turn, ctx: FlowContext) -> Decision:
        await asyncio.sleep(self.delay)
        self.seen.append(turn.message.text)
        reply = Reply(
            parts=(Text(f"답변: {turn.message.text}"),),
            quick_replies=(QuickReply("주문 조회", "intent:order_status"),),
        )
        return Decision(reply=reply, state=turn.state)


class FixedUnderstanding:
    def understand(self, text: str, *, today: date | None = None) -> Understanding:
        return Understanding(intent=Intent.OTHER, confidence=1.0)


class NoOrders:
    async def get_order(self, order_no: str) -> Order | None:
        return None

    async def orders_of(self, customer_id: str, limit: int = 5) -> list[Order]:
        return []

    async def products(self) -> list[Product]:
        return []

    async def wallet(self, customer_id: str) -> Wallet:
        raise LookupError(customer_id)

    async def submit(self, request: ServiceRequest) -> None:
        raise AssertionError("no flow here submits requests")


class NoCustomers:
    async def get(self, customer_id: str) -> Customer | None:
        return None

    async def by_identity(self, key: ConversationKey) -> Customer | None:
        return None

    async def link(self, key: ConversationKey, customer_id: str) -> None: ...

    async def unlink(self, key: ConversationKey) -> None: ...

    async def set_marketing_consent(self, key: ConversationKey, granted: bool) -> None: ...


class NoEscalation:
    async def open(
        self, key: ConversationKey, *, reason: str, summary: str, customer_id: str | None
    ) -> str:
        raise AssertionError("no flow here escalates")


class RecordingTranscript:
    def __init__(self) -> None:
        self.messages: list[tuple[ConversationKey, str, str]] = []

    async def record_turn(
        self,
        key: ConversationKey,
        messages: Sequence[TranscriptEntry],
        events: Sequence[TrackEvent] = (),
        *,
        at: datetime,
    ) -> None:
        self.messages.extend((key, m.direction, m.text) for m in messages)

    async def record_event(
        self, key: ConversationKey, name: str, data: Mapping[str, str], at: datetime
    ) -> None: ...


class FrozenClock:
    def now(self) -> datetime:
        return NOW


@pytest.fixture
def payload() -> PayloadLoader:
    """Return a loader of fresh copies of `tests/payloads/kakao/<name>.json`."""

    def load(name: str) -> dict[str, Any]:
        return json.loads((PAYLOADS / f"{name}.json").read_text(encoding="utf-8"))

    return load


@pytest.fixture
def echo() -> EchoFlow:
    return EchoFlow()


@pytest.fixture
def transcript() -> RecordingTranscript:
    return RecordingTranscript()


@pytest.fixture
def inbox(echo: EchoFlow, transcript: RecordingTranscript) -> Inbox:
    """An inbox over a real engine whose ports are doubles and whose only flow is `echo`."""
    engine = ConversationEngine(
        store=MemoryDialogStore(),
        understanding=FixedUnderstanding(),
        router=FlowRouter(flows=(), fallback=echo, low_confidence=0.5, switch_confidence=0.8),
        orders=NoOrders(),
        customers=NoCustomers(),
        escalation=NoEscalation(),
        transcript=transcript,
        voice=Voice(Phrasebook({})),
        clock=FrozenClock(),
    )
    return Inbox(dedup=MemoryDeduplicator(), engine=engine)
