"""What the understanding layer tells the conversation about one message."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from core.intents import Intent


@dataclass(frozen=True, slots=True)
class Entities:
    """Facts pulled out of one message; every field is optional."""

    order_no: str | None = None
    tracking_no: str | None = None
    phone: str | None = None
    phone_last4: str | None = None
    amount: int | None = None
    date: date | None = None
    product_ids: tuple[str, ...] = ()
    color: str | None = None
    size: str | None = None

    def as_dict(self) -> dict[str, object]:
        """Return the non-empty entities as JSON-ready values."""
        out: dict[str, object] = {}
        for name in self.__slots__:
            value = getattr(self, name)
            if value in (None, ()):
                continue
            out[name] = value.isoformat() if isinstance(value, date) else value
        return out


@dataclass(frozen=True, slots=True)
class Sentiment:
    """How upset the shopper sounds: `score` in [0, 1], `frustrated` past the threshold."""

    frustrated: bool = False
    score: float = 0.0


@dataclass(frozen=True, slots=True)
class Understanding:
    """The intent, its confidence, entities and sentiment of one message."""

    intent: Intent
    confidence: float
    entities: Entities = field(default_factory=Entities)
    sentiment: Sentiment = field(default_factory=Sentiment)
    locale: str = "ko"
    alternatives: tuple[tuple[Intent, float], ...] = ()
