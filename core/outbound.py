"""Replies on their way out through channels that push (Telegram, Instagram…)."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from core.errors import DangolError
from core.models import Channel, ConversationKey, Reply


class Author(StrEnum):
    """Who wrote an outbound message; platform windows treat them differently."""

    BOT = "bot"
    AGENT = "agent"


@dataclass(frozen=True, slots=True)
class Delivery:
    """One outbound message. `delivery_id` is its idempotency key: sent at most once."""

    delivery_id: str
    key: ConversationKey
    reply: Reply
    author: Author
    created_at: datetime


class SendError(DangolError):
    """A platform refused or failed a send."""


class TransientSendError(SendError):
    """Worth retrying later (429, 5xx, timeouts); `retry_after` seconds when the platform says."""

    def __init__(self, reason: str, *, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


class PermanentSendError(SendError):
    """Never worth retrying: blocked bot, unknown user, outside the messaging window."""


class Sender(Protocol):
    """Delivers replies on one channel."""

    channel: Channel

    async def send(self, delivery: Delivery) -> None:
        """Deliver or raise TransientSendError / PermanentSendError."""
        ...


class Outbox(Protocol):
    """Records deliveries durably, then hands them to the worker."""

    async def enqueue(self, delivery: Delivery) -> bool:
        """Record and schedule `delivery`; return False if that id was already recorded."""
        ...
