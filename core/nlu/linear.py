"""A TF-IDF linear SVM over text, trained with scikit-learn and scored without it.

scikit-learn costs tens of microseconds per call on a single sample, so after fitting
we keep only the vocabulary, the idf weights and the coefficient matrix and score a
message with dictionary lookups and one small matrix product. scikit-learn is only
imported for training.
"""

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from core.nlu.text import char_ngrams

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC

FloatArray = npt.NDArray[np.float64]


def build_vectorizer() -> "TfidfVectorizer":
    """The TF-IDF vectoriser every model uses; its input is already normalised text."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer=char_ngrams, sublinear_tf=True, dtype=np.float64)


@dataclass(frozen=True, slots=True)
class LinearTextModel:
    """Exported TF-IDF + linear SVM: `decision` reproduces sklearn's `decision_function`."""

    vocabulary: dict[str, int]
    idf: FloatArray
    weights: FloatArray  # (n_features, n_outputs)
    bias: FloatArray  # (n_outputs,)
    labels: tuple[str, ...]

    @classmethod
    def fit(cls, texts: Sequence[str], labels: Sequence[str], *, c: float) -> "LinearTextModel":
        """Fit on normalised texts; a binary problem has one output, positive for `labels[1]`."""
        from sklearn.svm import LinearSVC

        vectorizer = build_vectorizer()
        matrix = vectorizer.fit_transform(texts)
        model = LinearSVC(C=c, tol=1e-3)
        model.fit(matrix, labels)
        return cls.export(vectorizer, model)

    @classmethod
    def export(cls, vectorizer: "TfidfVectorizer", model: "LinearSVC") -> "LinearTextModel":
        """Copy a fitted vectoriser and model into plain dicts and arrays."""
        return cls(
            vocabulary={str(gram): int(row) for gram, row in vectorizer.vocabulary_.items()},
            idf=np.asarray(vectorizer.idf_, dtype=np.float64),
            weights=np.ascontiguousarray(model.coef_.T, dtype=np.float64),
            bias=np.asarray(model.intercept_, dtype=np.float64),
            labels=tuple(str(label) for label in model.classes_),
        )


@dataclass(frozen=True, slots=True)
class Features:
    """The known n-grams of one message: rows in a `FeatureSpace` and their 1 + log(tf)."""

    index: npt.NDArray[np.intp]
    tf: FloatArray


@dataclass(frozen=True, slots=True)
class LinearHead:
    """One model's idf, weights and bias laid out over a shared `FeatureSpace`."""

    idf: FloatArray
    weights: FloatArray
    bias: FloatArray
    labels: tuple[str, ...]

    def decision(self, features: Features) -> FloatArray:
        """Decision values for one message, as sklearn's `decision_function` computes them."""
        tfidf = features.tf * self.idf[features.index]
        norm = math.sqrt(float(tfidf @ tfidf))
        if norm == 0.0:
            return self.bias.copy()
        return np.asarray((tfidf / norm) @ self.weights[features.index] + self.bias)


class FeatureSpace:
    """One vocabulary for several models, so a message is looked up once for all of them.

    A gram unknown to a model gets idf 0 there, which leaves its TF-IDF vector unchanged.
    """

    __slots__ = ("_vocabulary", "heads")

    def __init__(self, models: Sequence[LinearTextModel]) -> None:
        vocabulary: dict[str, int] = {}
        for model in models:
            for gram in model.vocabulary:
                vocabulary.setdefault(gram, len(vocabulary))
        self._vocabulary = vocabulary
        self.heads = tuple(self._project(model) for model in models)

    def _project(self, model: LinearTextModel) -> LinearHead:
        rows = np.fromiter((self._vocabulary[gram] for gram in model.vocabulary), dtype=np.intp)
        columns = np.fromiter(model.vocabulary.values(), dtype=np.intp)
        idf = np.zeros(len(self._vocabulary))
        idf[rows] = model.idf[columns]
        weights = np.zeros((len(self._vocabulary), model.weights.shape[1]))
        weights[rows] = model.weights[columns]
        return LinearHead(idf, weights, model.bias, model.labels)

    def features(self, grams: Sequence[str]) -> Features:
        """Look the grams up; unknown grams are dropped and repeats counted."""
        counts = Counter(map(self._vocabulary.get, grams))
        counts.pop(None, None)
        index = np.fromiter(counts.keys(), dtype=np.intp, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        return Features(index, 1.0 + np.log(tf))


def softmax(scores: FloatArray) -> FloatArray:
    """Numerically stable softmax."""
    shifted = np.exp(scores - scores.max())
    return np.asarray(shifted / shifted.sum(), dtype=np.float64)


def sigmoid(value: float) -> float:
    """Logistic function."""
    return 1.0 / (1.0 + math.exp(-value))
