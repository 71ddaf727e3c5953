"""TF-IDF linear SVMs over text, trained with scikit-learn and scored without it.

scikit-learn costs tens of microseconds per call on a single sample, so after fitting we
keep only the vocabulary, the idf weights and the coefficients, and merge every model into
one `FeatureSpace`: a message is looked up once and scored by one small matrix product.
The TF-IDF matrix is built here (the same numbers as scikit-learn's `TfidfVectorizer` with
`sublinear_tf=True`), so the n-grams of a text shared by several training sets are counted
once. scikit-learn is only imported for the SVM fit.
"""

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from core.nlu.text import compact_ngrams, word_ngrams

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]
# Squared-hinge dual solver tolerance; fixed seed so a retrain gives the same model.
_TOLERANCE = 1e-3
_SEED = 0
# Words seen at scoring time and their known grams; cleared when full.
_WORD_CACHE_SIZE = 20_000


class GramCounter:
    """Training-time gram ids, shared by the models fitted in one run.

    The grams of a word are made once per word; texts are turned into gram ids in bulk.
    """

    __slots__ = ("_words", "grams")

    def __init__(self) -> None:
        self.grams: dict[str, int] = {}
        self._words: dict[str, list[str]] = {}

    def _grams(self, text: str) -> list[str]:
        grams: list[str] = []
        words = self._words
        for word in text.split():
            known = words.get(word)
            if known is None:
                known = words[word] = word_ngrams(word)
            grams += known
        return grams + compact_ngrams(text)

    def ids(self, texts: Sequence[str]) -> tuple[IntArray, IntArray]:
        """The gram ids of every text, concatenated, and the row each belongs to."""
        per_text = [self._grams(text) for text in texts]
        flat = list(chain.from_iterable(per_text))
        grams = self.grams
        for gram in dict.fromkeys(flat):
            if gram not in grams:
                grams[gram] = len(grams)
        ids = np.fromiter(map(grams.__getitem__, flat), dtype=np.intp, count=len(flat))
        lengths = np.fromiter(map(len, per_text), dtype=np.intp, count=len(per_text))
        return ids, np.repeat(np.arange(len(texts)), lengths)


@dataclass(frozen=True, slots=True)
class TfidfMatrix:
    """Rows of l2-normalised sublinear TF-IDF; column `j` is the gram `grams[j]`."""

    matrix: "csr_matrix"
    grams: tuple[str, ...]
    idf: FloatArray


def tfidf(texts: Sequence[str], counter: GramCounter) -> TfidfMatrix:
    """TF-IDF of normalised texts over the grams they contain (smooth idf, 1 + log tf)."""
    from scipy.sparse import csr_matrix

    ids, row_of_gram = counter.ids(texts)
    size = len(counter.grams)
    cells, tf = np.unique(row_of_gram * size + ids, return_counts=True)  # sorted by row
    row_of = cells // size
    used, columns = np.unique(cells % size, return_inverse=True)
    idf = np.log((1 + len(texts)) / (1 + np.bincount(columns))) + 1.0
    data = (1.0 + np.log(tf)) * idf[columns]
    data /= np.sqrt(np.bincount(row_of, weights=data * data, minlength=len(texts)))[row_of]
    indptr = np.concatenate(([0], np.cumsum(np.bincount(row_of, minlength=len(texts)))))
    names = list(counter.grams)
    return TfidfMatrix(
        matrix=csr_matrix((data, columns, indptr), shape=(len(texts), len(used))),
        grams=tuple(names[i] for i in used.tolist()),
        idf=idf,
    )


@dataclass(frozen=True, slots=True)
class LinearTextModel:
    """Exported TF-IDF + linear SVM: the numbers of sklearn's `decision_function`."""

    grams: tuple[str, ...]
    idf: FloatArray
    weights: FloatArray  # (n_features, n_outputs)
    bias: FloatArray  # (n_outputs,)
    labels: tuple[str, ...]

    @classmethod
    def fit(
        cls,
        texts: Sequence[str],
        labels: Sequence[str],
        *,
        c: float,
        counter: GramCounter | None = None,
    ) -> "LinearTextModel":
        """Fit on normalised texts; a binary problem has one output, positive for `labels[1]`.

        Pass one `counter` to several fits on overlapping texts to count their grams once.
        """
        from sklearn.svm import LinearSVC

        features = tfidf(texts, counter or GramCounter())
        model = LinearSVC(C=c, tol=_TOLERANCE, random_state=_SEED)
        model.fit(features.matrix, labels)
        return cls(
            grams=features.grams,
            idf=features.idf,
            weights=np.ascontiguousarray(model.coef_.T, dtype=np.float64),
            bias=np.asarray(model.intercept_, dtype=np.float64),
            labels=tuple(str(label) for label in model.classes_),
        )


