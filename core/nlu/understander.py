"""The understanding layer: intent, entities, sentiment and locale of one message."""

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from core.intents import Intent
from core.nlu.cache import ModelStore, cache_key, load_or_train
from core.nlu.catalog import CatalogMatcher
from core.nlu.data import CatalogTerm, IntentExample
from core.nlu.entities import extract_entities
from core.nlu.intent_model import C as INTENT_C
from core.nlu.intent_model import IntentModel
from core.nlu.intent_model import fit as fit_intents
from core.nlu.linear import FeatureSpace, GramCounter
from core.nlu.sentiment import C as SENTIMENT_C
from core.nlu.sentiment import SentimentModel
from core.nlu.sentiment import fit as fit_sentiment
from core.nlu.text import FEATURES, detect_locale, normalize, without_opening
from core.nlu.understanding import Understanding

_ALTERNATIVES = 3
_TRAINING_SETTINGS = (INTENT_C, SENTIMENT_C, FEATURES)
_SHOP_ZONE = ZoneInfo("Asia/Seoul")


class Understander:
    """Reads one shopper message; build it with `Understander.train`."""

    LOW_CONFIDENCE: float = 0.45
    """Below this confidence the caller should ask a clarifying question."""

    __slots__ = ("_catalog", "_intents", "_sentiment", "_space")

    def __init__(self, space: FeatureSpace, catalog: CatalogMatcher) -> None:
        intent_head, sentiment_head = space.heads
        self._space = space
        self._intents = IntentModel.from_labels(intent_head.labels)
        self._sentiment = SentimentModel.from_labels(sentiment_head.labels)
        self._catalog = catalog

    @classmethod
    def train(
        cls,
        examples: Sequence[IntentExample],
        *,
        sentiment_examples: Sequence[tuple[str, bool]],
        catalog: Iterable[CatalogTerm] = (),
        store: ModelStore | None = None,
    ) -> "Understander":
        """Fit the intent and frustration models and index the catalogue names.

        With a `store`, the fitted models are kept there and reused while the examples and
        training settings stay the same.
        """

        def fit() -> FeatureSpace:
            counter = GramCounter()  # the texts of both training sets overlap
            return FeatureSpace.merge(
                (
                    fit_intents(examples, counter),
                    fit_sentiment(sentiment_examples, counter),
                )
            )

        if store is None:
            space = fit()
        else:
            key = cache_key(
                _TRAINING_SETTINGS,
                [(example.text, example.intent.value) for example in examples],
                [(line, "frustrated" if upset else "calm") for line, upset in sentiment_examples],
            )
            space = load_or_train(store, key, 2, fit)
        return cls(space, CatalogMatcher(catalog))

    @property
    def intents(self) -> tuple[Intent, ...]:
        """The intents the model can predict."""
        return self._intents.intents

    def understand(self, text: str, *, today: date | None = None) -> Understanding:
        """Intent (with alternatives), entities, frustration and locale of `text`."""
        normalized = without_opening(normalize(text))
        entities = extract_entities(
            text, today=today or datetime.now(_SHOP_ZONE).date(), catalog=self._catalog
        )
        locale = detect_locale(text)
        if not normalized:
            return Understanding(Intent.OTHER, 0.0, entities=entities, locale=locale)
        intent_decision, sentiment_decision = self._space.decisions(normalized)
        ranked = self._intents.rank(intent_decision, top=1 + _ALTERNATIVES)
        best, confidence = ranked[0]
        return Understanding(
            intent=best,
            confidence=round(confidence, 4),
            entities=entities,
            sentiment=self._sentiment.score(text, sentiment_decision),
            locale=locale,
            alternatives=tuple((intent, round(score, 4)) for intent, score in ranked[1:]),
        )
