"""Text normalisation, locale detection and the character n-grams every model reads."""

import re
import unicodedata

_REPEATS = re.compile(r"(.)\1{3,}")
_DIGITS = re.compile(r"\d")
_SPACES = re.compile(r"\s+")
_LATIN = re.compile(r"[A-Za-z]")
_HANGUL = re.compile("[\uac00-\ud7a3\u3131-\u318e\u1100-\u11ff]")

FEATURES = "char_wb 2-4, compact 2-3"
"""The n-grams `char_ngrams` produces; part of the model cache key, so change it with them."""


def normalize(text: str) -> str:
    """Fold width and case, squeeze long repeats (ㅋㅋㅋㅋㅋ → ㅋㅋㅋ) and digits to 0."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = _REPEATS.sub(r"\1\1\1", text)
    text = _DIGITS.sub("0", text)
    return _SPACES.sub(" ", text).strip()


_OPENING = re.compile(
    r"^(?:안녕하세요|안녕하세여|안녕하십니까|안녕|수고하십니다|수고하세요|수고 많으십니다|"
    r"수고많으십니다|실례합니다|저기요|hi|hello|hey|good (?:morning|afternoon|evening))"
    r"[\s!~.,?^ㅎㅋ]*"
)


def without_opening(normalized: str) -> str:
    """Drop a leading greeting when a request follows it ("안녕하세요 배송 언제 와요?").

    A greeting on its own, or followed by a word or two of small talk ("hi there"), stays.
    """
    opening = _OPENING.match(normalized)
    if opening is None:
        return normalized
    rest = normalized[opening.end() :]
    hangul = len(_HANGUL.findall(rest))
    return rest if hangul >= 4 or len(rest.split()) >= 3 else normalized


def has_hangul(text: str) -> bool:
    """Whether the text holds a Hangul syllable or jamo."""
    return _HANGUL.search(text) is not None


def detect_locale(text: str) -> str:
    """Return "ko" for text with Hangul or without any Latin letter, else "en"."""
    if has_hangul(text) or not _LATIN.search(text):
        return "ko"
    return "en"


def word_ngrams(word: str) -> list[str]:
    """Character 2–4-grams of one word padded with a space, as scikit-learn's ``char_wb``
    (a word shorter than n gives no n-gram but itself padded, which is the same set)."""
    padded = f" {word} "
    size = len(padded)
    grams = [padded[i : i + 2] for i in range(size - 1)]
    grams += [padded[i : i + 3] for i in range(size - 2)]
    grams += [padded[i : i + 4] for i in range(size - 3)]
    return grams


def compact_ngrams(normalized: str) -> list[str]:
    """Bigrams and trigrams of the text with its spaces removed, marked with a leading "_",
    so "배송언제와요" and "배송 언제 와요" share features (chat text often drops spaces)."""
    compact = normalized.replace(" ", "")
    grams = ["_" + compact[i : i + 2] for i in range(len(compact) - 1)]
    grams += ["_" + compact[i : i + 3] for i in range(len(compact) - 2)]
    return grams


def char_ngrams(normalized: str) -> list[str]:
    """Every n-gram the models read: `word_ngrams` of each word, then `compact_ngrams`."""
    grams = [gram for word in normalized.split() for gram in word_ngrams(word)]
    return grams + compact_ngrams(normalized)
