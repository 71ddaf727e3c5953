"""Replies to skill response v2.0 JSON within Kakao's limits (pure).

Limits: https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
(platforms.md §1.6). Whatever does not fit a component becomes text; text never disappears
silently: only what remains beyond three full outputs is cut, at a sentence boundary.
"""

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final

from core.models import Button, Card, Carousel, Image, QuickReply, Reply, ReplyPart, Text

MAX_OUTPUTS: Final = 3
MAX_TEXT: Final = 1000
MAX_QUICK_REPLIES: Final = 10
MAX_LABEL: Final = 14
MAX_TITLE: Final = 50
MAX_TEXT_CARD: Final = 400  # title + description
MAX_BASIC_CARD_DESCRIPTION: Final = 230
MAX_CAROUSEL_DESCRIPTION: Final = 128
MAX_CAROUSEL_ITEMS: Final = 10
MAX_BUTTONS: Final = 3
MAX_ALT_TEXT: Final = 50
ELLIPSIS: Final = "…"
_BREAKS: Final = ("\n\n", "\n", ". ", "! ", "? ", "。", " ")

Json = dict[str, Any]


@dataclass(frozen=True, slots=True)
class _Block:
    """One future output: `text` is how it reads as plain text, `output` its component.

    `postbacks` are its buttons, which become quick replies once the block is only text.
    """

    text: str
    output: Json | None = None
    postbacks: tuple[QuickReply, ...] = ()

    def as_text(self) -> "_Block":
        return _Block(self.text, None, self.postbacks)


def render_skill_response(reply: Reply) -> Json:
    """Return the skill response (v2.0) showing `reply`."""
    blocks = _fit([block for part in reply.parts for block in _blocks(part)])
    quick = [*reply.quick_replies, *(q for b in blocks if b.output is None for q in b.postbacks)]
    overflow = quick[MAX_QUICK_REPLIES:]
    if overflow:
        blocks = _fit([*blocks, _Block(" · ".join(q.label for q in overflow))])
    template: Json = {"outputs": [_output(block) for block in blocks]}
    if quick:
        template["quickReplies"] = [_quick_reply(q) for q in quick[:MAX_QUICK_REPLIES]]
    return {"version": "2.0", "template": template}


def render_callback_wait(text: str) -> Json:
    """Return the immediate answer promising a callback, with `text` for the waiting bubble."""
    return {"version": "2.0", "useCallback": True, "data": {"text": text}}


def _blocks(part: ReplyPart) -> list[_Block]:
    if isinstance(part, Text):
        return [_Block(chunk) for chunk in _split(part.text.strip(), MAX_TEXT) if chunk]
    if isinstance(part, Card):
        return [_card(part)]
    if isinstance(part, Carousel):
        return _carousel(part.cards)
    return [_image(part)]


def _card(card: Card) -> _Block:
    block = _card_as_text(card)
    if card.image_url:
        fits = len(card.description) <= MAX_BASIC_CARD_DESCRIPTION
        output = {"basicCard": {**_card_body(card), "thumbnail": {"imageUrl": card.image_url}}}
    else:
        fits = len(card.title) + len(card.description) <= MAX_TEXT_CARD
        output = {"textCard": _card_body(card)}
    if fits and _card_fits(card):
        return _Block(block.text, output, block.postbacks)
    return block


def _carousel(cards: Sequence[Card]) -> list[_Block]:
    shown: list[Card] = []
    rest: list[_Block] = []
    for card in cards:
        fits = _card_fits(card) and len(card.description) <= MAX_CAROUSEL_DESCRIPTION
        if fits and len(shown) < MAX_CAROUSEL_ITEMS:
            shown.append(card)
        else:
            rest.append(_card_as_text(card))
    blocks = []
    if shown:
        output = {"carousel": {"type": "textCard", "items": [_card_body(c) for c in shown]}}
        as_text = _joined(_card_as_text(c) for c in shown)
        blocks.append(_Block(as_text.text, output, as_text.postbacks))
    if rest:
        blocks.append(_joined(rest))
    return blocks


def _image(image: Image) -> _Block:
    alt = _clip(image.alt, MAX_ALT_TEXT)
    output = {"simpleImage": {"imageUrl": image.url, "altText": alt}}
    return _Block(f"{image.alt}\n{image.url}".strip(), output)


def _card_fits(card: Card) -> bool:
    return len(card.title) <= MAX_TITLE and len(card.buttons) <= MAX_BUTTONS


def _card_body(card: Card) -> Json:
    body: Json = {}
    if card.title:
        body["title"] = card.title
    if card.description:
        body["description"] = card.description
    if card.buttons:
        body["buttons"] = [_button(b) for b in card.buttons]
    return body


def _card_as_text(card: Card) -> _Block:
    links = [f"{b.label}: {b.url}" for b in card.buttons if b.url]
    text = "\n".join(line for line in (card.title, card.description, *links) if line)
    postbacks = tuple(QuickReply(b.label, b.payload) for b in card.buttons if b.payload)
    return _Block(text, None, postbacks)


def _button(button: Button) -> Json:
    label = _clip(button.label, MAX_LABEL)
    if button.url:
        return {"label": label, "action": "webLink", "webLinkUrl": button.url}
    out: Json = {"label": label, "action": "message", "messageText": button.label}
    if button.payload:
        out["extra"] = {"payload": button.payload}
    return out


def _quick_reply(quick: QuickReply) -> Json:
    return {
        "label": _clip(quick.label, MAX_LABEL),
        "action": "message",
        "messageText": quick.label,
        "extra": {"payload": quick.payload},
    }


def _output(block: _Block) -> Json:
    return block.output or {"simpleText": {"text": _clip(block.text, MAX_TEXT)}}


def _fit(blocks: list[_Block]) -> list[_Block]:
    """Merge texts, then turn components into text, until at most three outputs remain."""
    while len(blocks) > MAX_OUTPUTS:
        at = _mergeable_pair(blocks)
        if at is None:
            rich = [i for i, b in enumerate(blocks) if b.output is not None]
            if rich:
                blocks[rich[-1]] = blocks[rich[-1]].as_text()
                continue
            at = len(blocks) - 2  # all text, all long: what is beyond the 3rd output is cut
        blocks[at : at + 2] = [_joined(blocks[at : at + 2])]
    return blocks


def _mergeable_pair(blocks: Sequence[_Block]) -> int | None:
    """Return the index of the shortest adjacent text pair that fits one output."""
    pairs = [
        (len(a.text) + len(b.text), i)
        for i, (a, b) in enumerate(itertools.pairwise(blocks))
        if a.output is None and b.output is None
    ]
    size, at = min(pairs, default=(MAX_TEXT + 1, None))
    return at if size + 2 <= MAX_TEXT else None


def _joined(blocks: Iterable[_Block]) -> _Block:
    parts = list(blocks)
    text = "\n\n".join(b.text for b in parts)
    return _Block(text, None, tuple(q for b in parts for q in b.postbacks))


def _split(text: str, limit: int) -> list[str]:
    chunks = []
    while len(text) > limit:
        at = _break_at(text, limit)
        chunks.append(text[:at].rstrip())
        text = text[at:].lstrip()
    chunks.append(text)
    return chunks


def _clip(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: _break_at(text, limit - len(ELLIPSIS))].rstrip() + ELLIPSIS


def _break_at(text: str, limit: int) -> int:
    """Return where to cut `text` to at most `limit` chars: a paragraph, line, sentence, word."""
    window = text[:limit]
    for separator in _BREAKS:
        at = window.rfind(separator)
        if at >= limit // 2:
            return at + len(separator)
    return limit
