"""Greetings and thanks: a warm word and the menu."""

from conversations.speech import OneShot, Speech, say
from core.flows import Decision, FlowContext, Turn
from core.intents import Intent


class SmallTalkFlow(OneShot):
    """Greets with the menu and closes warmly on thanks."""

    name = "smalltalk"
    intents = frozenset({Intent.GREETING, Intent.THANKS})

    async def handle(self, turn: Turn, ctx: FlowContext) -> Decision:
        """Say hello or you're welcome, then show the menu."""
        speech = Speech.of(turn, ctx)
        if turn.intent is Intent.THANKS:
            texts = [speech("smalltalk.thanks"), speech("smalltalk.more")]
        elif turn.customer is not None:
            texts = [speech("smalltalk.hello_name", name=turn.customer.name)]
        else:
            texts = [speech("smalltalk.hello")]
        return say(turn.state.leave(), texts, speech.menu())
