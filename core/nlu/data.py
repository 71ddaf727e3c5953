"""What the understanding layer is trained on: example utterances and catalogue names."""

from dataclasses import dataclass

from core.intents import Intent


@dataclass(frozen=True, slots=True)
class IntentExample:
    """One utterance the bot should recognise as `intent`."""

    text: str
    intent: Intent
    locale: str


@dataclass(frozen=True, slots=True)
class CatalogTerm:
    """The names (Korean, English, nicknames) a shopper may use for one product."""

    product_id: str
    names: tuple[str, ...]
