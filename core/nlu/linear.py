"""A TF-IDF linear text model trained with scikit-learn and scored without it.

scikit-learn costs tens of microseconds per call on a single sample, so after fitting
we keep only the vocabulary, the idf weights and the coefficient matrix and score a
message with a dictionary lookup and one small matrix product.
"""

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from core.nlu.text import char_ngrams

FloatArray = npt.NDArray[np.float64]


def build_vectorizer() -> TfidfVectorizer:
    """The TF-IDF vectoriser all models share; input is already normalised text."""
    return TfidfVectorizer(analyzer=char_ngrams, sublinear_tf=True, min_df=1, dtype=np.float64)


@dataclass(frozen=True, slots=True)
class LinearTextModel:
    """Exported TF-IDF + linear model: `logits` reproduces `decision_function`."""

    vocabulary: dict[str, int]
    idf: FloatArray
    weights: FloatArray  # (n_features, n_outputs)
    bias: FloatArray  # (n_outputs,)
    labels: tuple[str, ...]

    @classmethod
    def fit(
        cls, texts: Sequence[str], labels: Sequence[str], *, c: float, class_weight: str | None
    ) -> "LinearTextModel":
        """Fit on normalised texts; binary problems get a single output column."""
        vectorizer = build_vectorizer()
        matrix = vectorizer.fit_transform(texts)
        model = LogisticRegression(C=c, max_iter=300, class_weight=class_weight)
        model.fit(matrix, labels)
        return cls.export(vectorizer, model)

    @classmethod
    def export(cls, vectorizer: TfidfVectorizer, model: LogisticRegression) -> "LinearTextModel":
        """Copy a fitted vectoriser and model into plain dicts and arrays."""
        vocabulary = {str(k): int(v) for k, v in vectorizer.vocabulary_.items()}
        return cls(
            vocabulary=vocabulary,
            idf=np.asarray(vectorizer.idf_, dtype=np.float64),
            weights=np.ascontiguousarray(model.coef_.T, dtype=np.float64),
            bias=np.asarray(model.intercept_, dtype=np.float64),
            labels=tuple(str(label) for label in model.classes_),
        )

    def logits(self, counts: Counter[str]) -> FloatArray:
        """Decision values for one message given its n-gram counts."""
        lookup = self.vocabulary.get
        rows: list[int] = []
        values: list[float] = []
        for gram, count in counts.items():
            row = lookup(gram)
            if row is not None:
                rows.append(row)
                values.append(1.0 + math.log(count))
        if not rows:
            return self.bias.copy()
        index = np.fromiter(rows, dtype=np.intp, count=len(rows))
        tfidf = np.fromiter(values, dtype=np.float64, count=len(values)) * self.idf[index]
        norm = math.sqrt(float(tfidf @ tfidf))
        return np.asarray((tfidf / norm) @ self.weights[index] + self.bias, dtype=np.float64)


def softmax(logits: FloatArray) -> FloatArray:
    """Numerically stable softmax."""
    shifted = np.exp(logits - logits.max())
    return np.asarray(shifted / shifted.sum(), dtype=np.float64)


def sigmoid(value: float) -> float:
    """Logistic function."""
    return 1.0 / (1.0 + math.exp(-value))
