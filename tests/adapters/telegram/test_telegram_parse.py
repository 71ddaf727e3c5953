"""parse_update over every documented update kind: pure, total, exact."""

from datetime import UTC, datetime

import pytest
from telegram import Update

from adapters.telegram.parse import Blocked, Ignored, IgnoredReason, Incoming, parse_update
from core.models import Attachment, Channel, ConversationKey, InboundMessage

RECEIVED = datetime(2025, 3, 14, 10, 30, tzinfo=UTC)
SHOPPER = ConversationKey(Channel.TELEGRAM, "5550001")


def parsed(load_payload, name: str):
    return parse_update(Update.de_json(load_payload(name), None), received_at=RECEIVED)


def inbound(event_id: str, **fields) -> Incoming:
    return Incoming(InboundMessage(SHOPPER, RECEIVED, event_id=event_id, **fields))


def test_every_payload_parses_without_raising(load_payload, payload_name: str) -> None:
    event = parsed(load_payload, payload_name)
    assert isinstance(event, Incoming | Blocked | Ignored)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("message_text_private", inbound("900001", text="주문한 거 언제 와요?")),
        ("message_start_plain", inbound("900002", text="/start")),
        ("message_start_deeplink", inbound("900003", postback="start:order-20240501-0001")),
        (
            "message_photo_caption",
            inbound(
                "900004",
                text="상자가 찌그러져 왔어요",
                attachments=(Attachment("image", "photo-large"),),
            ),
        ),
        ("message_document", inbound("900005", attachments=(Attachment("file", "doc-receipt"),))),
        ("message_sticker", inbound("900006", supported=False)),
        ("message_voice", inbound("900007", supported=False)),
        ("message_location", inbound("900008", supported=False)),
        (
            "callback_query_quick_reply",
            inbound("900013", text="주문 조회", postback="intent:order_status"),
        ),
        (
            "callback_query_stored_payload",
            inbound("900014", text="20240501-0001 무선 이어폰", postback="cb:TOKEN"),
        ),
        (
            "callback_query_inaccessible_message",
            inbound("900015", postback="intent:refund_status"),
        ),
        ("my_chat_member_kicked", Blocked(SHOPPER)),
        ("my_chat_member_member", Ignored(IgnoredReason.MEMBERSHIP)),
        ("edited_message_text", Ignored(IgnoredReason.EDITED)),
        ("message_group_text", Ignored(IgnoredReason.NOT_PRIVATE)),
        ("channel_post_text", Ignored(IgnoredReason.NOT_PRIVATE)),
        ("message_service_write_access", Ignored(IgnoredReason.SERVICE)),
        ("inline_query", Ignored(IgnoredReason.OTHER_KIND)),
        ("future_kind_unknown", Ignored(IgnoredReason.OTHER_KIND)),
    ],
)
def test_parse_update_maps_each_kind(load_payload, name: str, expected) -> None:
    assert parsed(load_payload, name) == expected


def test_start_with_bot_mention_and_payload_is_a_start_postback(load_payload) -> None:
    data = load_payload("message_start_deeplink")
    data["message"]["text"] = "/start@dangol_bot  campaign_spring "
    event = parse_update(Update.de_json(data, None), received_at=RECEIVED)
    assert isinstance(event, Incoming)
    assert event.message.postback == "start:campaign_spring"
    assert event.message.text == ""


def test_text_merely_starting_with_start_is_plain_text(load_payload) -> None:
    data = load_payload("message_text_private")
    data["message"]["text"] = "/started 언제 와요"
    event = parse_update(Update.de_json(data, None), received_at=RECEIVED)
    assert isinstance(event, Incoming)
    assert (event.message.text, event.message.postback) == ("/started 언제 와요", None)


def test_callback_in_a_group_is_ignored(load_payload) -> None:
    data = load_payload("callback_query_quick_reply")
    data["callback_query"]["message"]["chat"] = {"id": -100123, "type": "group", "title": "g"}
    event = parse_update(Update.de_json(data, None), received_at=RECEIVED)
    assert event == Ignored(IgnoredReason.NOT_PRIVATE)


def test_game_callback_without_data_is_ignored(load_payload) -> None:
    data = load_payload("callback_query_quick_reply")
    del data["callback_query"]["data"]
    data["callback_query"]["game_short_name"] = "tetris"
    event = parse_update(Update.de_json(data, None), received_at=RECEIVED)
    assert event == Ignored(IgnoredReason.OTHER_KIND)


def test_a_message_without_its_chat_is_malformed(load_payload) -> None:
    data = load_payload("message_text_private")
    del data["message"]["chat"]
    event = parse_update(Update.de_json(data, None), received_at=RECEIVED)
    assert event == Ignored(IgnoredReason.MALFORMED)
