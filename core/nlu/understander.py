"""The understanding layer: intent, entities, sentiment and locale of one message."""

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from core.intents import Intent
from core.nlu.cache import cache_key, load_or_train
from core.nlu.catalog import CatalogMatcher
from core.nlu.data import CatalogTerm, IntentExample
from core.nlu.entities import extract_entities
from core.nlu.intent_model import C as INTENT_C
from core.nlu.intent_model import IntentModel
from core.nlu.linear import FeatureSpace, LinearTextModel
from core.nlu.sentiment import C as SENTIMENT_C
from core.nlu.sentiment import SentimentModel
from core.nlu.text import NGRAM_MAX, NGRAM_MIN, char_ngrams, detect_locale, normalize
from core.nlu.understanding import Understanding

_ALTERNATIVES = 3
_TRAINING_SETTINGS = (INTENT_C, SENTIMENT_C, NGRAM_MIN, NGRAM_MAX)
_SHOP_ZONE = ZoneInfo("Asia/Seoul")


class Understander:
    """Reads one shopper message; build it with `Understander.train`."""

    LOW_CONFIDENCE: float = 0.45
    """Below this confidence the caller should ask a clarifying question."""

    __slots__ = ("_catalog", "_intents", "_sentiment", "_space")

    def __init__(
        self, intents: IntentModel, sentiment: SentimentModel, catalog: CatalogMatcher
    ) -> None:
        self._intents = intents
        self._sentiment = sentiment
        self._catalog = catalog
        self._space = FeatureSpace((intents.model, sentiment.model))

    @classmethod
    def train(
        cls,
        examples: Sequence[IntentExample],
        *,
        sentiment_examples: Sequence[tuple[str, bool]],
        catalog: Iterable[CatalogTerm] = (),
        cache_dir: Path | None = None,
    ) -> "Understander":
        """Fit the intent and frustration models and index the catalogue names.

        With `cache_dir`, the fitted models are stored there and reused while the examples
        and training settings stay the same.
        """

        def fit() -> tuple[LinearTextModel, LinearTextModel]:
            return IntentModel.train(examples).model, SentimentModel.train(
                sentiment_examples
            ).model

        if cache_dir is None:
            intents, feelings = fit()
        else:
            key = cache_key(
                _TRAINING_SETTINGS,
                [(example.text, example.intent.value) for example in examples],
                [(line, "frustrated" if upset else "calm") for line, upset in sentiment_examples],
            )
            intents, feelings = load_or_train(cache_dir, key, 2, fit)
        return cls(
            IntentModel.from_model(intents), SentimentModel(feelings), CatalogMatcher(catalog)
        )

    @property
    def intents(self) -> tuple[Intent, ...]:
        """The intents the model can predict."""
        return self._intents.intents

    def understand(self, text: str, *, today: date | None = None) -> Understanding:
        """Intent (with alternatives), entities, frustration and locale of `text`."""
        grams = char_ngrams(normalize(text))
        entities = extract_entities(
            text, today=today or datetime.now(_SHOP_ZONE).date(), catalog=self._catalog
        )
        locale = detect_locale(text)
        if not grams:
            return Understanding(Intent.OTHER, 0.0, entities=entities, locale=locale)
        features = self._space.features(grams)
        intent_head, sentiment_head = self._space.heads
        ranked = self._intents.rank(intent_head.decision(features), top=1 + _ALTERNATIVES)
        best, confidence = ranked[0]
        return Understanding(
            intent=best,
            confidence=round(confidence, 4),
            entities=entities,
            sentiment=self._sentiment.score(text, sentiment_head.decision(features)),
            locale=locale,
            alternatives=tuple((intent, round(score, 4)) for intent, score in ranked[1:]),
        )
