"""Splitting long texts into pieces Telegram accepts, at the most natural boundary."""

import re

_SENTENCE_BREAK = re.compile(r"(?<=[.!?。！？…])\s+")


def utf16_len(text: str) -> int:
    """Return the length of `text` as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def split_text(text: str, limit: int) -> list[str]:
    """Split `text` into stripped pieces of at most `limit` UTF-16 units.

    Each cut falls, in order of preference, at a paragraph break, a line break, the end of
    a sentence or a space in the second half of the piece; a word longer than that is cut hard.
    """
    pieces: list[str] = []
    rest = text.strip()
    while utf16_len(rest) > limit:
        window = _fitting_prefix(rest, limit)
        cut = _best_cut(window)
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


def _fitting_prefix(text: str, limit: int) -> str:
    prefix = text[:limit]
    while (excess := utf16_len(prefix) - limit) > 0:
        prefix = prefix[: len(prefix) - (excess + 1) // 2]
    return prefix


def _best_cut(window: str) -> int:
    floor = len(window) // 2
    for separator in ("\n\n", "\n"):
        at = window.rfind(separator)
        if at > floor:
            return at
    sentence_ends = [m.start() for m in _SENTENCE_BREAK.finditer(window, floor)]
    if sentence_ends:
        return sentence_ends[-1]
    at = window.rfind(" ")
    return at if at > floor else len(window)
