"""Doubles at our own ports and small helpers shared by the outbox tests."""

import asyncio
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from adapters.outbox.table import OutboxRow
from adapters.sql import Sessions
from core.models import Channel, ConversationKey, QuickReply, Reply, Text
from core.outbound import Author, Delivery, SendError

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def delivery(
    delivery_id: str = "d-1", *, channel: Channel = Channel.TELEGRAM, user_id: str = "42"
) -> Delivery:
    reply = Reply((Text(f"안녕하세요 {delivery_id}"),), (QuickReply("주문 조회", "order"),))
    return Delivery(delivery_id, ConversationKey(channel, user_id), reply, Author.BOT, T0)


class RecordingSender:
    """A Sender that records what it delivered; raises queued errors, then `always`."""

    def __init__(self, channel: Channel = Channel.TELEGRAM, *, delay_s: float = 0.0) -> None:
        self.channel = channel
        self.sent: list[Delivery] = []
        self.calls = 0
        self.errors: deque[Exception] = deque()
        self.always: SendError | None = None
        self.gate: asyncio.Event | None = None
        self._delay_s = delay_s

    async def send(self, delivery: Delivery) -> None:
        self.calls += 1
        if self._delay_s:
            await asyncio.sleep(self._delay_s)
        if self.gate is not None:
            await self.gate.wait()
        if self.errors:
            raise self.errors.popleft()
        if self.always is not None:
            raise self.always
        self.sent.append(delivery)

    def ids(self) -> list[str]:
        return [d.delivery_id for d in self.sent]


class Clock:
    """A settable clock for the dispatcher's `now`."""

    def __init__(self, at: datetime = T0) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at

    def advance(self, seconds: float) -> None:
        self.at += timedelta(seconds=seconds)


async def row(sessions: Sessions, delivery_id: str) -> OutboxRow:
    async with sessions() as session:
        return (
            await session.scalars(select(OutboxRow).where(OutboxRow.delivery_id == delivery_id))
        ).one()


async def eventually(condition: Callable[[], bool], timeout_s: float = 5.0) -> None:
    """Wait until `condition()` is true, polling every 20 ms."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout_s
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)
