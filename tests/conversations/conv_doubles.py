"""In-memory doubles of our own ports, with a frozen clock."""

from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from conv_shop import NOW

from core.customers import Customer
from core.models import ConversationKey, ServiceRequest, TrackEvent
from core.orders import Order, Product, Wallet
from core.ports import TranscriptEntry
from core.state import DialogState


class FrozenClock:
    """A clock that only moves when told."""

    def __init__(self, now: datetime = NOW) -> None:
        self.current = now

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)


class MemoryDialogStore:
    """Dialog states in a dict, with the version check of the real stores."""

    def __init__(self) -> None:
        self.states: dict[ConversationKey, DialogState] = {}

    @asynccontextmanager
    async def lock(self, key: ConversationKey) -> AsyncIterator[None]:
        yield

    async def load(self, key: ConversationKey) -> DialogState:
        return self.states.get(key, DialogState())

    async def save(self, key: ConversationKey, state: DialogState) -> DialogState:
        stored = self.states.get(key, DialogState())
        assert stored.version == state.version, "stale state"
        saved = state.evolve(version=state.version + 1)
        self.states[key] = saved
        return saved

    async def ping(self) -> None:
        return None


@dataclass
class ShopDouble:
    """The order backend: orders, catalog and wallets in dicts; requests are collected."""

    orders: dict[str, Order]
    catalog: list[Product]
    wallets: dict[str, Wallet]
    submitted: list[ServiceRequest] = field(default_factory=list)

    async def get_order(self, order_no: str) -> Order | None:
        return self.orders.get(order_no)

    async def orders_of(self, customer_id: str, limit: int = 5) -> list[Order]:
        mine = [o for o in self.orders.values() if o.customer_id == customer_id]
        return sorted(mine, key=lambda o: o.ordered_at, reverse=True)[:limit]

    async def products(self) -> list[Product]:
        return list(self.catalog)

    async def wallet(self, customer_id: str) -> Wallet:
        return self.wallets.get(customer_id, Wallet(0, 0, None))

    async def submit(self, request: ServiceRequest) -> None:
        self.submitted.append(request)


@dataclass
class DirectoryDouble:
    """Customers and linked channel identities."""

    customers: dict[str, Customer]
    links: dict[ConversationKey, str] = field(default_factory=dict)
    consent: list[tuple[ConversationKey, bool]] = field(default_factory=list)
    unreachable: list[ConversationKey] = field(default_factory=list)

    async def get(self, customer_id: str) -> Customer | None:
        return self.customers.get(customer_id)

    async def by_identity(self, key: ConversationKey) -> Customer | None:
        customer_id = self.links.get(key)
        return self.customers.get(customer_id) if customer_id else None

    async def link(self, key: ConversationKey, customer_id: str) -> None:
        self.links[key] = customer_id

    async def unlink(self, key: ConversationKey) -> None:
        self.links.pop(key, None)

    async def set_marketing_consent(self, key: ConversationKey, granted: bool) -> None:
        self.consent.append((key, granted))

    async def mark_unreachable(self, key: ConversationKey) -> None:
        self.unreachable.append(key)


@dataclass
class EscalationDouble:
    """Tickets opened for people."""

    tickets: list[dict[str, str | None]] = field(default_factory=list)

    async def open(
        self, key: ConversationKey, *, reason: str, summary: str, customer_id: str | None
    ) -> str:
        self.tickets.append({"reason": reason, "summary": summary, "customer_id": customer_id})
        return f"T-{len(self.tickets)}"


@dataclass
class TranscriptDouble:
    """Messages and analytics events."""

    messages: list[dict[str, object]] = field(default_factory=list)
    events: list[tuple[str, Mapping[str, str]]] = field(default_factory=list)

    async def record_turn(
        self,
        key: ConversationKey,
        messages: Sequence[TranscriptEntry],
        events: Sequence[TrackEvent] = (),
        *,
        at: datetime,
    ) -> None:
        for m in messages:
            self.messages.append({"direction": m.direction, "text": m.text, "intent": m.intent})
        for event in events:
            await self.record_event(key, event.name, event.data, at)

    async def record_event(
        self, key: ConversationKey, name: str, data: Mapping[str, str], at: datetime
    ) -> None:
        self.events.append((name, dict(data)))

    async def last_inbound_at(self, key: ConversationKey) -> datetime | None:
        return None
