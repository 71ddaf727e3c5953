"""Digit groups next to each other: each number keeps its own digits."""

import pytest

from core.nlu.numbers import extract_numbers


@pytest.mark.parametrize(
    ("text", "order_no", "phone", "last4"),
    [
        ("20261103-0004521 5678", "20261103-0004521", None, "5678"),
        ("20261028-0003310 5678", "20261028-0003310", None, "5678"),
        ("주문번호 20261103-0004521 010-1234-5678", "20261103-0004521", "01012345678", None),
        ("010-1234-5678 20261103-0004521", "20261103-0004521", "01012345678", None),
        ("202611030004521 5678", "20261103-0004521", None, "5678"),
        ("202611030004521 010 1234 5678", "20261103-0004521", "01012345678", None),
        ("주문번호:20261103-0004521 휴대폰:5678", "20261103-0004521", None, "5678"),
        ("20261103-0004521,5678", "20261103-0004521", None, "5678"),
    ],
)
def test_order_number_next_to_phone_digits(
    text: str, order_no: str, phone: str | None, last4: str | None
) -> None:
    numbers = extract_numbers(text)
    assert (numbers.order_no, numbers.phone, numbers.phone_last4) == (order_no, phone, last4)
    assert numbers.tracking_no is None


@pytest.mark.parametrize(
    ("text", "tracking_no"),
    [
        ("송장번호 123456789012 로 조회해주세요", "123456789012"),
        ("CJ대한통운 6012345678901번 택배", "6012345678901"),
        ("운송장 1234 5678 9012", "123456789012"),
        ("송장번호6012-3456-7890확인", "601234567890"),
        ("20261103-0004521 송장 1234 5678 9012", "123456789012"),
    ],
)
def test_tracking_numbers_next_to_words(text: str, tracking_no: str) -> None:
    assert extract_numbers(text).tracking_no == tracking_no


def test_everything_in_one_message() -> None:
    numbers = extract_numbers(
        "20261103-0004521 5678 25,000원 결제했고 송장 123456789012 연락처 010-9876-5432"
    )
    assert numbers.order_no == "20261103-0004521"
    assert numbers.tracking_no == "123456789012"
    assert numbers.phone == "01098765432"
    assert numbers.amount == 25_000


@pytest.mark.parametrize("text", ["25,000원", "1,234개", "12:30에 받았어요", "2026년 11월"])
def test_amounts_and_units_are_not_identifiers(text: str) -> None:
    numbers = extract_numbers(text)
    assert (numbers.order_no, numbers.tracking_no, numbers.phone_last4) == (None, None, None)
