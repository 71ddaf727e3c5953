"""Opting out of advertising messages, while order and delivery notices still come."""

from conversations.speech import OneShot, Speech, say
from core.flows import Decision, FlowContext, Turn
from core.intents import Intent
from core.models import SetMarketingConsent


class OptOutFlow(OneShot):
    """Turns off marketing messages and says how to turn them back on."""

    name = "opt_out"
    intents = frozenset({Intent.OPT_OUT})

    async def handle(self, turn: Turn, ctx: FlowContext) -> Decision:
        """Record the opt-out and confirm it."""
        speech = Speech.of(turn, ctx)
        texts = [speech("opt_out.done"), speech("opt_out.transactional"), speech("opt_out.back")]
        effects = [SetMarketingConsent(False)]
        return say(turn.state.leave(), texts, speech.menu(), effects)
