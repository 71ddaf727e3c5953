"""FAQ retrieval: IDF-weighted character n-gram overlap, pure Python and fast."""

import math
import re
import tomllib
import unicodedata
from collections import Counter
from dataclasses import dataclass
from importlib.resources import files

_NOISE = re.compile(r"[^\w\s]")
_MIN_SCORE = 0.45
_WORD = "w:"
_FILLER = frozenset(
    [
        "어떻게",
        "얼마나",
        "언제",
        "있어요",
        "있나요",
        "되나요",
        "돼요",
        "되요",
        "가능해요",
        "가능한가요",
        "가능할까요",
        "싶어요",
        "주세요",
        "해주세요",
        "알려주세요",
        "하고",
        "뭐예요",
        "뭐에요",
        "해요",
        "인가요",
        "좀",
        "혹시",
        "a",
        "an",
        "the",
        "i",
        "you",
        "we",
        "my",
        "me",
        "your",
        "is",
        "are",
        "be",
        "can",
        "could",
        "do",
        "does",
        "how",
        "what",
        "when",
        "to",
        "it",
        "of",
        "for",
        "in",
        "on",
        "with",
        "will",
        "please",
        "there",
        "any",
        "get",
    ]
)


def grams(text: str) -> frozenset[str]:
    """Return the words (marked `w:`) and character n-grams of `text`, without filler words.

    Hangul text is read without spaces (spacing varies in chat); Latin text word by word.
    A Latin-script message must share at least one whole word with an entry to match it.
    """
    folded = _NOISE.sub(" ", unicodedata.normalize("NFKC", text).lower())
    words = [word for word in folded.split() if word not in _FILLER]
    out = {_WORD + word for word in words if len(word) > 1}
    if _hangul(folded):
        joined = "".join(words)
        out.update(joined[i : i + n] for n in (2, 3) for i in range(len(joined) - n + 1))
    else:
        for word in words:
            padded = f" {word} "
            out.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class _Entry:
    faq_id: str
    topic: str
    union: frozenset[str]
    questions: tuple[tuple[frozenset[str], float], ...]


class FaqIndex:
    """The FAQ questions of every locale; `best` finds the entry a message asks about.

    The score is the geometric mean of how much of the message the entry's questions cover
    and how close the nearest question is (IDF-weighted cosine).
    """

    def __init__(
        self,
        questions: dict[str, dict[str, list[str]]],
        topics: dict[str, str] | None = None,
    ) -> None:
        self._weights: dict[str, dict[str, float]] = {}
        self._entries: dict[str, list[_Entry]] = {}
        for locale, entries in questions.items():
            sets = {faq_id: [grams(text) for text in texts] for faq_id, texts in entries.items()}
            unions = {faq_id: frozenset().union(*found) for faq_id, found in sets.items()}
            df = Counter(gram for union in unions.values() for gram in union)
            weights = {gram: math.log(1 + len(unions) / count) for gram, count in df.items()}
            self._weights[locale] = weights
            self._entries[locale] = [
                _Entry(
                    faq_id,
                    (topics or {}).get(faq_id, ""),
                    unions[faq_id],
                    tuple((found, _norm(found, weights)) for found in sets[faq_id]),
                )
                for faq_id in sets
            ]

    @classmethod
    def load(cls) -> "FaqIndex":
        """Read `conversations/content/<locale>/faq.toml` for every locale."""
        content = files("conversations") / "content"
        questions: dict[str, dict[str, list[str]]] = {}
        topics: dict[str, str] = {}
        for locale in ("ko", "en"):
            data = tomllib.loads((content / locale / "faq.toml").read_text(encoding="utf-8"))
            questions[locale] = {faq_id: list(e["questions"]) for faq_id, e in data.items()}
            topics.update((faq_id, e.get("topic", "")) for faq_id, e in data.items())
        return cls(questions, topics)

    def best(self, locale: str, text: str, topic: str = "") -> tuple[str, float] | None:
        """Return the FAQ id that `text` asks about and its score, or None when none fits.

        With `topic`, only entries of that topic are considered.
        """
        weights = self._weights.get(locale, {})
        query = grams(text)
        if not query or not weights:
            return None
        unknown = max(weights.values())
        latin = not _hangul(text)
        total = sum(weights.get(g, unknown) for g in query)
        query_norm = math.sqrt(sum(weights.get(g, unknown) ** 2 for g in query))
        best_id, best_score = "", 0.0
        for entry in self._entries[locale]:
            if topic and entry.topic != topic:
                continue
            shared = query & entry.union
            if not shared or (latin and not any(g.startswith(_WORD) for g in shared)):
                continue
            coverage = sum(weights[g] for g in shared) / total
            closest = max(
                sum(weights[g] ** 2 for g in query & found) / (query_norm * norm)
                for found, norm in entry.questions
            )
            score = math.sqrt(coverage * closest)
            if score > best_score:
                best_id, best_score = entry.faq_id, score
        return (best_id, best_score) if best_score >= _MIN_SCORE else None


def _norm(found: frozenset[str], weights: dict[str, float]) -> float:
    return math.sqrt(sum(weights[g] ** 2 for g in found)) or 1.0


def _hangul(text: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" for ch in text)
