"""Numbers in a message: order, tracking and phone numbers, and money amounts."""

import re
from dataclasses import dataclass
from datetime import date

# Digit runs that may be broken by single spaces or dashes ("2026 1103-0004521").
_DIGIT_GROUPS = re.compile(r"(?<![\d$.,])(?:\+?82[\s-]?)?\d+(?:[\s-]\d+)*(?![\d,])")
_UNIT_AFTER = re.compile(
    r"\s*(?:원|만|천|억|년|개|명|일|월|시|분|초|살|세|번째|%|달러|dollars?|usd|won|krw)"
)
_PHONE_PREFIXES = ("010", "011", "016", "017", "018", "019")

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
_LONE_4 = re.compile(r"(?<![\d$.,:/-])(\d{4})(?![\d,.:/-])")


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
    return digits.startswith("20")


def _phone_digits(raw: str, digits: str) -> str | None:
    if raw.lstrip().startswith(("+82", "82")) and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if digits.startswith(_PHONE_PREFIXES) and len(digits) in (10, 11):
        return digits
    return None


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


def _money(text: str) -> int | None:
    for match in _MONEY_KO.finditer(text):
        spelled = match.group(1).strip()
        if spelled and (value := _won(spelled)) >= 10:
            return value
    for match in _MONEY_USD.finditer(text):
        return int(float((match.group(1) or match.group(2)).replace(",", "")))
    return None


def extract_numbers(text: str) -> Numbers:
    """Find order, tracking and phone numbers, a lone 4-digit number and an amount."""
    order_no = tracking_no = phone = None
    spans: list[tuple[int, int]] = []
    for match in _DIGIT_GROUPS.finditer(text):
        raw = match.group()
        digits = re.sub(r"\D", "", raw)
        if _UNIT_AFTER.match(text, match.end()):
            continue
        if len(digits) == 15 and _valid_order_date(digits):
            order_no = order_no or f"{digits[:8]}-{digits[8:]}"
        elif found_phone := _phone_digits(raw, digits):
            phone = phone or found_phone
        elif 10 <= len(digits) <= 13:
            tracking_no = tracking_no or digits
        else:
            continue
        spans.append(match.span())
    last4 = None
    if phone is None:
        for match in _LONE_4.finditer(text):
            inside = any(start <= match.start() < end for start, end in spans)
            if not inside and not _UNIT_AFTER.match(text, match.end()):
                last4 = match.group(1)
                break
    return Numbers(order_no, tracking_no, phone, last4, _money(text))
