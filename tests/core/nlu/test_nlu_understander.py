from datetime import date

import pytest

from core.intents import Intent
from core.nlu import Understander
from core.nlu.text import detect_locale, normalize

# The bot's own boundary sentences (not taken from the evaluation files).
HARD_BOUNDARIES = [
    ("택배 어디쯤 왔는지 송장번호 좀 알려주세요", Intent.DELIVERY_TRACKING),
    ("주문한 지 열흘 넘었는데 아직도 택배가 안 와요", Intent.DELIVERY_DELAY),
    ("사이즈가 작아서 한 치수 큰 걸로 바꾸고 싶어요 받은 거요", Intent.EXCHANGE_REQUEST),
    ("맘에 안 들어서 반품하고 돈으로 돌려받을래요", Intent.RETURN_REQUEST),
    ("상담원 응대가 너무 불친절해서 기분 나빴어요", Intent.COMPLAINT),
    ("방금 결제한 주문 취소해 주세요", Intent.CANCEL_ORDER),
    ("반품 보낸 지 일주일인데 환불금이 아직 안 들어왔어요", Intent.REFUND_STATUS),
    ("주문 들어갔는지 확인 좀 해주세요 상품준비중이라고만 떠요", Intent.ORDER_STATUS),
    ("발송 전이면 배송지 주소 바꿔주세요", Intent.CHANGE_ORDER),
    ("카카오페이로 결제했는데 두번 빠져나갔어요", Intent.PAYMENT_ISSUE),
    ("이 니트 울 함유량 얼마나 돼요? 세탁기 돌려도 돼요?", Intent.PRODUCT_INQUIRY),
    ("적립금 얼마 남았는지 알려주세요", Intent.COUPON_OR_POINTS),
    ("비밀번호를 까먹어서 로그인이 안돼요", Intent.MEMBERSHIP_ACCOUNT),
    ("챗봇 말고 사람이랑 얘기하고 싶어요", Intent.HUMAN_AGENT),
    ("광고 카톡 좀 그만 보내세요 수신거부", Intent.OPT_OUT),
    ("오늘 저녁에 뭐 먹지 치킨 땡긴다", Intent.OTHER),
    ("안녕하세용", Intent.GREETING),
    ("친절하게 알려주셔서 감사해요", Intent.THANKS),
    ("my parcel was due last week and it still isn't here", Intent.DELIVERY_DELAY),
    ("can you tell me where my parcel is right now", Intent.DELIVERY_TRACKING),
    ("i cancelled two weeks ago and the money still hasn't come back", Intent.REFUND_STATUS),
    ("this coat is too tight, can i swap it for a large", Intent.EXCHANGE_REQUEST),
    ("i'd like to send these shoes back for my money", Intent.RETURN_REQUEST),
    ("please take me off your marketing texts", Intent.OPT_OUT),
    ("what's the capital of peru", Intent.OTHER),
]


@pytest.mark.parametrize(("text", "intent"), HARD_BOUNDARIES)
def test_hard_boundaries(understander: Understander, text: str, intent: Intent) -> None:
    assert understander.understand(text).intent is intent


def test_spacing_does_not_change_the_intent(understander: Understander) -> None:
    spaced = understander.understand("배송 언제 와요")
    squashed = understander.understand("배송언제와요")
    assert spaced.intent is squashed.intent is Intent.DELIVERY_TRACKING


def test_understanding_carries_entities_and_locale(understander: Understander) -> None:
    result = understander.understand(
        "어제 주문한 오버핏후드티 20261111-0000123 L로 바꿔주세요", today=date(2026, 11, 12)
    )
    assert result.locale == "ko"
    assert result.entities.order_no == "20261111-0000123"
    assert result.entities.product_ids == ("P-HOOD",)
    assert result.entities.size == "L"
    assert result.entities.date == date(2026, 11, 11)


def test_confidence_and_alternatives(understander: Understander) -> None:
    result = understander.understand("환불 언제 들어와요?")
    assert result.intent is Intent.REFUND_STATUS
    assert result.confidence >= Understander.LOW_CONFIDENCE
    assert len(result.alternatives) == 3
    scores = [score for _, score in result.alternatives]
    assert scores == sorted(scores, reverse=True)
    assert all(score <= result.confidence for score in scores)
    assert result.intent not in {intent for intent, _ in result.alternatives}


@pytest.mark.parametrize("text", ["문의드려요", "질문 있어요", "저번에 말한 거"])
def test_vague_messages_have_low_confidence(understander: Understander, text: str) -> None:
    assert understander.understand(text).confidence < Understander.LOW_CONFIDENCE


