"""Local understanding of shopper messages: intent, entities, frustration, locale."""

from core.nlu.data import CatalogTerm, IntentExample
from core.nlu.understander import Understander
from core.nlu.understanding import Entities, Sentiment, Understanding

__all__ = [
    "CatalogTerm",
    "Entities",
    "IntentExample",
    "Sentiment",
    "Understander",
    "Understanding",
]
