from collections import Counter

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

from core.nlu.linear import FeatureSpace, GramCounter, LinearTextModel, tfidf
from core.nlu.text import char_ngrams, normalize

TEXTS = [
    "배송 언제 와요",
    "택배 어디쯤이에요",
    "환불 언제 돼요",
    "환불 아직이에요",
    "교환하고 싶어요",
    "사이즈 교환 돼요",
    "where is my parcel",
    "refund status please",
    "i want to exchange this",
    "송장번호 알려주세요",
    "환불금 안 들어왔어요",
    "다른 색으로 교환",
]
LABELS = [
    "track",
    "track",
    "refund",
    "refund",
    "swap",
    "swap",
    "track",
    "refund",
    "swap",
    "track",
    "refund",
    "swap",
]
PROBES = ["배송언제와요", "환불 됐나요?", "exchange for a large", "완전히 새로운 문장", "zzz"]


def _sklearn_pipeline(texts: list[str], labels: list[str]) -> tuple[TfidfVectorizer, LinearSVC]:
    vectorizer = TfidfVectorizer(analyzer=char_ngrams, sublinear_tf=True, dtype=np.float64)
    model = LinearSVC(C=0.5, tol=1e-3, random_state=0).fit(vectorizer.fit_transform(texts), labels)
    return vectorizer, model


def test_tfidf_matches_sklearn() -> None:
    texts = [normalize(text) for text in TEXTS]
    vectorizer = TfidfVectorizer(analyzer=char_ngrams, sublinear_tf=True, dtype=np.float64)
    expected = vectorizer.fit_transform(texts).toarray()
    ours = tfidf(texts, GramCounter())
    order = [vectorizer.vocabulary_[gram] for gram in ours.grams]
    np.testing.assert_allclose(ours.matrix.toarray(), expected[:, order], atol=1e-12)
    np.testing.assert_allclose(ours.idf, vectorizer.idf_[order], atol=1e-12)


def test_feature_space_reproduces_sklearn() -> None:
    texts = [normalize(text) for text in TEXTS]
    vectorizer, model = _sklearn_pipeline(texts, LABELS)
    counter = GramCounter()
    other = LinearTextModel.fit(
        texts[:7], ["a" if i % 2 else "b" for i in range(7)], c=1.0, counter=counter
    )
    ours = LinearTextModel.fit(texts, LABELS, c=0.5, counter=counter)
    space = FeatureSpace.merge((other, ours))  # a shared vocabulary must not disturb the scores
    assert space.heads[1].labels == tuple(model.classes_)
    for probe in PROBES:
        text = normalize(probe)
        expected = model.decision_function(vectorizer.transform([text]))[0]
        actual = space.decisions(text)[1]
        np.testing.assert_allclose(actual, expected, atol=1e-9)
        assert int(np.argmax(expected)) == int(np.argmax(actual))


def test_word_cache_gives_the_grams_of_char_ngrams() -> None:
    texts = [normalize(text) for text in TEXTS]
    model = LinearTextModel.fit(texts, LABELS, c=0.5)
    space = FeatureSpace.merge((model,))
    rows = {gram: row for row, gram in enumerate(space.grams)}  # one model: its own columns
    for probe in [*PROBES, *TEXTS, "배송 배송 배송", "a", "zzz zzz"]:
        text = normalize(probe)
        first, again = space.decisions(text)[0], space.decisions(text)[0]
        counts = Counter(rows[gram] for gram in char_ngrams(text) if gram in rows)
        expected = model.bias
        if counts:
            index = np.array(list(counts), dtype=np.intp)
            tf = 1.0 + np.log(np.array(list(counts.values()), dtype=np.float64))
            row = tf * model.idf[index]
            expected = row / np.linalg.norm(row) @ model.weights[index] + model.bias
        np.testing.assert_allclose(first, expected, atol=1e-12)
        np.testing.assert_array_equal(first, again)


def test_binary_model_has_one_output_for_the_second_label() -> None:
    texts = [normalize(text) for text in TEXTS]
    model = LinearTextModel.fit(texts, ["calm"] * 6 + ["frustrated"] * 6, c=1.0)
    assert model.labels == ("calm", "frustrated")
    assert model.weights.shape[1] == 1
