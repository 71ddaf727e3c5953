"""Intent classification: a char n-gram TF-IDF logistic regression over the bot's examples."""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from core.intents import Intent
from core.nlu.data import IntentExample
from core.nlu.linear import LinearTextModel, softmax
from core.nlu.text import has_hangul, normalize

_C = 20.0


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


@dataclass(frozen=True, slots=True)
class IntentModel:
    """Scores every intent for one message; probabilities sum to one."""

    model: LinearTextModel
    intents: tuple[Intent, ...]

    @classmethod
    def train(cls, examples: Sequence[IntentExample]) -> "IntentModel":
        """Fit on the examples; every intent present becomes a class."""
        texts, labels = training_texts(examples)
        model = LinearTextModel.fit(texts, labels, c=_C, class_weight="balanced")
        return cls(model=model, intents=tuple(Intent(label) for label in model.labels))

    def rank(self, counts: Counter[str]) -> list[tuple[Intent, float]]:
        """All intents with their probabilities, best first."""
        probabilities = softmax(self.model.logits(counts))
        order = probabilities.argsort()[::-1]
        return [(self.intents[i], float(probabilities[i])) for i in order]
