"""When the bot is unsure: FAQ first, then "did you mean…?", then the menu and a person."""

import tomllib
from dataclasses import replace
from functools import cache
from importlib.resources import files

from conversations.faq import FaqIndex, grams
from conversations.ownership import ORDER_POSTBACK, order_no_in
from conversations.speech import OneShot, Speech, say
from core.assist import FaqAnswer, FaqEntry
from core.flows import INTENT_POSTBACK, Decision, Flow, FlowContext, Turn
from core.intents import Intent
from core.models import TrackEvent
from core.privacy import redactor_for

PLAUSIBLE = 0.15
"""An alternative intent at least this likely is worth asking about."""
MISSES_BEFORE_PERSON = 2
_ASK_LIMIT = 3
_NOT_ASKED = frozenset({Intent.OTHER, Intent.GREETING, Intent.THANKS})
_GROUNDING = 4
"""How many FAQ entries a language model may answer from."""


class FallbackFlow(OneShot):
    """Answers from the FAQ, asks about plausible intents, or shows the menu.

    A message that is only an order number (with its proof) goes to `orders`. When the FAQ
    search misses and a language model is configured, it may answer from the closest FAQ
    entries (the reply says which) or tell that a person should answer.
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
        grounded = await _grounded(turn, ctx)
        if grounded is not None and grounded.entry is not None:
            source = speech("fallback.llm_source", question=grounded.entry.questions[0])
            used = TrackEvent("faq_llm_answer", {"faq_id": grounded.entry.entry_id})
            return say(state.evolve(misses=0), [grounded.text, source], speech.menu(), [used])
        misses = turn.state.misses + 1
        missed = TrackEvent("bot_missed", {"misses": str(misses), "text": turn.message.text[:200]})
        state = state.evolve(misses=misses)
        guesses = _guesses(turn)
        asks = [speech.start(intent) for intent in guesses]
        if misses >= MISSES_BEFORE_PERSON or grounded is not None:
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


async def _grounded(turn: Turn, ctx: FlowContext) -> FaqAnswer | None:
    """Return the language model's answer from the FAQ entries closest to the message."""
    if ctx.answers is None:
        return None
    text = turn.message.text
    entries = _closest(turn.locale, text)
    if not entries:
        return None
    redactor = await redactor_for(ctx.orders, turn.state, turn.customer, [text])
    return await ctx.answers.answer(text, turn.locale, entries, redactor)


def _closest(locale: str, text: str) -> list[FaqEntry]:
    query = grams(text)
    scored = [(len(query & found), entry) for entry, found in _faq_entries(locale)]
    ranked = sorted((pair for pair in scored if pair[0]), key=lambda pair: -pair[0])
    return [entry for _, entry in ranked[:_GROUNDING]]


@cache
def _faq_entries(locale: str) -> tuple[tuple[FaqEntry, frozenset[str]], ...]:
    path = files("conversations") / "content" / locale / "faq.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    entries = (FaqEntry(faq_id, tuple(e["questions"]), e["answer"]) for faq_id, e in data.items())
    return tuple((e, grams(" ".join((*e.questions, e.answer)))) for e in entries)
