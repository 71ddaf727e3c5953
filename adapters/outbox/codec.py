"""Reply ↔ JSON-ready dict, for the outbox row and the task queue (pure)."""

from collections.abc import Mapping
from typing import Any

from core.models import Button, Card, Carousel, Image, QuickReply, Reply, ReplyPart, Text

Json = dict[str, Any]


def reply_to_json(reply: Reply) -> Json:
    """Return `reply` as a dict of JSON types."""
    return {
        "parts": [_part_to_json(part) for part in reply.parts],
        "quick_replies": [{"label": q.label, "payload": q.payload} for q in reply.quick_replies],
    }


def reply_from_json(data: Mapping[str, Any]) -> Reply:
    """Return the reply `reply_to_json` made `data` from."""
    return Reply(
        parts=tuple(_part_from_json(part) for part in data["parts"]),
        quick_replies=tuple(QuickReply(q["label"], q["payload"]) for q in data["quick_replies"]),
    )


def _part_to_json(part: ReplyPart) -> Json:
    match part:
        case Text(text=text):
            return {"type": "text", "text": text}
        case Card():
            return {"type": "card", **_card_to_json(part)}
        case Carousel(cards=cards):
            return {"type": "carousel", "cards": [_card_to_json(card) for card in cards]}
        case Image(url=url, alt=alt):
            return {"type": "image", "url": url, "alt": alt}
    raise TypeError(f"unknown reply part {part!r}")


def _part_from_json(data: Mapping[str, Any]) -> ReplyPart:
    kind = data["type"]
    if kind == "text":
        return Text(data["text"])
    if kind == "card":
        return _card_from_json(data)
    if kind == "carousel":
        return Carousel(tuple(_card_from_json(card) for card in data["cards"]))
    if kind == "image":
        return Image(data["url"], data["alt"])
    raise ValueError(f"unknown reply part type {kind!r}")


def _card_to_json(card: Card) -> Json:
    return {
        "title": card.title,
        "description": card.description,
        "image_url": card.image_url,
        "buttons": [{"label": b.label, "payload": b.payload, "url": b.url} for b in card.buttons],
    }


def _card_from_json(data: Mapping[str, Any]) -> Card:
    return Card(
        title=data["title"],
        description=data["description"],
        image_url=data["image_url"],
        buttons=tuple(Button(b["label"], b["payload"], b["url"]) for b in data["buttons"]),
    )
