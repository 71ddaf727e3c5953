"""Product options in a message: colour (canonical Korean name) and size."""

import re

_COLOURS: dict[str, tuple[str, ...]] = {
    "블랙": ("블랙", "검정", "검은", "검정색", "까만", "까망", "black", "blk"),
    "화이트": ("화이트", "흰색", "흰", "하얀", "하양", "white", "wht"),
    "아이보리": ("아이보리", "ivory"),
    "크림": ("크림", "cream"),
    "그레이": ("그레이", "그레이색", "회색", "잿빛", "gray", "grey"),
    "차콜": ("차콜", "charcoal"),
    "네이비": ("네이비", "남색", "곤색", "navy"),
    "블루": ("블루", "파랑", "파란", "하늘색", "소라색", "blue"),
    "베이지": ("베이지", "베이쥐", "beige"),
    "브라운": ("브라운", "갈색", "밤색", "고동색", "brown"),
    "카멜": ("카멜", "camel"),
    "카키": ("카키", "국방색", "khaki"),
    "그린": ("그린", "초록", "녹색", "연두", "green"),
    "민트": ("민트", "mint"),
    "레드": ("레드", "빨강", "빨간", "빨갛", "red"),
    "와인": ("와인", "버건디", "wine", "burgundy"),
    "핑크": ("핑크", "분홍", "pink"),
    "퍼플": ("퍼플", "보라", "purple", "violet"),
    "옐로우": ("옐로우", "옐로", "노랑", "노란", "yellow"),
    "오렌지": ("오렌지", "주황", "orange"),
    "실버": ("실버", "은색", "silver"),
    "골드": ("골드", "금색", "gold"),
}
_COLOUR_OF = {alias: name for name, aliases in _COLOURS.items() for alias in aliases}
_BY_LENGTH = sorted(_COLOUR_OF, key=len, reverse=True)
_COLOUR_KO = re.compile("|".join(re.escape(alias) for alias in _BY_LENGTH if not alias.isascii()))
_COLOUR_EN = re.compile(
    r"\b(?:" + "|".join(re.escape(alias) for alias in _BY_LENGTH if alias.isascii()) + r")\b"
)
_ASCII_LETTER = re.compile(r"[a-z]")

_LETTER_SIZES = {
    "xxxl": "XXXL",
    "3xl": "XXXL",
    "xxl": "XXL",
    "2xl": "XXL",
    "xl": "XL",
    "xs": "XS",
    "s": "S",
    "m": "M",
    "l": "L",
    "free": "FREE",
    "f": "FREE",
    "small": "S",
    "medium": "M",
    "large": "L",
    "프리": "FREE",
    "스몰": "S",
    "미디움": "M",
    "미디엄": "M",
    "라지": "L",
    "엑스라지": "XL",
    "투엑스라지": "XXL",
}
_LETTER_SIZE = re.compile(
    r"(?<![a-z'’])(xxxl|3xl|xxl|2xl|xl|xs|s|m|l|free|f)(?![a-z])"
    r"(?=\s*(?:사이즈|size|로|으로|이요|요|이랑|랑|는|은|도|\)|$|[\s,.!?/]))"
    r"|\b(small|medium|large)\b|(투엑스라지|엑스라지|프리|스몰|미디움|미디엄|라지)(?:\s*사이즈)?"
)
_SHOE_SIZE = re.compile(
    r"(?<![\d.,$])(2[2-9][05]|300)(?![\d,])(?!\s*(?:원|만|개|명|일|%|번|g|ml|cm))"
)
_KO_SIZE = re.compile(
    r"(?<![\d.,$])(44|55|66|77|88)(반)?(?![\d,])(?!\s*(?:원|만|개|명|일|%|번|살|세|분))"
)


def extract_colour(text: str) -> str | None:
    """The first colour mentioned, as its canonical Korean name ("검정" → "블랙")."""
    lowered = text.lower()
    match = _COLOUR_KO.search(lowered)
    if match is None and _ASCII_LETTER.search(lowered):
        match = _COLOUR_EN.search(lowered)
    return _COLOUR_OF[match.group()] if match else None


def extract_size(text: str) -> str | None:
    """The first size mentioned: S/M/L/XL…, FREE, a shoe size (230–290) or 55/66/77."""
    lowered = text.lower()
    if match := _LETTER_SIZE.search(lowered):
        return _LETTER_SIZES[next(group for group in match.groups() if group)]
    if match := _SHOE_SIZE.search(lowered):
        return match.group(1)
    if match := _KO_SIZE.search(lowered):
        return match.group(1) + (match.group(2) or "")
    return None
