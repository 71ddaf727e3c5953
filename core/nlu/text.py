"""Text normalisation, locale detection and the character n-grams every model reads."""

import re
import unicodedata

_REPEATS = re.compile(r"(.)\1{3,}")
_DIGITS = re.compile(r"\d")
_SPACES = re.compile(r"\s+")
_LATIN = re.compile(r"[A-Za-z]")

NGRAM_MIN = 2
NGRAM_MAX = 4


def normalize(text: str) -> str:
    """Fold width and case, squeeze long repeats (ㅋㅋㅋㅋㅋ → ㅋㅋㅋ) and digits to 0."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = _REPEATS.sub(r"\1\1\1", text)
    text = _DIGITS.sub("0", text)
    return _SPACES.sub(" ", text).strip()


def has_hangul(text: str) -> bool:
    """Whether the text holds a Hangul syllable or jamo."""
    return any(
        "\uac00" <= ch <= "\ud7a3" or "\u3131" <= ch <= "\u318e" or "\u1100" <= ch <= "\u11ff"
        for ch in text
    )


def detect_locale(text: str) -> str:
    """Return "ko" for text with Hangul or without any Latin letter, else "en"."""
    if has_hangul(text) or not _LATIN.search(text):
        return "ko"
    return "en"


def char_ngrams(normalized: str) -> list[str]:
    """Word-bounded character n-grams (1–4) plus space-free bigrams and trigrams.

    The first part mirrors scikit-learn's ``char_wb`` analyzer; the second makes
    "배송언제와요" and "배송 언제 와요" share features, as chat text often drops spaces.
    """
    grams: list[str] = []
    for word in normalized.split():
        padded = f" {word} "
        size = len(padded)
        for n in range(NGRAM_MIN, NGRAM_MAX + 1):
            if size <= n:
                grams.append(padded)
                break
            grams += [padded[i : i + n] for i in range(size - n + 1)]
    compact = "_" + normalized.replace(" ", "")
    size = len(compact)
    grams += ["_" + compact[i : i + 2] for i in range(1, size - 1)]
    grams += ["_" + compact[i : i + 3] for i in range(1, size - 2)]
    return grams