@dataclass(frozen=True, slots=True)
class LinearHead:
    """One model's labels and bias inside a `FeatureSpace`."""

    labels: tuple[str, ...]
    bias: FloatArray


class FeatureSpace:
    """Several linear models over one vocabulary, so a message is looked up and scored once.

    Row `i` of `matrix` holds, for gram `i`, idf × weight for every output of every head,
    then idf² for every head (for the l2 norms). A gram unknown to a model has idf 0 there,
    which leaves that model's TF-IDF vector unchanged. The rows of a word's grams are
    remembered, as chat messages reuse a small set of words.
    """

    __slots__ = ("_outputs", "_vocabulary", "_words", "heads", "matrix")

    def __init__(
        self, grams: Sequence[str], matrix: FloatArray, heads: Sequence[LinearHead]
    ) -> None:
        self._vocabulary = dict(zip(grams, range(len(grams)), strict=True))
        self.matrix = matrix
        self.heads = tuple(heads)
        self._outputs = sum(len(head.bias) for head in self.heads)
        self._words: dict[str, list[int | None]] = {}

    @property
    def grams(self) -> list[str]:
        """The vocabulary, in row order."""
        return list(self._vocabulary)

    @classmethod
    def merge(cls, models: Sequence[LinearTextModel]) -> "FeatureSpace":
        """Lay the models out over the union of their vocabularies."""
        vocabulary: dict[str, int] = {}
        for model in models:
            for gram in model.grams:
                vocabulary.setdefault(gram, len(vocabulary))
        outputs = sum(model.weights.shape[1] for model in models)
        matrix = np.zeros((len(vocabulary), outputs + len(models)))
        column = 0
        for number, model in enumerate(models):
            rows = np.fromiter(map(vocabulary.__getitem__, model.grams), dtype=np.intp)
            width = model.weights.shape[1]
            matrix[rows, column : column + width] = model.idf[:, None] * model.weights
            matrix[rows, outputs + number] = model.idf**2
            column += width
        heads = [LinearHead(model.labels, model.bias) for model in models]
        return cls(list(vocabulary), matrix, heads)

    def _word_rows(self, word: str) -> list[int | None]:
        """The rows of a word's grams, None for an unknown gram."""
        rows = self._words.get(word)
        if rows is None:
            if len(self._words) >= _WORD_CACHE_SIZE:
                self._words.clear()
            rows = self._words[word] = list(map(self._vocabulary.get, word_ngrams(word)))
        return rows

    def decisions(self, normalized: str) -> list[FloatArray]:
        """Each head's decision values for a `normalize`d message (unknown grams are ignored)."""
        rows: list[int | None] = []
        for word in normalized.split():
            rows += self._word_rows(word)
        rows += map(self._vocabulary.get, compact_ngrams(normalized))
        counts = Counter(rows)
        counts.pop(None, None)
        if not counts:
            return [head.bias for head in self.heads]
        index = np.fromiter(counts.keys(), dtype=np.intp, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        np.log(tf, out=tf)
        tf += 1.0
        weights = self.matrix.take(index, axis=0)
        outputs = self._outputs
        scores = tf @ weights[:, :outputs]
        norms: list[float] = np.sqrt((tf * tf) @ weights[:, outputs:]).tolist()
        decisions: list[FloatArray] = []
        start = 0
        for head, norm in zip(self.heads, norms, strict=True):
            stop = start + len(head.bias)
            decisions.append(scores[start:stop] / norm + head.bias if norm else head.bias)
            start = stop
        return decisions


def softmax(scores: FloatArray) -> FloatArray:
    """Numerically stable softmax."""
    shifted = np.exp(scores - scores.max())
    return np.asarray(shifted / shifted.sum(), dtype=np.float64)


def sigmoid(value: float) -> float:
    """Logistic function."""
    return 1.0 / (1.0 + math.exp(-value))
