"""The reply voice: empathy openers chosen by frustration, delay and segment."""

from dataclasses import dataclass

from core.customers import Segment
from core.flows import Decision, Turn
from core.models import Reply, Text
from core.phrases import Phrasebook


@dataclass(frozen=True, slots=True)
class Voice:
    """Opens a reply with empathy when the shopper needs it, and greets VIPs by name."""

    phrases: Phrasebook

    def finish(self, decision: Decision, turn: Turn) -> tuple[Reply, bool]:
        """Return the decision's reply with the right opener in front, and whether it soothes.

        An apology is not repeated on the turn right after one.
        """
        soothing = self._soothing(decision, turn)
        opener = soothing or self._greeting(turn)
        reply = decision.reply
        if not opener or not reply.parts:
            return reply, False
        first = reply.parts[0]
        if isinstance(first, Text):
            parts = (Text(f"{opener} {first.text}"), *reply.parts[1:])
        else:
            parts = (Text(opener), *reply.parts)
        return Reply(parts=parts, quick_replies=reply.quick_replies), bool(soothing)

    def _soothing(self, decision: Decision, turn: Turn) -> str:
        soothed = turn.state.soothed_turn
        just_soothed = soothed is not None and soothed == turn.state.turns - 1
        if decision.tone == "apology" or just_soothed:
            return ""
        name = turn.customer.name if turn.customer else ""
        if turn.understanding.sentiment.frustrated:
            return self.phrases.say(turn.locale, "voice.frustrated", name=name)
        if decision.tone == "delay":
            return self.phrases.say(turn.locale, "voice.delay", name=name)
        return ""

    def _greeting(self, turn: Turn) -> str:
        customer = turn.customer
        if customer is None or customer.segment is not Segment.VIP or turn.state.turns:
            return ""
        return self.phrases.say(turn.locale, "voice.vip", name=customer.name)
