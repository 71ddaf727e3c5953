"""Trained models are cached on disk and retrained when the examples change."""

from collections.abc import Sequence
from pathlib import Path

import pytest

from adapters.nlu_store import FileModelStore
from core.intents import Intent
from core.nlu import IntentExample, Understander
from core.nlu.linear import GramCounter, LinearTextModel

EXAMPLES = [
    IntentExample("배송 언제 와요", Intent.DELIVERY_TRACKING, "ko"),
    IntentExample("택배 어디쯤이에요", Intent.DELIVERY_TRACKING, "ko"),
    IntentExample("환불 언제 돼요", Intent.REFUND_STATUS, "ko"),
    IntentExample("환불금 아직이요", Intent.REFUND_STATUS, "ko"),
]
SENTIMENT = [("감사합니다", False), ("짜증나네 진짜", True), ("알겠어요", False), ("최악", True)]


def _fits(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    original = LinearTextModel.fit

    def counting(
        texts: Sequence[str],
        labels: Sequence[str],
        *,
        c: float,
        counter: GramCounter | None = None,
    ) -> LinearTextModel:
        calls.append(1)
        return original(texts, labels, c=c, counter=counter)

    monkeypatch.setattr(LinearTextModel, "fit", counting)
    return calls


def test_second_start_loads_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _fits(monkeypatch)
    first = Understander.train(
        EXAMPLES, sentiment_examples=SENTIMENT, store=FileModelStore(tmp_path)
    )
    assert len(calls) == 2 and len(list(tmp_path.glob("nlu-*.npz"))) == 1
    second = Understander.train(
        EXAMPLES, sentiment_examples=SENTIMENT, store=FileModelStore(tmp_path)
    )
    assert len(calls) == 2
    for text in ("배송 언제 와요", "환불 아직", "짜증나"):
        a, b = first.understand(text), second.understand(text)
        assert (a.intent, a.confidence, a.sentiment) == (b.intent, b.confidence, b.sentiment)


def test_changed_examples_retrain(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _fits(monkeypatch)
    Understander.train(EXAMPLES, sentiment_examples=SENTIMENT, store=FileModelStore(tmp_path))
    changed = [*EXAMPLES, IntentExample("안녕하세요", Intent.GREETING, "ko")]
    understander = Understander.train(
        changed, sentiment_examples=SENTIMENT, store=FileModelStore(tmp_path)
    )
    assert len(calls) == 4
    assert Intent.GREETING in understander.intents
    assert len(list(tmp_path.glob("nlu-*.npz"))) == 1
    Understander.train(
        EXAMPLES, sentiment_examples=[*SENTIMENT, ("굿", False)], store=FileModelStore(tmp_path)
    )
    assert len(calls) == 6


def test_corrupt_cache_is_retrained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Understander.train(EXAMPLES, sentiment_examples=SENTIMENT, store=FileModelStore(tmp_path))
    for stored in tmp_path.glob("nlu-*.npz"):
        stored.write_bytes(b"not a zip")
    calls = _fits(monkeypatch)
    understander = Understander.train(
        EXAMPLES, sentiment_examples=SENTIMENT, store=FileModelStore(tmp_path)
    )
    assert len(calls) == 2
    assert understander.understand("배송 언제 와요").intent is Intent.DELIVERY_TRACKING
