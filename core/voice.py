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

    def finish(self, decision: Decision, turn: Turn) -> Reply:
        """Return the decision's reply with the right opener in front."""
        opener = self._opener(decision, turn)
        reply = decision.reply
        if not opener or not reply.parts:
            return reply
        first = reply.parts[0]
        if isinstance(first, Text):
            parts = (Text(f"{opener} {first.text}"), *reply.parts[1:])
        else:
            parts = (Text(opener), *reply.parts)
        return Reply(parts=parts, quick_replies=reply.quick_replies)

    def _opener(self, decision: Decision, turn: Turn) -> str:
        if decision.tone == "apology":
            return ""
        name = turn.customer.name if turn.customer else ""
        if turn.understanding.sentiment.frustrated:
            return self.phrases.say(turn.locale, "voice.frustrated", name=name)
        if decision.tone == "delay":
            return self.phrases.say(turn.locale, "voice.delay", name=name)
        vip = turn.customer is not None and turn.customer.segment is Segment.VIP
        if vip and turn.state.turns == 0:
            return self.phrases.say(turn.locale, "voice.vip", name=name)
        return ""
