"""Complaints: apologise first, acknowledge, record, and offer a person."""

from conversations.ownership import order_no_in
from conversations.speech import Speech, choice, say
from core.flows import Decision, FlowContext, Turn
from core.intents import Intent
from core.models import TrackEvent


class ComplaintFlow:
    """Apologises, records the complaint and offers to bring in a person."""

    name = "complaint"
    intents = frozenset({Intent.COMPLAINT})

    async def handle(self, turn: Turn, ctx: FlowContext) -> Decision:
        """Apologise and offer a person; a shopper who declines gets a kind close."""
        speech = Speech.of(turn, ctx)
        if turn.state.flow == self.name and choice(turn, "complaint") == "no":
            return say(turn.state.leave(), [speech("complaint.declined")], speech.menu())
        state = turn.state
        event = TrackEvent(
            "complaint",
            {
                "locale": turn.locale,
                "frustrated": str(turn.understanding.sentiment.frustrated).lower(),
                "order_no": order_no_in(turn)
                or (state.verified_orders[-1] if state.verified_orders else ""),
                "customer_id": state.customer_id or "",
            },
        )
        texts = [speech("complaint.apology"), speech("complaint.offer")]
        quick = [speech.start(Intent.HUMAN_AGENT), speech.quick("no_thanks", "complaint:no")]
        waiting = state.leave().enter(self.name, "offer")
        return say(waiting, texts, quick, [event], tone="apology")
