"""Replies to the web chat's JSON (pure)."""

from typing import Any

from core.models import Button, Card, Carousel, Image, Reply, ReplyPart, Text

Json = dict[str, Any]


def render_webchat(reply: Reply) -> Json:
    """Return `reply` as typed parts and quick replies for the playground page."""
    return {
        "parts": [_part(part) for part in reply.parts],
        "quick_replies": [{"label": q.label, "payload": q.payload} for q in reply.quick_replies],
    }


def _part(part: ReplyPart) -> Json:
    if isinstance(part, Text):
        return {"type": "text", "text": part.text}
    if isinstance(part, Card):
        return _card(part)
    if isinstance(part, Carousel):
        return {"type": "carousel", "cards": [_card(card) for card in part.cards]}
    return _image(part)


def _card(card: Card) -> Json:
    return {
        "type": "card",
        "title": card.title,
        "description": card.description,
        "image_url": card.image_url,
        "buttons": [_button(button) for button in card.buttons],
    }


def _button(button: Button) -> Json:
    return {"label": button.label, "payload": button.payload, "url": button.url}


def _image(image: Image) -> Json:
    return {"type": "image", "url": image.url, "alt": image.alt}
