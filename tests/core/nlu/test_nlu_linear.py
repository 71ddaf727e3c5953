import numpy as np
from sklearn.svm import LinearSVC

from core.nlu.linear import FeatureSpace, LinearTextModel, build_vectorizer
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


def test_exported_scorer_reproduces_sklearn() -> None:
    texts = [normalize(text) for text in TEXTS]
    vectorizer = build_vectorizer()
    model = LinearSVC(C=0.5).fit(vectorizer.fit_transform(texts), LABELS)
    exported = LinearTextModel.export(vectorizer, model)
    other = LinearTextModel.fit(texts, ["a" if i % 2 else "b" for i in range(len(texts))], c=1.0)
    space = FeatureSpace((other, exported))  # a shared vocabulary must not disturb the scores
    head = space.heads[1]
    for probe in PROBES:
        text = normalize(probe)
        expected = model.decision_function(vectorizer.transform([text]))[0]
        actual = head.decision(space.features(char_ngrams(text)))
        np.testing.assert_allclose(actual, expected, atol=1e-9)
        assert model.classes_[int(np.argmax(expected))] == head.labels[int(np.argmax(actual))]


def test_binary_model_has_one_output_for_the_second_label() -> None:
    texts = [normalize(text) for text in TEXTS]
    model = LinearTextModel.fit(texts, ["calm"] * 6 + ["frustrated"] * 6, c=1.0)
    assert model.labels == ("calm", "frustrated")
    assert model.weights.shape[1] == 1
