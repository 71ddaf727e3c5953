"""Flows that answer one of a few topics: recognise the topic, or ask which one."""

from dataclasses import dataclass

from conversations.speech import Speech, choice, mentions, ordinal, say
from core.flows import Decision, Turn
from core.state import DialogState


@dataclass(frozen=True, slots=True)
class Topics:
    """Topic codes with the words that name them; `prefix` is the postback and copy prefix.

    A topic's quick-reply label is the copy key `<label_prefix><code>`; a tap sends
    `<prefix>:<code>`.
    """

    prefix: str
    label_prefix: str
    words: tuple[tuple[str, tuple[str, ...]], ...]

    def pick(self, turn: Turn) -> str | None:
        """Return the topic the shopper tapped or named, or None."""
        picked = choice(turn, self.prefix)
        if any(picked == code for code, _ in self.words):
            return picked
        for code, words in self.words:
            if mentions(turn.message.text, words):
                return code
        position = ordinal(turn.message.text) if turn.state.step == "topic" else None
        if position is not None and -len(self.words) <= position < len(self.words):
            return self.words[position][0]
        return None

    def expects(self, turn: Turn) -> bool:
        """Return True when the shopper answers the "which topic?" question."""
        return turn.state.step == "topic" and self.pick(turn) is not None

    def ask(self, speech: Speech, state: DialogState, flow: str, question_key: str) -> Decision:
        """Ask which topic, with one quick reply per topic, waiting in `flow`."""
        quick = [
            speech.quick(f"{self.label_prefix}{code}", f"{self.prefix}:{code}")
            for code, _ in self.words
        ]
        return say(state.enter(flow, "topic"), [speech(question_key)], quick)
