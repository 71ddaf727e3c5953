"""Doubles at our own ports, and shared values, for the Instagram adapter tests."""

import asyncio
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from core.models import Channel, ConversationKey, InboundMessage, Reply, Text
from core.outbound import Delivery

PAYLOADS = Path(__file__).parents[2] / "payloads" / "instagram"
NOW = datetime(2024, 6, 10, 9, 0, tzinfo=UTC)
SHOPPER = ConversationKey(Channel.INSTAGRAM, "6543210987654321")


def payload_names() -> list[str]:
    """Return the name of every Instagram payload file."""
    return sorted(path.stem for path in PAYLOADS.glob("*.json"))


def load_payload(name: str) -> dict[str, Any]:
    """Return a fresh copy of `tests/payloads/instagram/<name>.json`."""
    return cast(dict[str, Any], json.loads((PAYLOADS / f"{name}.json").read_text()))


class EchoEngine:
    """Stands in for the conversation engine: records messages and answers their text."""

    def __init__(self) -> None:
        self.handled: list[InboundMessage] = []
        self.failure: Exception | None = None

    async def handle(self, message: InboundMessage) -> Reply:
        await asyncio.sleep(0)  # let concurrent requests interleave
        if self.failure is not None:
            raise self.failure
        self.handled.append(message)
        return Reply(parts=(Text(f"echo {message.text}"),))


class RecordingOutbox:
    """An `Outbox` that records every enqueue call (duplicates included)."""

    def __init__(self) -> None:
        self.calls: list[Delivery] = []
        self.failure: Exception | None = None

    async def enqueue(self, delivery: Delivery) -> bool:
        if self.failure is not None:
            raise self.failure
        first = all(d.delivery_id != delivery.delivery_id for d in self.calls)
        self.calls.append(delivery)
        return first


class RecordingTranscript:
    """A `Transcript` that records events and answers `last_inbound_at` from a dict."""

    def __init__(self) -> None:
        self.events: list[tuple[ConversationKey, str, Mapping[str, str], datetime]] = []
        self.last_inbound: dict[ConversationKey, datetime] = {}
        self.failure: Exception | None = None

    async def record_turn(self, key: ConversationKey, *_: object, **__: object) -> None:
        raise AssertionError("the adapter never records messages itself")

    async def record_event(
        self, key: ConversationKey, name: str, data: Mapping[str, str], at: datetime
    ) -> None:
        if self.failure is not None:
            raise self.failure
        self.events.append((key, name, dict(data), at))

    async def last_inbound_at(self, key: ConversationKey) -> datetime | None:
        return self.last_inbound.get(key)
