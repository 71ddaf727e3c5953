"""Product names in a message, matched against the catalogue despite typos and spacing."""

import copy
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import chain, repeat

from core.nlu.data import CatalogTerm

_MIN_RATIO = 0.84
_MIN_SHARED = 0.5
_MIN_LENGTH = 2


def _compact(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


def _jamo(text: str) -> str:
    """Hangul syllables split into jamo, so one wrong vowel costs one letter, not one block."""
    return unicodedata.normalize("NFD", text)


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _matcher(jamo: str) -> SequenceMatcher[str]:
    """A matcher with the name as its fixed second sequence, indexed once and copied per use."""
    matcher: SequenceMatcher[str] = SequenceMatcher(None, "", jamo, autojunk=False)
    matcher.quick_ratio()  # builds the name's letter counts, kept by shallow copies
    return matcher


@dataclass(frozen=True, slots=True)
class _Name:
    product_id: str
    compact: str
    matcher: SequenceMatcher[str]
    bigrams: frozenset[str]


class CatalogMatcher:
    """Finds catalogue products named in a message."""

    __slots__ = ("_by_bigram", "_names", "_needed")
    _by_bigram: dict[str, tuple[int, ...]]

    def __init__(self, catalog: Iterable[CatalogTerm]) -> None:
        names: list[_Name] = []
        for term in catalog:
            for spelled in term.names:
                compact = _compact(spelled)
                if len(compact) >= _MIN_LENGTH:
                    names.append(
                        _Name(
                            term.product_id,
                            compact,
                            _matcher(_jamo(compact)),
                            frozenset(_bigrams(compact)),
                        )
                    )
        names.sort(key=lambda item: len(item.compact), reverse=True)
        self._names = tuple(names)
        by_bigram: dict[str, list[int]] = {}
        for position, name in enumerate(self._names):
            for gram in name.bigrams:
                by_bigram.setdefault(gram, []).append(position)
        self._needed = tuple(max(2.0, _MIN_SHARED * len(name.bigrams)) for name in names)
        self._by_bigram = {gram: tuple(positions) for gram, positions in by_bigram.items()}

    def match(self, text: str) -> tuple[str, ...]:
        """Product ids named in the text, longest catalogue names first, without repeats."""
        if not self._names:
            return ()
        compact = _compact(text)
        grams = _bigrams(compact)
        # Count shared bigrams per name without a Python-level loop over the postings.
        postings = map(self._by_bigram.get, grams, repeat(()))
        shared = Counter(chain.from_iterable(postings))
        found: list[str] = []
        needed = self._needed
        for position in sorted(p for p, count in shared.items() if count >= needed[p]):
            name = self._names[position]
            if name.product_id in found:
                continue
            if name.compact in compact or self._fuzzy(name, compact):
                found.append(name.product_id)
        return tuple(found)

    @staticmethod
    def _fuzzy(name: _Name, compact: str) -> bool:
        """A window of the text close to the name: same length ±1, one of its first two
        letters in place, and a jamo-level similarity of at least `_MIN_RATIO`."""
        if len(name.compact) < 3:
            return False
        size = len(name.compact)
        first, second = name.compact[0], name.compact[1]
        matcher = copy.copy(name.matcher)
        for start in range(max(1, len(compact) - size + 2)):
            if compact[start] != first and compact[start + 1 : start + 2] != second:
                continue
            for width in (size, size - 1, size + 1):
                matcher.set_seq1(_jamo(compact[start : start + width]))
                if (
                    matcher.real_quick_ratio() >= _MIN_RATIO
                    and matcher.quick_ratio() >= _MIN_RATIO
                    and matcher.ratio() >= _MIN_RATIO
                ):
                    return True
        return False
