"""Frustration: calm requests stay calm, complaints and angry chat do not."""

import pytest

from conversations.examples import CALM_INTENTS, load_intent_examples
from core.intents import Intent
from core.nlu import Understander


def _rate(understander: Understander, texts: list[str]) -> float:
    return sum(understander.understand(text).sentiment.frustrated for text in texts) / len(texts)


def test_calm_intent_examples_are_rarely_frustrated(understander: Understander) -> None:
    texts = [e.text for e in load_intent_examples() if e.intent in CALM_INTENTS]
    assert _rate(understander, texts) <= 0.05


def test_complaint_examples_are_mostly_frustrated(understander: Understander) -> None:
    texts = [e.text for e in load_intent_examples() if e.intent is Intent.COMPLAINT]
    assert _rate(understander, texts) >= 0.70


# Written for this test, in none of the content files.
@pytest.mark.parametrize(
    "text",
    [
        "배송비 얼마예요?",
        "20261028-0003310 5678",
        "20261103-0004521",
        "010-9876-5432 로 주문했어요",
        "영업시간이 어떻게 되나요",
        "반품하려면 어떻게 해요?",
        "이거 면 100%인가요",
        "네 그렇게 해주세요",
        "how long is shipping to busan?",
    ],
)
def test_neutral_questions_and_numbers_are_calm(understander: Understander, text: str) -> None:
    assert not understander.understand(text).sentiment.frustrated


@pytest.mark.parametrize(
    "text",
    [
        "아니 택배 언제 오냐고요 ㅡㅡ",
        "환불 해준다며요 벌써 2주째인데 장난해요?",
        "불량 보내놓고 반품비 내라는 게 말이 돼요?",
        "몇 번을 말해야 돼요 진짜 짜증나네",
    ],
)
def test_kakaotalk_complaints_are_frustrated(understander: Understander, text: str) -> None:
    assert understander.understand(text).sentiment.frustrated


@pytest.mark.parametrize(
    "text", ["아니요", "아니요 그냥 둘게요", "상담원 연결해주세요", "no thanks"]
)
def test_plain_answers_and_asking_for_a_person_are_calm(
    understander: Understander, text: str
) -> None:
    assert not understander.understand(text).sentiment.frustrated
