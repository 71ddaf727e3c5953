"""Numbers in a message: order, tracking and phone numbers, and money amounts."""

import re
from dataclasses import dataclass
from datetime import date

_ORDER = re.compile(r"(?<![\d-])(20\d{2})[\s.-]?(\d{2})[\s.-]?(\d{2})\s?[-–]?\s?(\d{7})(?![\d-])")
_PHONE = re.compile(
    r"(?<![\d-])(?:\+\s?82[\s-]?0?|82[\s-]0?|0)(1[016789])[\s-]?(\d{3,4})[\s-]?(\d{4})(?![\d-])"
)
# Runs of digits and the single space or dash after each; tracking numbers (10–13 digits)
# may be written as up to four groups of 3+ digits, e.g. 6012-3456-7890.
_DIGIT_GROUP = re.compile(r"(\d+)([\s-]?)")
_TRACKING_DIGITS = range(10, 14)
_TRACKING_GROUPS = 4
_TRACKING_GROUP_MIN = 3
_MASK = "#"
_UNIT_AFTER = re.compile(
    r"\s*(?:원|만|천|억|년|개|명|일|월|시|분|초|살|세|번째|%|달러|dollars?|usd|won|krw)"
)
_MONEY_KO = re.compile(
    r"((?:(?:\d[\d,]*(?:\.\d+)?|[일이삼사오육칠팔구십백])?\s*[만천]\s*)*(?:\d[\d,]*)?)\s*원"
)
_MONEY_PART = re.compile(r"(\d[\d,]*(?:\.\d+)?|[일이삼사오육칠팔구십백])?\s*([만천])?")
_KO_DIGITS = {
    "일": 1,
    "이": 2,
    "삼": 3,
    "사": 4,
    "오": 5,
    "육": 6,
    "칠": 7,
    "팔": 8,
    "구": 9,
    "십": 10,
    "백": 100,
}
_UNITS = {"만": 10_000, "천": 1_000}
_MONEY_USD = re.compile(
    r"\$\s*(\d[\d,]*(?:\.\d+)?)|(\d[\d,]*(?:\.\d+)?)\s*(?:dollars?|usd|bucks)\b",
    re.IGNORECASE,
)
_ANY_DIGIT = re.compile(r"\d")
_LONE_4 = re.compile(r"(?<![\d$.])(?<!\d[,:/-])(\d{4})(?![\d.:/-]|,\d)")


@dataclass(frozen=True, slots=True)
class Numbers:
    """The number-like entities found in one message."""

    order_no: str | None = None
    tracking_no: str | None = None
    phone: str | None = None
    phone_last4: str | None = None
    amount: int | None = None


def _valid_order_date(digits: str) -> bool:
    try:
        date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return False
    return True


def _won(spelled: str) -> int:
    total = 0.0
    for number, unit in _MONEY_PART.findall(spelled):
        if not number and not unit:
            continue
        if number in _KO_DIGITS:
            value = float(_KO_DIGITS[number])
        else:
            value = float(number.replace(",", "")) if number else 1.0
        total += value * _UNITS.get(unit, 1)
    return int(total)


def _money(text: str, has_digit: bool) -> int | None:
    if "원" in text:
        for match in _MONEY_KO.finditer(text):
            spelled = match.group(1).strip()
            if spelled and (value := _won(spelled)) >= 10:
                return value
    if has_digit and (dollars := _MONEY_USD.search(text)):
        return int(float((dollars.group(1) or dollars.group(2)).replace(",", "")))
    return None


def _mask(text: str, span: tuple[int, int]) -> str:
    """Blank out a matched span so later patterns neither reuse nor merge into it."""
    start, end = span
    return text[:start] + _MASK * (end - start) + text[end:]


def _joined(previous: re.Match[str], group: re.Match[str]) -> bool:
    """Whether two digit groups are one number written with a single space or dash."""
    return (
        bool(previous.group(2))
        and previous.end() == group.start()
        and min(len(previous.group(1)), len(group.group(1))) >= _TRACKING_GROUP_MIN
    )


def _tracking(text: str) -> tuple[str, tuple[int, int]] | None:
    """The first tracking number: 10–13 digits in at most four joined groups, no unit after.

    Groups are joined only while they stay within 13 digits, so an order number, a phone
    number or a last-4 written next to a tracking number is never swallowed by it.
    """
    groups = list(_DIGIT_GROUP.finditer(text))
    for first, head in enumerate(groups):
        if text[head.start() - 1 : head.start()] == "-":
            continue
        digits = found = ""
        end = -1
        for last in range(first, min(first + _TRACKING_GROUPS, len(groups))):
            if last > first and not _joined(groups[last - 1], groups[last]):
                break
            digits += groups[last].group(1)
            if len(digits) > _TRACKING_DIGITS.stop - 1:
                break
            if len(digits) in _TRACKING_DIGITS:
                found, end = digits, groups[last].end(1)
        if end > 0 and text[end : end + 1] != "-" and not _UNIT_AFTER.match(text, end):
            return found, (head.start(), end)
    return None


def extract_numbers(text: str) -> Numbers:
    """Find order, tracking and phone numbers, a lone 4-digit number and an amount."""
    if not _ANY_DIGIT.search(text):  # only a spelled-out amount (오만원) is possible
        return Numbers(amount=_money(text, has_digit=False))
    order_no = phone = tracking_no = last4 = None
    masked = text
    for match in _ORDER.finditer(text):
        digits = "".join(match.groups())
        if _valid_order_date(digits):
            order_no = order_no or f"{digits[:8]}-{digits[8:]}"
            masked = _mask(masked, match.span())
    for match in _PHONE.finditer(masked):
        phone = phone or "0" + "".join(match.groups())
        masked = _mask(masked, match.span())
    if found := _tracking(masked):
        tracking_no, span = found
        masked = _mask(masked, span)
    if phone is None:
        for match in _LONE_4.finditer(masked):
            if not _UNIT_AFTER.match(masked, match.end()):
                last4 = match.group(1)
                break
    return Numbers(order_no, tracking_no, phone, last4, _money(text, has_digit=True))
