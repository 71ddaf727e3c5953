"""parse_skill_request over every recorded payload, and the exact message of known ones."""

from datetime import UTC, datetime
from typing import Any

import pytest

from adapters.kakao.parse import InvalidSkillRequest, KakaoRequest, parse_skill_request
from core.models import Attachment, Channel, ConversationKey, InboundMessage

AT = datetime(2025, 3, 14, 1, 2, tzinfo=UTC)
BOT = "bot-test-0001"


def parse(body: Any, request_id: str | None = None) -> KakaoRequest:
    return parse_skill_request(body, received_at=AT, request_id=request_id)


def test_every_payload_parses_or_is_rejected_by_name(payload, payload_name: str) -> None:
    if payload_name.startswith("malformed_"):
        with pytest.raises(InvalidSkillRequest):
            parse(payload(payload_name))
    else:
        assert parse(payload(payload_name)).message.key.channel is Channel.KAKAO


def test_text_utterance_becomes_a_bot_scoped_message(payload) -> None:
    parsed = parse(payload("text_utterance"))

    user = "u-7e1f2c3a4b5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f"
    assert parsed == KakaoRequest(
        message=InboundMessage(
            key=ConversationKey(Channel.KAKAO, f"{BOT}:{user}"),
            received_at=AT,
            text="주문한 원피스 언제 와요?",
        ),
        bot_id=BOT,
        callback_url=None,
    )


def test_quick_reply_tap_carries_its_payload_as_postback(payload) -> None:
    message = parse(payload("quick_reply_tap")).message

    assert message.text == "배송 조회"
    assert message.postback == "intent:delivery_tracking"


def test_callback_request_is_deduplicated_by_its_single_use_url(payload) -> None:
    body = payload("callback_enabled")
    parsed = parse(body)
    other = payload("callback_enabled")
    other["userRequest"]["callbackUrl"] += "-other"

    assert parsed.callback_url == "http://127.0.0.1:9/v1/callback/test-token-0003"
    assert parsed.message.event_id is not None
    assert parsed.message.event_id == parse(body).message.event_id
    assert parsed.message.event_id != parse(other).message.event_id
    assert "test-token" not in parsed.message.event_id


def test_request_id_header_wins_as_event_id(payload) -> None:
    assert parse(payload("callback_enabled"), "req-123").message.event_id == "req-123"
    assert parse(payload("text_utterance")).message.event_id is None


def test_console_test_request_parses_with_null_client_extra(payload) -> None:
    message = parse(payload("console_test")).message

    assert message.key.user_id == f"{BOT}:test-user-0004"
    assert message.postback is None
    assert message.text == "안녕하세요"


def test_image_media_becomes_an_attachment(payload) -> None:
    message = parse(payload("image_media")).message

    url = "https://talk.kakaocdn.net/test/damaged-box.jpg"
    assert message.attachments == (Attachment(kind="image", ref=url),)
    assert message.text == ""


def test_missing_bot_keeps_the_user_in_a_placeholder_scope(payload) -> None:
    body = payload("text_utterance")
    del body["bot"]

    parsed = parse(body)

    assert parsed.bot_id is None
    assert parsed.message.key.user_id.startswith("_:u-7e1f")


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda b: b["userRequest"]["user"].update(id=""), "userRequest.user.id"),
        (lambda b: b["userRequest"].update(utterance=None), "userRequest.utterance"),
        (lambda b: b.update(userRequest="hello"), "userRequest must be"),
    ],
)
def test_missing_required_fields_say_which(payload, change, reason: str) -> None:
    body = payload("text_utterance")
    change(body)

    with pytest.raises(InvalidSkillRequest, match=reason):
        parse(body)


def test_invalid_skill_request_is_a_value_error() -> None:
    assert issubclass(InvalidSkillRequest, ValueError)
