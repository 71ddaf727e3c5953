"""Replies as sendMessage / sendPhoto keyword arguments: HTML text, inline keyboards."""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from html import escape
from types import MappingProxyType
from typing import Any, Final

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode

from adapters.telegram.text import split_text, utf16_len
from core.models import Button, Card, Carousel, Image, Reply, Text

TEXT_LIMIT: Final = 4096
CAPTION_LIMIT: Final = 1024
CALLBACK_DATA_LIMIT: Final = 64
CALLBACK_PREFIX: Final = "cb:"
MAX_QUICK_REPLIES: Final = 10
QUICK_REPLIES_PER_ROW: Final = 2
# Telegram refuses an empty text; quick replies with nothing above them still need a message.
BLANK_TEXT: Final = "\u2063"

_NOTHING_STORED: Final[Mapping[str, str]] = MappingProxyType({})


def needs_storing(payload: str) -> bool:
    """Return True when `payload` cannot travel as callback_data itself (1-64 bytes)."""
    size = len(payload.encode())
    return not 0 < size <= CALLBACK_DATA_LIMIT or payload.startswith(CALLBACK_PREFIX)


def payloads_to_store(reply: Reply) -> set[str]:
    """Return the postback payloads of `reply` that must be stored before rendering."""
    return {p for p in _postback_payloads(reply) if needs_storing(p)}


def render_messages(
    reply: Reply, *, stored: Mapping[str, str] = _NOTHING_STORED
) -> list[dict[str, Any]]:
    """Return the keyword arguments of the sendMessage/sendPhoto calls showing `reply`.

    A dict with `photo` is a sendPhoto call, any other a sendMessage call. Consecutive texts
    share a message; long texts are split; quick replies become the inline keyboard of the last
    message. `stored` maps each payload of `payloads_to_store(reply)` to its token.
    """
    drafts: list[_Draft] = []
    texts: list[str] = []
    for part in reply.parts:
        if isinstance(part, Text):
            texts.append(part.text)
            continue
        drafts.extend(_text_drafts("\n\n".join(texts)))
        texts.clear()
        drafts.extend(_part_drafts(part, stored))
    drafts.extend(_text_drafts("\n\n".join(texts)))
    quick = reply.quick_replies[:MAX_QUICK_REPLIES]
    if quick:
        if not drafts:
            drafts.append(_Draft(text=BLANK_TEXT))
        buttons = [
            InlineKeyboardButton(q.label, callback_data=callback_data(q.payload, stored))
            for q in quick
        ]
        drafts[-1].rows.extend(
            buttons[i : i + QUICK_REPLIES_PER_ROW]
            for i in range(0, len(buttons), QUICK_REPLIES_PER_ROW)
        )
    return [draft.kwargs() for draft in drafts]


def callback_data(payload: str, stored: Mapping[str, str]) -> str:
    """Return the callback_data carrying `payload`: itself, or `cb:<token>` when stored."""
    return f"{CALLBACK_PREFIX}{stored[payload]}" if needs_storing(payload) else payload


@dataclass(slots=True)
class _Draft:
    text: str = ""
    photo: str | None = None
    rows: list[list[InlineKeyboardButton]] = field(default_factory=list)

    def kwargs(self) -> dict[str, Any]:
        call: dict[str, Any] = {"photo": self.photo} if self.photo else {"text": self.text}
        if self.photo and self.text:
            call["caption"] = self.text
        if self.text:
            call["parse_mode"] = ParseMode.HTML
        if self.rows:
            call["reply_markup"] = InlineKeyboardMarkup(self.rows)
        return call


def _text_drafts(text: str, *, bold_prefix: str = "") -> list[_Draft]:
    pieces = split_text(text, TEXT_LIMIT)
    drafts = [_Draft(text=escape(piece, quote=False)) for piece in pieces]
    if bold_prefix and pieces and pieces[0].startswith(bold_prefix):
        rest = pieces[0].removeprefix(bold_prefix)
        drafts[0].text = f"<b>{escape(bold_prefix, quote=False)}</b>{escape(rest, quote=False)}"
    return drafts


def _part_drafts(part: Card | Carousel | Image, stored: Mapping[str, str]) -> list[_Draft]:
    if isinstance(part, Image):
        return [_Draft(photo=part.url)]
    if isinstance(part, Carousel):
        return [draft for card in part.cards for draft in _card_drafts(card, stored)]
    return _card_drafts(part, stored)


def _card_drafts(card: Card, stored: Mapping[str, str]) -> list[_Draft]:
    title = card.title.strip()
    body = "\n".join(t for t in (title, card.description.strip()) if t)
    drafts = _text_drafts(body, bold_prefix=title)
    if card.image_url:
        if len(drafts) == 1 and utf16_len(body) <= CAPTION_LIMIT:
            drafts = [_Draft(text=drafts[0].text, photo=card.image_url)]
        else:
            drafts.insert(0, _Draft(photo=card.image_url))
    rows = [[button] for button in _card_buttons(card.buttons, stored)]
    if rows:
        if not drafts:
            drafts.append(_Draft(text=BLANK_TEXT))
        drafts[-1].rows.extend(rows)
    return drafts


def _card_buttons(
    buttons: tuple[Button, ...], stored: Mapping[str, str]
) -> Iterator[InlineKeyboardButton]:
    for button in buttons:
        if button.url:
            yield InlineKeyboardButton(button.label, url=button.url)
        elif button.payload is not None:
            yield InlineKeyboardButton(
                button.label, callback_data=callback_data(button.payload, stored)
            )


def _postback_payloads(reply: Reply) -> Iterator[str]:
    yield from (q.payload for q in reply.quick_replies[:MAX_QUICK_REPLIES])
    for part in reply.parts:
        cards = part.cards if isinstance(part, Carousel) else (part,)
        for card in cards:
            if isinstance(card, Card):
                yield from (b.payload for b in card.buttons if b.payload is not None and not b.url)
