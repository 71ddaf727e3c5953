"""Numbers in a message: order, tracking and phone numbers, and money amounts."""

import re
from dataclasses import dataclass
from datetime import date

_ORDER = re.compile(r"(?<![\d-])(20\d{2})[\s-]?(\d{2})[\s-]?(\d{2})\s?[-–]?\s?(\d{7})(?![\d-])")
_PHONE = re.compile(
    r"(?<![\d-])(?:\+\s?82[\s-]?0?|82[\s-]0?|0)(1[016789])[\s-]?(\d{3,4})[\s-]?(\d{4})(?![\d-])"
)
# Tracking numbers: 10–13 digits, possibly written in dash- or space-separated groups.
_TRACKING = re.compile(r"(?<![\d-])\d{2,}(?:[\s-]\d{2,}){0,3}(?![\d-])")
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
    taken: list[tuple[int, int]] = []
    order_no = phone = tracking_no = last4 = None
    for match in _ORDER.finditer(text):
        digits = "".join(match.groups())
        if _valid_order_date(digits):
            order_no = order_no or f"{digits[:8]}-{digits[8:]}"
            taken.append(match.span())
    for match in _PHONE.finditer(text):
        phone = phone or "0" + "".join(match.groups())
        taken.append(match.span())
    for match in _TRACKING.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        free = not any(start < match.end() and match.start() < end for start, end in taken)
        if free and 10 <= len(digits) <= 13 and not _UNIT_AFTER.match(text, match.end()):
            tracking_no = tracking_no or digits
            taken.append(match.span())
    if phone is None:
        for match in _LONE_4.finditer(text):
            inside = any(start <= match.start() < end for start, end in taken)
            if not inside and not _UNIT_AFTER.match(text, match.end()):
                last4 = match.group(1)
                break
    return Numbers(order_no, tracking_no, phone, last4, _money(text))