@pytest.mark.parametrize("text", ["", "   ", "🙂👍"])
def test_empty_or_emoji_only_is_other_in_korean(understander: Understander, text: str) -> None:
    result = understander.understand(text)
    assert result.locale == "ko"
    if not text.strip():
        assert result.intent is Intent.OTHER
        assert result.confidence == 0.0


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("배송 언제 와요", "ko"),
        ("where is my order", "en"),
        ("ㅋㅋㅋ", "ko"),
        ("order 1234", "en"),
        ("20261103-0004521", "ko"),
        ("CJ택배 송장", "ko"),
    ],
)
def test_locale(text: str, locale: str) -> None:
    assert detect_locale(text) == locale


def test_normalize_folds_width_case_repeats_and_digits() -> None:
    assert normalize("  ＡＢＣ  Order 2026  ") == "abc order 0000"
    assert normalize("ㅋㅋㅋㅋㅋㅋㅋ") == normalize("ㅋㅋㅋ") != normalize("ㅋㅋ")


@pytest.mark.parametrize(
    "text",
    [
        "아 진짜 몇번째 문의하는건지 ㅡㅡ 언제까지 기다려요",
        "환불해내세요 장난하나",
        "this is ridiculous, my order is STILL NOT HERE",
        "where is my package?????",
        "worst service, i'm so fed up",
    ],
)
def test_frustrated_messages(understander: Understander, text: str) -> None:
    sentiment = understander.understand(text).sentiment
    assert sentiment.frustrated
    assert sentiment.score >= 0.5


@pytest.mark.parametrize(
    "text",
    [
        "배송 조회 부탁드려요",
        "감사합니다 좋은 하루 보내세요",
        "thanks, that was helpful",
        "M 사이즈 있나요?",
    ],
)
def test_calm_messages(understander: Understander, text: str) -> None:
    sentiment = understander.understand(text).sentiment
    assert not sentiment.frustrated
    assert sentiment.score < 0.5


# KakaoTalk-style boundary messages, written for these tests.
KAKAO_BOUNDARIES = [
    ("택배 지금 어디 있어요? 송장 좀요", Intent.DELIVERY_TRACKING),
    ("도착 예정일 지났는데 아직 안 왔어요ㅠ", Intent.DELIVERY_DELAY),
    ("받은 바지 M인데 L로 바꿔주세요", Intent.EXCHANGE_REQUEST),
    ("그냥 반품할게요 환불해주세요 맘에 안 들어요", Intent.RETURN_REQUEST),
    ("주문 취소하고 싶어요 아직 발송 전이죠?", Intent.CANCEL_ORDER),
    ("취소한 거 환불 언제 들어와요?", Intent.REFUND_STATUS),
    ("배송기사님이 택배를 던지고 가셨어요 너무 불쾌해요", Intent.COMPLAINT),
]

FAQ_QUESTIONS = [
    "배송비 얼마예요?",
    "택배비 따로 있어요?",
    "고객센터 영업시간 알려주세요",
    "선물포장 되나요",
    "현금영수증 발급 돼요?",
    "해외배송 되나요",
    "매장 위치가 어디예요",
    "what are your opening hours?",
]


@pytest.mark.parametrize(("text", "intent"), KAKAO_BOUNDARIES)
def test_kakaotalk_boundaries(understander: Understander, text: str, intent: Intent) -> None:
    assert understander.understand(text).intent is intent


@pytest.mark.parametrize("text", FAQ_QUESTIONS)
def test_faq_questions_are_other(understander: Understander, text: str) -> None:
    assert understander.understand(text).intent is Intent.OTHER


@pytest.mark.parametrize(
    "text", ["오버핏 후드티 블랙 L 재고 있어요?", "와이드 데님 팬츠 소재가 뭐예요?"]
)
def test_questions_about_an_item_are_product_inquiry(
    understander: Understander, text: str
) -> None:
    assert understander.understand(text).intent is Intent.PRODUCT_INQUIRY


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("안녕하세요 주문한거 언제 와요?", Intent.DELIVERY_TRACKING),
        ("수고하십니다 반품 문의드려요", Intent.RETURN_REQUEST),
        ("hi, where is my order?", Intent.ORDER_STATUS),
        ("안녕하세요", Intent.GREETING),
        ("안녕하세요 ㅎㅎ", Intent.GREETING),
        ("hi there", Intent.GREETING),
    ],
)
def test_a_leading_greeting_does_not_hide_the_request(
    understander: Understander, text: str, intent: Intent
) -> None:
    assert understander.understand(text).intent is intent
