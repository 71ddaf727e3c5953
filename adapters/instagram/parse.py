"""Instagram messaging webhooks → inbound messages and deletions (pure)."""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from core.models import Attachment, Channel, ConversationKey, InboundMessage


@dataclass(frozen=True, slots=True)
class MessageDeleted:
    """The shopper unsent the message `mid`."""

    key: ConversationKey
    mid: str
    at: datetime


InstagramEvent = InboundMessage | MessageDeleted


def parse_webhook(body: Mapping[str, Any], *, received_at: datetime) -> list[InstagramEvent]:
    """Return the events of every `entry[].messaging[]` item, in order.

    Echoes of our own messages, read receipts, reactions, deliveries, referrals, `standby`
    items and anything unknown are left out; malformed items are skipped, never raised on.
    `received_at` stands in for a missing or invalid `timestamp`.
    """
    if body.get("object") != "instagram":
        return []
    events: list[InstagramEvent] = []
    for entry in _mappings(body.get("entry")):
        for item in _mappings(entry.get("messaging")):
            event = _event(item, received_at)
            if event is not None:
                events.append(event)
    return events


def _event(item: Mapping[str, Any], received_at: datetime) -> InstagramEvent | None:
    sender = _mapping(item.get("sender")).get("id")
    if not isinstance(sender, str | int) or isinstance(sender, bool) or sender == "":
        return None
    key = ConversationKey(Channel.INSTAGRAM, str(sender))
    at = _time(item.get("timestamp"), received_at)
    message, postback = item.get("message"), item.get("postback")
    if isinstance(message, Mapping):
        return _message(key, at, message)
    if isinstance(postback, Mapping):
        mid = _str(postback.get("mid")) or f"postback:{key.user_id}:{at.timestamp():.3f}"
        return InboundMessage(
            key=key,
            received_at=at,
            text=_str(postback.get("title")),
            postback=_str(postback.get("payload")) or None,
            event_id=mid,
        )
    return None


def _message(
    key: ConversationKey, at: datetime, message: Mapping[str, Any]
) -> InstagramEvent | None:
    mid = _str(message.get("mid"))
    if message.get("is_echo") is True or not mid:
        return None
    if message.get("is_deleted") is True:
        return MessageDeleted(key, mid, at)
    text = _str(message.get("text"))
    postback = _str(_mapping(message.get("quick_reply")).get("payload")) or None
    attachments = tuple(_attachments(message))
    if message.get("is_unsupported") is True or not (text or postback or attachments):
        return InboundMessage(key=key, received_at=at, event_id=mid, supported=False)
    return InboundMessage(
        key=key,
        received_at=at,
        text=text,
        postback=postback,
        attachments=attachments,
        event_id=mid,
    )


def _attachments(message: Mapping[str, Any]) -> Iterator[Attachment]:
    for raw in _mappings(message.get("attachments")):
        kind = _str(raw.get("type"))
        payload = _mapping(raw.get("payload"))
        ref = _str(payload.get("url")) or _str(payload.get("ig_post_media_id"))
        if kind and ref:
            yield Attachment(kind, ref)
    story = _str(_mapping(_mapping(message.get("reply_to")).get("story")).get("url"))
    if story:
        yield Attachment("story_reply", story)


def _time(value: object, fallback: datetime) -> datetime:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return fallback
    try:
        return datetime.fromtimestamp(value / 1000, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return fallback


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _mappings(value: object) -> Iterator[Mapping[str, Any]]:
    if isinstance(value, list):
        yield from (item for item in value if isinstance(item, Mapping))


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""
