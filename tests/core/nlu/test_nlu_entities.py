from datetime import date

import pytest

from core.nlu import CatalogTerm
from core.nlu.attributes import extract_colour, extract_size
from core.nlu.catalog import CatalogMatcher
from core.nlu.dates import extract_date
from core.nlu.entities import extract_entities
from core.nlu.numbers import extract_numbers

TODAY = date(2026, 11, 12)  # a Thursday


@pytest.mark.parametrize(
    "text",
    [
        "주문번호 20261103-0004521 배송 언제 와요",
        "20261103 0004521 취소해주세요",
        "202611030004521이요",
        "order 20261103-0004521 please",
    ],
)
def test_order_number_tolerates_missing_dash_and_spaces(text: str) -> None:
    assert extract_numbers(text).order_no == "20261103-0004521"


def test_fifteen_digits_without_a_valid_date_are_not_an_order_number() -> None:
    assert extract_numbers("20261399-0004521").order_no is None


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("010-1234-5678 이에요", "01012345678"),
        ("01012345678", "01012345678"),
        ("010 1234 5678로 주문했어요", "01012345678"),
        ("+82 10-1234-5678", "01012345678"),
        ("+821012345678", "01012345678"),
    ],
)
def test_korean_mobile_numbers_become_domestic_digits(text: str, phone: str) -> None:
    numbers = extract_numbers(text)
    assert numbers.phone == phone
    assert numbers.tracking_no is None


@pytest.mark.parametrize(
    ("text", "tracking"),
    [
        ("송장번호 685912345678 조회", "685912345678"),
        ("운송장 6859-1234-5678", "685912345678"),
        ("tracking 1234567890", "1234567890"),
    ],
)
def test_tracking_numbers_are_ten_to_thirteen_digits(text: str, tracking: str) -> None:
    numbers = extract_numbers(text)
    assert numbers.tracking_no == tracking
    assert numbers.phone is None
    assert numbers.order_no is None


def test_phone_and_order_numbers_are_not_tracking_numbers() -> None:
    numbers = extract_numbers("주문 20261103-0004521 연락처 01012345678")
    assert numbers.tracking_no is None
    assert numbers.order_no == "20261103-0004521"
    assert numbers.phone == "01012345678"


@pytest.mark.parametrize(("text", "last4"), [("뒷자리 5678", "5678"), ("5678", "5678")])
def test_lone_four_digits_are_phone_last4(text: str, last4: str) -> None:
    assert extract_numbers(text).phone_last4 == last4


@pytest.mark.parametrize("text", ["2026년 11월", "1234원 결제", "$1200 refund", "010-1234-5678"])
def test_four_digits_with_a_unit_or_inside_a_number_are_not_last4(text: str) -> None:
    assert extract_numbers(text).phone_last4 is None


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("3만원 결제됐어요", 30_000),
        ("25,000원 환불", 25_000),
        ("3만 5천원이요", 35_000),
        ("3.5만원", 35_000),
        ("만원 쿠폰", 10_000),
        ("오만원", 50_000),
        ("refund $30", 30),
        ("i paid 45 dollars", 45),
    ],
)
def test_amounts(text: str, amount: int) -> None:
    assert extract_numbers(text).amount == amount


def test_words_ending_in_won_are_not_amounts() -> None:
    assert extract_numbers("원피스 주문했어요").amount is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("어제 주문했는데", date(2026, 11, 11)),
        ("오늘 받았어요", date(2026, 11, 12)),
        ("그저께 시킨 거", date(2026, 11, 10)),
        ("지난주 금요일에 주문", date(2026, 11, 6)),
        ("이번주 월요일", date(2026, 11, 9)),
        ("11월 3일에 주문", date(2026, 11, 3)),
        ("3일 전에 샀어요", date(2026, 11, 9)),
        ("yesterday", date(2026, 11, 11)),
        ("i ordered last friday", date(2026, 11, 6)),
        ("on nov 3rd", date(2026, 11, 3)),
        ("2026-10-01", date(2026, 10, 1)),
    ],
)
def test_dates_relative_to_today(text: str, expected: date) -> None:
    assert extract_date(text, TODAY) == expected


def test_month_day_far_ahead_means_last_year() -> None:
    assert extract_date("12월 28일에 샀어요", date(2026, 1, 5)) == date(2025, 12, 28)
    assert extract_date("12월 20일까지 받을 수 있나요", date(2026, 11, 12)) == date(2026, 12, 20)


def test_no_date() -> None:
    assert extract_date("배송 언제 와요", TODAY) is None


@pytest.mark.parametrize(
    ("text", "colour"),
    [
        ("검정색 M 있나요", "블랙"),
        ("black one please", "블랙"),
        ("흰색으로 교환", "화이트"),
        ("남색 xl", "네이비"),
        ("grey hoodie", "그레이"),
        ("밤색 구두", "브라운"),
    ],
)
def test_colours_are_canonical_korean_names(text: str, colour: str) -> None:
    assert extract_colour(text) == colour


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("검정 M 사이즈 있나요", "M"),
        ("l사이즈요", "L"),
        ("xl로 교환", "XL"),
        ("free size인가요", "FREE"),
        ("흰색 250 재고", "250"),
        ("66반 있어요?", "66반"),
        ("55 사이즈", "55"),
        ("size medium", "M"),
    ],
)
def test_sizes(text: str, size: str) -> None:
    assert extract_size(text) == size


@pytest.mark.parametrize("text", ["i'm looking for it", "가격이 250000원", "55000원", "66일째"])
def test_no_size(text: str) -> None:
    assert extract_size(text) is None


@pytest.mark.parametrize(
    ("text", "product"),
    [
        ("오버핏후드티 검정 M 있나요", "P-HOOD"),
        ("오버핏 후디티 재고", "P-HOOD"),
        ("와이드데님펜츠 교환", "P-DENIM"),
        ("캔버스 스니커스 250", "P-SNEAK"),
        ("the overfit hoody in grey", "P-HOOD"),
    ],
)
def test_catalog_names_despite_typos_and_spacing(
    catalog: tuple[CatalogTerm, ...], text: str, product: str
) -> None:
    assert CatalogMatcher(catalog).match(text) == (product,)


def test_catalog_ignores_unrelated_text(catalog: tuple[CatalogTerm, ...]) -> None:
    assert CatalogMatcher(catalog).match("와이드 팬츠 말고 배송 언제 와요") == ()


def test_extract_entities_combines_everything(catalog: tuple[CatalogTerm, ...]) -> None:
    entities = extract_entities(
        "어제 주문한 오버핏 후드티 블랙 L 20261111-0000123 3만원",
        today=TODAY,
        catalog=CatalogMatcher(catalog),
    )
    assert entities.as_dict() == {
        "order_no": "20261111-0000123",
        "amount": 30_000,
        "date": "2026-11-11",
        "product_ids": ("P-HOOD",),
        "color": "블랙",
        "size": "L",
    }
