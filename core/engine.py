"""The conversation engine: the one entry point every channel adapter calls."""

import time
from dataclasses import dataclass
from typing import Final

from core.assist import GroundedAnswerer, IntentSecondOpinion
from core.customers import Customer
from core.flows import INTENT_POSTBACK, Decision, FlowContext, FlowRouter, Turn
from core.intents import Intent
from core.models import (
    Effect,
    Escalate,
    InboundMessage,
    LinkIdentity,
    Reply,
    SetMarketingConsent,
    SubmitRequest,
    Text,
    TrackEvent,
)
from core.nlu.understanding import Understanding
from core.ports import (
    Clock,
    CustomerDirectory,
    DialogStore,
    Escalation,
    LanguageUnderstanding,
    OrderBackend,
    Transcript,
    TranscriptEntry,
)
from core.privacy import redactor_for
from core.state import DialogState
from core.voice import Voice


@dataclass(frozen=True, slots=True, kw_only=True)
class ConversationEngine:
    """Answers one inbound message: lock, load, understand, route, act, save, record.

    With a language model, `second_opinion` reviews unsure intents and `answers` helps the
    fallback; both share one time budget per turn.
    """

    store: DialogStore
    understanding: LanguageUnderstanding
    router: FlowRouter
    orders: OrderBackend
    customers: CustomerDirectory
    escalation: Escalation
    transcript: Transcript
    voice: Voice
    clock: Clock
    second_opinion: IntentSecondOpinion | None = None
    answers: GroundedAnswerer | None = None

    async def handle(self, message: InboundMessage) -> Reply:
        """Return the bot's reply to `message`, having saved state and recorded the turn."""
        async with self.store.lock(message.key):
            state = await self.store.load(message.key)
            customer = await self.customers.by_identity(message.key)
            started = time.monotonic()
            understood = await self._understand(message, state, customer)
            state = self._prepare(state, message, understood, customer)
            now = self.clock.now()
            turn = Turn(message, understood, state, customer, now)
            if message.supported:
                flow = self.router.pick(turn)
                decision = await flow.handle(turn, self._context(time.monotonic() - started))
                misses = decision.state.misses if flow is self.router.fallback else 0
            else:
                decision = self._unsupported(turn)
                misses = state.misses
            reply, soothed = self.voice.finish(decision, turn)
            next_state = await self._apply(message, decision.effects, decision.state)
            events = [e for e in decision.effects if isinstance(e, TrackEvent)]
            next_state = next_state.evolve(
                misses=misses,
                turns=state.turns + 1,
                last_intent=understood.intent.value,
                soothed_turn=state.turns if soothed else state.soothed_turn,
            )
            await self.store.save(message.key, next_state)
        await self._record(message, understood, reply, turn, events)
        return reply

    def _context(self, spent_s: float) -> FlowContext:
        return FlowContext(
            orders=self.orders,
            customers=self.customers,
            phrases=self.voice.phrases,
            answers=self.answers.after(spent_s) if self.answers else None,
        )

    async def _understand(
        self, message: InboundMessage, state: DialogState, customer: Customer | None
    ) -> Understanding:
        postback = message.postback or ""
        understood = self.understanding.understand(message.text, today=self.clock.now().date())
        if postback.startswith(INTENT_POSTBACK):
            label = postback.removeprefix(INTENT_POSTBACK)
            if label in Intent.__members__.values():
                return Understanding(
                    intent=Intent(label),
                    confidence=1.0,
                    entities=understood.entities,
                    sentiment=understood.sentiment,
                    locale=understood.locale,
                )
        opinion = self.second_opinion
        if opinion is None or not opinion.wanted(understood, message, state):
            return understood
        redactor = await redactor_for(self.orders, state, customer, [message.text])
        return await opinion.review(message.text, understood, redactor)

    @staticmethod
    def _prepare(
        state: DialogState,
        message: InboundMessage,
        understood: Understanding,
        customer: Customer | None,
    ) -> DialogState:
        if _speaks(state, message, understood):
            state = state.evolve(locale=understood.locale)
        customer_id = customer.customer_id if customer else None
        if state.customer_id and customer_id is None:
            # Unlinked since the last turn: what was proven here must be proven again.
            state = state.evolve(customer_id=None, verified_orders=())
        elif state.customer_id != customer_id:
            state = state.evolve(customer_id=customer_id)
        if (message.postback or "").startswith(INTENT_POSTBACK):
            state = state.leave()
        return state

    def _unsupported(self, turn: Turn) -> Decision:
        text = self.voice.phrases.say(turn.locale, "unsupported")
        return Decision(reply=Reply(parts=(Text(text),)), state=turn.state)

    async def _apply(
        self, message: InboundMessage, effects: tuple[Effect, ...], state: DialogState
    ) -> DialogState:
        key = message.key
        for effect in effects:
            if isinstance(effect, Escalate):
                ticket = await self.escalation.open(
                    key,
                    reason=effect.reason,
                    summary=effect.summary,
                    customer_id=state.customer_id,
                )
                state = state.evolve(ticket_id=ticket)
            elif isinstance(effect, LinkIdentity):
                await self.customers.link(key, effect.customer_id)
                state = state.evolve(customer_id=effect.customer_id)
            elif isinstance(effect, SubmitRequest):
                await self.orders.submit(effect.request)
            elif isinstance(effect, SetMarketingConsent):
                await self.customers.set_marketing_consent(key, effect.granted)
        return state

    async def _record(
        self,
        message: InboundMessage,
        understood: Understanding,
        reply: Reply,
        turn: Turn,
        events: list[TrackEvent],
    ) -> None:
        said = TranscriptEntry(
            direction="in",
            text=message.text or message.postback or "",
            at=message.received_at,
            intent=understood.intent.value,
            confidence=understood.confidence,
        )
        answered = (
            [TranscriptEntry("out", reply.plain_text(), turn.now)] if not reply.empty else []
        )
        await self.transcript.record_turn(message.key, [said, *answered], events, at=turn.now)


_LANGUAGE_SURE: Final = 0.5


def _speaks(state: DialogState, message: InboundMessage, understood: Understanding) -> bool:
    # The first message sets the language; later, a word like "ok" or a stray "asdf qwer"
    # in another script does not switch it, a real sentence does.
    if not any(ch.isalpha() for ch in message.text) or understood.locale == state.locale:
        return False
    if state.turns == 0:
        return True
    words = len(message.text.split())
    request = understood.intent is not Intent.OTHER and understood.confidence >= _LANGUAGE_SURE
    return words >= 4 or (words >= 2 and request)
