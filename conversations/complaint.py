"""Complaints: apologise first, acknowledge, record, and offer a person."""

from conversations.handoff import answer_time, escalation_summary
from conversations.ownership import order_no_in
from conversations.speech import Speech, choice, say
from core.flows import Decision, FlowContext, Turn
from core.intents import Intent
from core.models import Escalate, TrackEvent


class ComplaintFlow:
    """Apologises, records the complaint and offers to bring in a person."""

    name = "complaint"
    intents = frozenset({Intent.COMPLAINT})

    def expects(self, turn: Turn) -> bool:
        """Return True when the message answers the offer of a person (yes or no)."""
        return turn.state.step == "offer" and choice(turn, "complaint") is not None

    async def handle(self, turn: Turn, ctx: FlowContext) -> Decision:
        """Apologise and offer a person; a yes brings one in, a no gets a kind close."""
        speech = Speech.of(turn, ctx)
        if turn.state.flow == self.name and turn.state.step == "offer":
            picked = choice(turn, "complaint")
            if picked == "no":
                return say(turn.state.leave(), [speech("complaint.declined")], speech.menu())
            if picked == "yes":
                return self._person(turn, speech)
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

    @staticmethod
    def _person(turn: Turn, speech: Speech) -> Decision:
        reason = Intent.COMPLAINT.value
        effect = Escalate(reason=reason, summary=escalation_summary(turn, reason))
        texts = [speech("handoff.recorded"), answer_time(speech, turn.now)]
        return say(turn.state.leave(), texts, effects=[effect], tone="apology")
