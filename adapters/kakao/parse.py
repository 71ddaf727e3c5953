"""Skill request JSON to an inbound message (pure)."""

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from core.models import Attachment, Channel, ConversationKey, InboundMessage

_NO_BOT = "_"


class InvalidSkillRequest(ValueError):
    """The body is not a skill request we can answer."""


@dataclass(frozen=True, slots=True)
class KakaoRequest:
    """One skill request: the message, the bot it was sent to and its callback URL, if any."""

    message: InboundMessage
    bot_id: str | None
    callback_url: str | None


def parse_skill_request(
    body: object, *, received_at: datetime, request_id: str | None = None
) -> KakaoRequest:
    """Read a skill request; `request_id` is the `X-Request-Id` header when Kakao sent one.

    Raises:
        InvalidSkillRequest: when userRequest, its user id or its utterance is missing.
    """
    payload = _mapping(body, "body")
    user_request = _mapping(payload.get("userRequest"), "userRequest")
    user_id = _mapping(user_request.get("user"), "userRequest.user").get("id")
    if not isinstance(user_id, str) or not user_id:
        raise InvalidSkillRequest("userRequest.user.id is required")
    utterance = user_request.get("utterance")
    if not isinstance(utterance, str):
        raise InvalidSkillRequest("userRequest.utterance is required")
    bot_id = _str(_optional_mapping(payload.get("bot")).get("id"))
    callback_url = _str(user_request.get("callbackUrl"))
    extra = _optional_mapping(_optional_mapping(payload.get("action")).get("clientExtra"))
    message = InboundMessage(
        key=ConversationKey(Channel.KAKAO, f"{bot_id or _NO_BOT}:{user_id}"),
        received_at=received_at,
        text=utterance.strip(),
        postback=_str(extra.get("payload")),
        attachments=_attachments(_optional_mapping(user_request.get("params"))),
        event_id=_event_id(request_id, callback_url),
    )
    return KakaoRequest(message=message, bot_id=bot_id, callback_url=callback_url)


def _event_id(request_id: str | None, callback_url: str | None) -> str | None:
    # Skill payloads carry no message id (platforms.md §1.2). A callback URL is single-use,
    # so the same one arriving twice is a redelivery of the same utterance.
    if request_id:
        return request_id
    if callback_url:
        return "cb-" + hashlib.sha256(callback_url.encode()).hexdigest()[:32]
    return None


def _attachments(params: Mapping[str, Any]) -> tuple[Attachment, ...]:
    # UNCONFIRMED shape: `params.media = {type: "image", url}` (platforms.md §1.2).
    media = _optional_mapping(params.get("media"))
    url = _str(media.get("url"))
    if media.get("type") == "image" and url:
        return (Attachment(kind="image", ref=url),)
    return ()


def _mapping(value: object, name: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise InvalidSkillRequest(f"{name} must be a JSON object")
    return value


def _optional_mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
