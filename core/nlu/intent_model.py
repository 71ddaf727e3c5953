"""Intent classification: a char n-gram TF-IDF linear SVM over the bot's own examples."""

from collections.abc import Sequence
from dataclasses import dataclass

from core.intents import Intent
from core.nlu.data import IntentExample
from core.nlu.linear import FloatArray, GramCounter, LinearTextModel, softmax
from core.nlu.text import has_hangul, normalize

C = 0.5
# SVM margins are small; scaling them before the softmax spreads the probabilities.
_TEMPERATURE = 4.0


def training_texts(examples: Sequence[IntentExample]) -> tuple[list[str], list[str]]:
    """Normalised texts and labels; Korean examples also appear without spaces."""
    texts: list[str] = []
    labels: list[str] = []
    for example in examples:
        text = normalize(example.text)
        if not text:
            continue
        texts.append(text)
        labels.append(example.intent.value)
        if " " in text and has_hangul(text):
            texts.append(text.replace(" ", ""))
            labels.append(example.intent.value)
    return texts, labels


def fit(examples: Sequence[IntentExample], counter: GramCounter) -> LinearTextModel:
    """Fit the intent SVM on the examples; every intent present becomes a class."""
    texts, labels = training_texts(examples)
    return LinearTextModel.fit(texts, labels, c=C, counter=counter)


@dataclass(frozen=True, slots=True)
class IntentModel:
    """Turns the intent head's decision values into ranked probabilities."""

    intents: tuple[Intent, ...]

    @classmethod
    def from_labels(cls, labels: Sequence[str]) -> "IntentModel":
        """The ranker for a fitted (or cached) head whose labels are intent values."""
        return cls(intents=tuple(Intent(label) for label in labels))

    def rank(self, decision: FloatArray, top: int) -> list[tuple[Intent, float]]:
        """The `top` likeliest intents with their probabilities, from the SVM decision values."""
        probabilities = softmax(_TEMPERATURE * decision)
        order: list[int] = probabilities.argsort()[::-1][:top].tolist()
        values: list[float] = probabilities.tolist()
        return [(self.intents[i], values[i]) for i in order]
