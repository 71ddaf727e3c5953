"""The bot's own training utterances, shipped as text files under conversations/content."""

from collections.abc import Sequence
from importlib.resources import files
from importlib.resources.abc import Traversable

from core.intents import Intent
from core.nlu.data import IntentExample

LOCALES = ("ko", "en")
CALM_INTENTS = frozenset(
    {
        Intent.GREETING,
        Intent.THANKS,
        Intent.ORDER_STATUS,
        Intent.DELIVERY_TRACKING,
        Intent.PRODUCT_INQUIRY,
        Intent.COUPON_OR_POINTS,
        Intent.MEMBERSHIP_ACCOUNT,
        Intent.REFUND_STATUS,
        Intent.CHANGE_ORDER,
        Intent.OPT_OUT,
    }
)
"""Intents whose examples read as calm requests: the sentiment model learns them as calm."""


def _content() -> Traversable:
    return files("conversations") / "content"


def _lines(resource: Traversable) -> list[str]:
    """Non-empty lines that are not `#` comments."""
    lines = (line.strip() for line in resource.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def load_intent_examples() -> list[IntentExample]:
    """Every example utterance of every intent in every locale."""
    examples: list[IntentExample] = []
    for locale in LOCALES:
        folder = _content() / locale / "examples"
        for intent in Intent:
            lines = _lines(folder / f"{intent.value}.txt")
            examples.extend(IntentExample(line, intent, locale) for line in lines)
    return examples


def load_sentiment_examples(
    intent_examples: Sequence[IntentExample] | None = None,
) -> list[tuple[str, bool]]:
    """(text, frustrated) pairs in every locale: the sentiment files, plus the intent
    examples of calm intents as calm and of complaints as frustrated."""
    pairs: list[tuple[str, bool]] = []
    for locale in LOCALES:
        folder = _content() / locale / "sentiment"
        pairs.extend((line, True) for line in _lines(folder / "frustrated.txt"))
        pairs.extend((line, False) for line in _lines(folder / "calm.txt"))
    for example in load_intent_examples() if intent_examples is None else intent_examples:
        if example.intent in CALM_INTENTS:
            pairs.append((example.text, False))
        elif example.intent is Intent.COMPLAINT:
            pairs.append((example.text, True))
    return pairs
