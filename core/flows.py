"""What a flow receives, what it returns, and how a message finds its flow."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final, Protocol

from core.assist import GroundedAnswerer
from core.customers import Customer
from core.intents import Intent
from core.models import Effect, InboundMessage, Reply
from core.nlu.understanding import Understanding
from core.phrases import Phrasebook
from core.ports import CustomerDirectory, OrderBackend
from core.state import DialogState

INTENT_POSTBACK: Final = "intent:"


@dataclass(frozen=True, slots=True)
class Turn:
    """One shopper message with everything known about it."""

    message: InboundMessage
    understanding: Understanding
    state: DialogState
    customer: Customer | None
    now: datetime

    @property
    def locale(self) -> str:
        """Return the locale to answer in."""
        return self.state.locale

    @property
    def intent(self) -> Intent:
        """Return the understood intent."""
        return self.understanding.intent


@dataclass(frozen=True, slots=True)
class Decision:
    """A flow's answer: the reply, the next state and the effects the engine carries out.

    `tone` tells the voice what the shopper is going through ("delay", "apology"), so it can
    open with empathy; "apology" means the flow has already apologised itself.
    """

    reply: Reply
    state: DialogState
    effects: tuple[Effect, ...] = ()
    tone: str = ""


@dataclass(frozen=True, slots=True)
class FlowContext:
    """Read access for flows: flows never write through ports, they return effects.

    `answers` (a language model, when configured) may answer what the FAQ search missed.
    """

    orders: OrderBackend
    customers: CustomerDirectory
    phrases: Phrasebook
    answers: GroundedAnswerer | None = None


class Flow(Protocol):
    """A conversation about one family of intents, possibly over several turns."""

    name: str
    intents: frozenset[Intent]

    def expects(self, turn: Turn) -> bool:
        """Return True when `turn` answers the question this flow is waiting on."""
        ...

    async def handle(self, turn: Turn, ctx: FlowContext) -> Decision: ...


@dataclass(frozen=True, slots=True)
class FlowRouter:
    """Chooses the flow for a turn.

    An `intent:<label>` postback starts that intent's flow afresh. Otherwise an active flow
    keeps a turn that answers its question ("사이즈가 커요" as a return reason, though it reads
    like a product question) and any turn unless the shopper clearly asks for something else;
    with no active flow the intent decides, and a low-confidence intent goes to the fallback
    flow, which asks.
    """

    flows: Sequence[Flow]
    fallback: Flow
    low_confidence: float
    switch_confidence: float
    _by_name: dict[str, Flow] = field(init=False, repr=False)
    _by_intent: dict[Intent, Flow] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {f.name: f for f in (*self.flows, self.fallback)})
        object.__setattr__(self, "_by_intent", {i: f for f in self.flows for i in f.intents})

    def pick(self, turn: Turn) -> Flow:
        """Return the flow that should handle `turn`."""
        active = self._by_name.get(turn.state.flow or "")
        understood = turn.understanding
        wanted = self._by_intent.get(understood.intent, self.fallback)
        if turn.message.postback and turn.message.postback.startswith(INTENT_POSTBACK):
            return wanted
        if active is not None:
            if active.expects(turn):
                return active
            switching = (
                wanted is not active
                and wanted is not self.fallback
                and understood.confidence >= self.switch_confidence
            )
            return wanted if switching else active
        if understood.confidence < self.low_confidence:
            return self.fallback
        return wanted
