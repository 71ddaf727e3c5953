from datetime import UTC, datetime
from typing import Any

import pytest

from adapters.instagram.parse import InstagramEvent, MessageDeleted, parse_webhook
from core.models import Attachment, Channel, ConversationKey, InboundMessage

from .doubles import NOW, SHOPPER, load_payload, payload_names


def at(seconds: int) -> datetime:
    return datetime.fromtimestamp(1718000000 + seconds, tz=UTC)


AT = at(0)
OTHER = ConversationKey(Channel.INSTAGRAM, "6543210987654322")
CDN = "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id={}&signature={}"
TEXT_MID = (
    "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDAwMDAwMDAwMDAxOjM0MDI4MjM2Njg0MTcxMDMwMTI0"
    "NDI2MDAwMDAwMDAwMDAwMDAwMTox"
)


def message(mid: str, **fields: Any) -> InboundMessage:
    return InboundMessage(key=SHOPPER, received_at=AT, event_id=mid, **fields)


EXPECTED: dict[str, list[InstagramEvent]] = {
    "text": [message(TEXT_MID, text="주문한 니트 언제 와요?")],
    "quick_reply": [message("mid.quick.1", text="배송 조회", postback="intent:delivery_tracking")],
    "postback": [message("mid.postback.1", text="주문 취소", postback="intent:cancel_order")],
    "image": [message("mid.image.1", attachments=(Attachment("image", CDN.format(1001, "abc")),))],
    "share": [message("mid.share.1", attachments=(Attachment("share", CDN.format(1002, "def")),))],
    "ig_reel": [
        message("mid.reel.1", attachments=(Attachment("ig_reel", CDN.format(1003, "ghi")),))
    ],
    "story_mention": [
        message(
            "mid.mention.1", attachments=(Attachment("story_mention", CDN.format(1004, "jkl")),)
        )
    ],
    "story_reply": [
        message(
            "mid.storyreply.1",
            text="이 가방 아직 있어요?",
            attachments=(Attachment("story_reply", CDN.format(1005, "mno")),),
        )
    ],
    "deleted": [MessageDeleted(SHOPPER, "mid.text.9", AT)],
    "unsupported": [message("mid.unsupported.1", supported=False)],
    "echo": [],
    "read": [],
    "reaction": [],
    "standby": [],
    "batched": [
        InboundMessage(SHOPPER, at(1), text="안녕하세요", event_id="mid.batch.1"),
        InboundMessage(
            SHOPPER,
            at(2),
            text="주문번호 20240611-0001 배송 조회 부탁드려요",
            event_id="mid.batch.2",
        ),
        InboundMessage(
            OTHER,
            at(4),
            text="반품 신청",
            postback="intent:return_request",
            event_id="mid.batch.3",
        ),
        InboundMessage(
            OTHER,
            at(6),
            attachments=(Attachment("image", CDN.format(1006, "pqr")),),
            event_id="mid.batch.4",
        ),
    ],
}


def test_every_payload_file_has_an_expectation() -> None:
    assert set(payload_names()) == set(EXPECTED)


@pytest.mark.parametrize("name", payload_names())
def test_parse_payload_file(name: str) -> None:
    assert parse_webhook(load_payload(name), received_at=NOW) == EXPECTED[name]


def test_parse_takes_received_at_when_timestamp_is_missing() -> None:
    body = load_payload("text")
    del body["entry"][0]["messaging"][0]["timestamp"]
    assert parse_webhook(body, received_at=NOW) == [
        InboundMessage(SHOPPER, NOW, text="주문한 니트 언제 와요?", event_id=TEXT_MID)
    ]


def test_parse_ignores_other_objects() -> None:
    body = load_payload("text") | {"object": "page"}
    assert parse_webhook(body, received_at=NOW) == []


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"object": "instagram"},
        {"object": "instagram", "entry": "nope"},
        {"object": "instagram", "entry": [None, 3, {"messaging": {"a": 1}}]},
        {"object": "instagram", "entry": [{"messaging": [None, {}, {"sender": {"id": True}}]}]},
        {"object": "instagram", "entry": [{"messaging": [{"sender": {"id": "1"}, "message": 5}]}]},
        {
            "object": "instagram",
            "entry": [
                {
                    "messaging": [
                        {
                            "sender": {"id": "1"},
                            "timestamp": 10**30,
                            "message": {"text": "no mid", "attachments": [{"type": []}]},
                        }
                    ]
                }
            ],
        },
    ],
)
def test_parse_skips_malformed_items_without_raising(body: dict[str, Any]) -> None:
    assert parse_webhook(body, received_at=NOW) == []


def test_parse_keeps_unknown_attachment_kinds_and_marks_empty_messages_unsupported() -> None:
    item = {
        "sender": {"id": SHOPPER.user_id},
        "timestamp": 1718000000000,
        "message": {
            "mid": "m1",
            "attachments": [
                {"type": "ig_post", "payload": {"ig_post_media_id": "1801", "title": "룩북"}},
                {"type": "sticker", "payload": {}},
            ],
        },
    }
    empty = {**item, "message": {"mid": "m2", "attachments": [{"type": "sticker"}]}}
    body = {"object": "instagram", "entry": [{"messaging": [item, empty]}]}
    assert parse_webhook(body, received_at=NOW) == [
        message("m1", attachments=(Attachment("ig_post", "1801"),)),
        message("m2", supported=False),
    ]
