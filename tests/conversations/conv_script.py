"""ConversationScript: drive the real engine message by message and inspect what happened."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from conv_doubles import (
    DirectoryDouble,
    EscalationDouble,
    FrozenClock,
    MemoryDialogStore,
    ShopDouble,
    TranscriptDouble,
)
from conv_shop import MINJI, PRODUCTS, SEOJUN, VIP, orders, wallets

from conversations import build_router, load_phrasebook
from core.engine import ConversationEngine
from core.models import Attachment, Channel, ConversationKey, InboundMessage, Reply
from core.nlu import CatalogTerm, Understander
from core.state import DialogState
from core.voice import Voice

CATALOG_TERMS = tuple(
    CatalogTerm(product.product_id, (product.name, product.name_en)) for product in PRODUCTS
)


@dataclass
class World:
    """The doubles behind one engine; every test gets a fresh world."""

    understander: Understander
    clock: FrozenClock = field(default_factory=FrozenClock)
    store: MemoryDialogStore = field(default_factory=MemoryDialogStore)
    shop: ShopDouble = field(default_factory=lambda: ShopDouble(orders(), PRODUCTS, wallets()))
    directory: DirectoryDouble = field(
        default_factory=lambda: DirectoryDouble({c.customer_id: c for c in (MINJI, SEOJUN, VIP)})
    )
    escalation: EscalationDouble = field(default_factory=EscalationDouble)
    transcript: TranscriptDouble = field(default_factory=TranscriptDouble)

    def engine(self) -> ConversationEngine:
        phrases = load_phrasebook()
        return ConversationEngine(
            store=self.store,
            understanding=self.understander,
            router=build_router(low_confidence=Understander.LOW_CONFIDENCE),
            orders=self.shop,
            customers=self.directory,
            escalation=self.escalation,
            transcript=self.transcript,
            voice=Voice(phrases),
            clock=self.clock,
        )

    def script(self, user: str = "u1", channel: Channel = Channel.KAKAO) -> "ConversationScript":
        """Return a script for one shopper on one channel."""
        return ConversationScript(self, ConversationKey(channel, user), self.engine())


@dataclass
class ConversationScript:
    """One shopper talking to the bot; keeps the last reply for assertions."""

    world: World
    key: ConversationKey
    engine: ConversationEngine
    last: Reply = field(default_factory=Reply)
    _count: int = 0

    async def say(
        self, text: str = "", *, postback: str | None = None, photos: Sequence[str] = ()
    ) -> Reply:
        """Send a message (text, a postback, photos) and return the bot's reply."""
        self._count += 1
        message = InboundMessage(
            key=self.key,
            received_at=self.world.clock.now(),
            text=text,
            postback=postback,
            attachments=tuple(Attachment("image", ref) for ref in photos),
            event_id=f"e{self._count}",
        )
        self.last = await self.engine.handle(message)
        return self.last

    async def tap(self, payload: str) -> Reply:
        """Tap a quick reply of the last answer by its payload."""
        assert payload in self.payloads, f"{payload!r} not offered: {self.payloads}"
        return await self.say(postback=payload)

    async def send(self, message: InboundMessage) -> Reply:
        """Send a hand-made message."""
        self.last = await self.engine.handle(message)
        return self.last

    @property
    def text(self) -> str:
        """The last reply's text."""
        return self.last.plain_text()

    @property
    def payloads(self) -> list[str]:
        """The last reply's quick-reply payloads."""
        return [quick.payload for quick in self.last.quick_replies]

    @property
    def labels(self) -> list[str]:
        """The last reply's quick-reply labels."""
        return [quick.label for quick in self.last.quick_replies]

    @property
    def state(self) -> DialogState:
        """The saved dialog state."""
        return self.world.store.states.get(self.key, DialogState())

    def link(self, customer_id: str) -> None:
        """Link this channel identity to a customer, as a returning shopper would be."""
        self.world.directory.links[self.key] = customer_id

    def now(self) -> datetime:
        """The frozen time."""
        return self.world.clock.now()
