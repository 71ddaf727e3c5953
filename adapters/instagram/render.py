"""Replies → Send API `message` bodies within Instagram's limits (pure)."""

import re
from collections.abc import Callable, Iterator
from typing import Any, Final

from core.models import Button, Card, Carousel, QuickReply, Reply, ReplyPart, Text

MAX_TEXT_BYTES: Final = 1000
MAX_QUICK_REPLIES: Final = 13
MAX_QUICK_REPLY_TITLE: Final = 20
MAX_PAYLOAD: Final = 1000
MAX_ELEMENTS: Final = 10
MAX_ELEMENT_TEXT: Final = 80
MAX_BUTTONS: Final = 3
MAX_BUTTON_TITLE: Final = 20

_SENTENCES = re.compile(r".*?(?:[.!?。！？…]+[\"'”’)\]」』]*\s+|\n+|$)", re.S)
_WORDS = re.compile(r"\S+\s*|\s+")

Message = dict[str, Any]


def render_messages(reply: Reply) -> list[Message]:
    """Return the `message` objects to send, in order; quick replies go on the last one.

    Text longer than 1000 UTF-8 bytes is split at sentence boundaries (then words, then
    characters); titles are clipped to the platform's lengths and lists to its counts.
    """
    messages = [message for part in reply.parts for message in _render_part(part)]
    quick_replies = _quick_replies(reply.quick_replies)
    if messages and quick_replies:
        messages[-1]["quick_replies"] = quick_replies
    return messages


def split_text(text: str, limit: int = MAX_TEXT_BYTES) -> list[str]:
    """Return `text` cut into chunks of at most `limit` UTF-8 bytes, at the gentlest boundary."""
    chunks = (chunk.strip() for chunk in _pack(text, limit, (_sentences, _words, _chars)))
    return [chunk for chunk in chunks if chunk]


def _render_part(part: ReplyPart) -> Iterator[Message]:
    if isinstance(part, Text):
        yield from ({"text": chunk} for chunk in split_text(part.text))
    elif isinstance(part, Card):
        yield _generic_template((part,))
    elif isinstance(part, Carousel):
        if part.cards:
            yield _generic_template(part.cards)
    else:  # Image
        yield {"attachment": {"type": "image", "payload": {"url": part.url}}}


def _generic_template(cards: tuple[Card, ...]) -> Message:
    elements = [_element(card) for card in cards[:MAX_ELEMENTS]]
    payload = {"template_type": "generic", "elements": elements}
    return {"attachment": {"type": "template", "payload": payload}}


def _element(card: Card) -> dict[str, Any]:
    element: dict[str, Any] = {"title": _clip(card.title, MAX_ELEMENT_TEXT)}
    if card.description:
        element["subtitle"] = _clip(card.description, MAX_ELEMENT_TEXT)
    if card.image_url:
        element["image_url"] = card.image_url
    buttons = [b for b in map(_button, card.buttons) if b is not None][:MAX_BUTTONS]
    if buttons:
        element["buttons"] = buttons
    return element


def _button(button: Button) -> dict[str, str] | None:
    title = _clip(button.label, MAX_BUTTON_TITLE)
    if button.url:
        return {"type": "web_url", "url": button.url, "title": title}
    if button.payload and len(button.payload) <= MAX_PAYLOAD:
        return {"type": "postback", "payload": button.payload, "title": title}
    return None


def _quick_replies(quick_replies: tuple[QuickReply, ...]) -> list[dict[str, str]]:
    fitting = [qr for qr in quick_replies if qr.payload and len(qr.payload) <= MAX_PAYLOAD]
    return [
        {
            "content_type": "text",
            "title": _clip(qr.label, MAX_QUICK_REPLY_TITLE),
            "payload": qr.payload,
        }
        for qr in fitting[:MAX_QUICK_REPLIES]
    ]


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _size(text: str) -> int:
    return len(text.encode())


Splitter = Callable[[str], list[str]]


def _pack(text: str, limit: int, splitters: tuple[Splitter, ...]) -> Iterator[str]:
    """Greedily join the pieces of the first splitter; oversized pieces go to the next one."""
    chunk = ""
    for piece in splitters[0](text):
        if _size(chunk + piece) <= limit:
            chunk += piece
            continue
        if chunk:
            yield chunk
        chunk = ""
        if _size(piece) <= limit:
            chunk = piece
        else:
            *full, chunk = _pack(piece, limit, splitters[1:])
            yield from full
    if chunk:
        yield chunk


def _sentences(text: str) -> list[str]:
    return [piece for piece in _SENTENCES.findall(text) if piece]


def _words(text: str) -> list[str]:
    return _WORDS.findall(text)


def _chars(text: str) -> list[str]:
    return list(text)
