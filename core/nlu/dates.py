"""Dates in a message, relative to the shop's today: 어제, 지난주 금요일, 11월 3일, last friday."""

import re
from datetime import date, timedelta

_KO_WEEKDAYS = {"월": 0, "화": 1, "수": 2, "목": 3, "금": 4, "토": 5, "일": 6}
_EN_WEEKDAYS = {
    "mon": 0,
    "tue": 1,
    "wed": 2,
    "thu": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}
_EN_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_RELATIVE_DAYS = (
    (re.compile(r"그저께|그제|엊그제|day before yesterday"), -2),
    (re.compile(r"어제|어저께|yesterday"), -1),
    (re.compile(r"오늘|금일|today|tonight"), 0),
    (re.compile(r"모레|day after tomorrow"), 2),
    (re.compile(r"내일|tomorrow"), 1),
)
_DAYS_AGO = re.compile(r"(\d{1,2})\s*(?:일\s*전|days?\s+ago)")
_ISO = re.compile(r"(?<!\d)(20\d{2})[./-](\d{1,2})[./-](\d{1,2})(?!\d)")
_KO_MONTH_DAY = re.compile(r"(?<!\d)(\d{1,2})\s*월\s*(\d{1,2})\s*일")
_SLASH_MONTH_DAY = re.compile(r"(?<![\d/.-])(\d{1,2})/(\d{1,2})(?![\d/])")
_EN_MONTH_DAY = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b"
    r"|\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
)
_KO_WEEKDAY = re.compile(
    r"(지지난\s*주|지난\s*주|저번\s*주|이번\s*주|담\s*주|다음\s*주)?\s*([월화수목금토일])요일"
)
_EN_WEEKDAY = re.compile(r"\b(last|this|next|on)?\s*(mon|tue|wed|thu|fri|sat|sun)[a-z]*day\b")
_FUTURE_MARGIN = timedelta(days=60)
# Cheap first check: most messages carry no date at all.
_HINT = re.compile(
    r"\d|제|께|늘|금일|모레|내일|요일|day|tomorrow|tonight|ago"
    r"|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
)


def _month_day(today: date, month: int, day: int) -> date | None:
    """Month and day without a year: this year, unless that is far in the future."""
    try:
        found = date(today.year, month, day)
    except ValueError:
        return None
    if found - today > _FUTURE_MARGIN:
        try:
            return date(today.year - 1, month, day)
        except ValueError:
            return None
    return found


def _weekday(today: date, weekday: int, week: str | None) -> date:
    """A weekday: in the named week (Monday-based), else the latest one up to today."""
    monday = today - timedelta(days=today.weekday())
    if week is None or week in ("on",):
        return today - timedelta(days=(today.weekday() - weekday) % 7)
    week = week.replace(" ", "")
    if week == "last":
        return today - timedelta(days=(today.weekday() - weekday - 1) % 7 + 1)
    offset = {"지지난주": -2, "지난주": -1, "저번주": -1, "담주": 1, "다음주": 1, "next": 1}
    return monday + timedelta(weeks=offset.get(week, 0), days=weekday)


def extract_date(text: str, today: date) -> date | None:
    """The first date the text mentions, resolved against `today`."""
    lowered = text.lower()
    if not _HINT.search(lowered):
        return None
    if match := _ISO.search(lowered):
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
    if match := _KO_MONTH_DAY.search(lowered):
        return _month_day(today, int(match[1]), int(match[2]))
    if match := _EN_MONTH_DAY.search(lowered):
        month = _EN_MONTHS[match[1] or match[4]]
        return _month_day(today, month, int(match[2] or match[3]))
    if match := _KO_WEEKDAY.search(lowered):
        return _weekday(today, _KO_WEEKDAYS[match[2]], match[1])
    if match := _EN_WEEKDAY.search(lowered):
        return _weekday(today, _EN_WEEKDAYS[match[2]], match[1])
    if match := _DAYS_AGO.search(lowered):
        return today - timedelta(days=int(match[1]))
    for pattern, shift in _RELATIVE_DAYS:
        if pattern.search(lowered):
            return today + timedelta(days=shift)
    if match := _SLASH_MONTH_DAY.search(lowered):
        return _month_day(today, int(match[1]), int(match[2]))
    return None
