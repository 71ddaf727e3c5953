"""When the bot is unsure: FAQ first, then "did you mean…?", then the menu and a person."""

from dataclasses import replace

from conversations.faq import FaqIndex
from conversations.ownership import ORDER_POSTBACK, order_no_in
from conversations.speech import Speech, say
from core.flows import INTENT_POSTBACK, Decision, Flow, FlowContext, Turn
from core.intents import Intent
from core.models import TrackEvent

PLAUSIBLE = 0.15
"""An alternative intent at least this likely is worth asking about."""
MISSES_BEFORE_PERSON = 2
_ASK_LIMIT = 3
_NOT_ASKED = frozenset({Intent.OTHER, Intent.GREETING, Intent.THANKS})


class FallbackFlow:
    """Answers from the FAQ, asks about plausible intents, or shows the menu.

    A message that is only an order number (with its proof) goes to `orders`.
    """

    name = "fallback"
    intents = frozenset({Intent.OTHER})

    def __init__(self, faq: FaqIndex, orders: Flow) -> None:
        self._faq = faq
        self._orders = orders

    async def handle(self, turn: Turn, ctx: FlowContext) -> Decision:
        """Find the best thing to say when no flow is sure; count the misses."""
        speech = Speech.of(turn, ctx)
        state = turn.state.leave()
        if turn.message.postback == "menu:claims":
            quick = [
                speech.start(Intent.CANCEL_ORDER),
                speech.start(Intent.RETURN_REQUEST),
                speech.start(Intent.EXCHANGE_REQUEST),
            ]
            return say(state.evolve(misses=0), [speech("fallback.claims")], quick)
        if order_no_in(turn) or (turn.message.postback or "").startswith(ORDER_POSTBACK):
            decision = await self._orders.handle(turn, ctx)
            return replace(decision, state=decision.state.evolve(misses=0))
        hit = self._faq.best(turn.locale, turn.message.text) if turn.message.text else None
        if hit is not None:
            faq_id, _ = hit
            texts = [speech(f"faq.{faq_id}"), speech("fallback.faq_more")]
            return say(state.evolve(misses=0), texts, speech.menu())
        misses = turn.state.misses + 1
        missed = TrackEvent("bot_missed", {"misses": str(misses), "text": turn.message.text[:200]})
        state = state.evolve(misses=misses)
        guesses = _guesses(turn)
        asks = [speech.start(intent) for intent in guesses]
        if misses >= MISSES_BEFORE_PERSON:
            quick = [speech.start(Intent.HUMAN_AGENT), *(asks or speech.menu()[:-1])]
            return say(state, [speech("fallback.person")], quick, [missed])
        if guesses:
            text = speech("fallback.did_you_mean", topic=speech(f"topic.{guesses[0].value}"))
            quick = [*asks, speech.quick("something_else", INTENT_POSTBACK + Intent.GREETING)]
            return say(state, [text], quick, [missed])
        return say(state, [speech("fallback.menu")], speech.menu(), [missed])


def _guesses(turn: Turn) -> list[Intent]:
    understood = turn.understanding
    ranked = [(understood.intent, understood.confidence), *understood.alternatives]
    seen: list[Intent] = []
    for intent, score in ranked:
        if score >= PLAUSIBLE and intent not in _NOT_ASKED and intent not in seen:
            seen.append(intent)
    return seen[:_ASK_LIMIT]
