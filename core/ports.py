"""The ports the core reaches the outside world through; adapters implement them."""

from collections.abc import Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from core.customers import Customer
from core.models import ConversationKey, ServiceRequest, TrackEvent
from core.nlu.understanding import Understanding
from core.orders import Order, Product, Wallet
from core.state import DialogState


class Clock(Protocol):
    """Tells the time (tz-aware)."""

    def now(self) -> datetime: ...


class DialogStore(Protocol):
    """Keeps dialog state per conversation, with a lock and a version check."""

    def lock(self, key: ConversationKey) -> AbstractAsyncContextManager[None]: ...

    async def load(self, key: ConversationKey) -> DialogState: ...

    async def save(self, key: ConversationKey, state: DialogState) -> DialogState:
        """Store `state` if the stored version equals `state.version`; return it bumped.

        Raises StaleState when another writer saved first.
        """
        ...

    async def ping(self) -> None: ...


class Deduplicator(Protocol):
    """Remembers which inbound events were already accepted."""

    async def first_seen(self, scope: str, event_id: str) -> bool: ...

    async def forget(self, scope: str, event_id: str) -> None: ...


class OrderBackend(Protocol):
    """The shop's order system: reads for flows, `submit` for the engine."""

    async def get_order(self, order_no: str) -> Order | None: ...

    async def orders_of(self, customer_id: str, limit: int = 5) -> list[Order]: ...

    async def products(self) -> list[Product]: ...

    async def wallet(self, customer_id: str) -> Wallet: ...

    async def submit(self, request: ServiceRequest) -> None: ...


class CustomerDirectory(Protocol):
    """Customers and the channel identities linked to them."""

    async def get(self, customer_id: str) -> Customer | None: ...

    async def by_identity(self, key: ConversationKey) -> Customer | None: ...

    async def link(self, key: ConversationKey, customer_id: str) -> None: ...

    async def unlink(self, key: ConversationKey) -> None: ...

    async def set_marketing_consent(self, key: ConversationKey, granted: bool) -> None: ...

    async def mark_unreachable(self, key: ConversationKey) -> None:
        """Remember that the shopper blocked the bot on that channel."""
        ...


class Escalation(Protocol):
    """Where conversations go when a person should answer."""

    async def open(
        self, key: ConversationKey, *, reason: str, summary: str, customer_id: str | None
    ) -> str:
        """Open a ticket and return its id."""
        ...


class LanguageUnderstanding(Protocol):
    """Turns a message's text into intent, entities and sentiment."""

    def understand(self, text: str, *, today: date | None = None) -> Understanding: ...


@dataclass(frozen=True, slots=True)
class TranscriptEntry:
    """One message as recorded: `direction` is "in" (from the shopper) or "out"."""

    direction: str
    text: str
    at: datetime
    intent: str | None = None
    confidence: float | None = None


class Transcript(Protocol):
    """The record of what was said and what happened, for agents and analytics."""

    async def record_turn(
        self,
        key: ConversationKey,
        messages: Sequence[TranscriptEntry],
        events: Sequence[TrackEvent] = (),
        *,
        at: datetime,
    ) -> None:
        """Store one turn's messages and analytics events (at `at`) together."""
        ...

    async def record_event(
        self, key: ConversationKey, name: str, data: Mapping[str, str], at: datetime
    ) -> None: ...

    async def last_inbound_at(self, key: ConversationKey) -> datetime | None:
        """Return when the shopper last wrote on that channel (platform messaging windows)."""
        ...
