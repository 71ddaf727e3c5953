"""Replies survive the trip to JSON and back, every part type included."""

import json

import pytest

from adapters.outbox.codec import reply_from_json, reply_to_json
from core.models import Button, Card, Carousel, Image, QuickReply, Reply, Text


def test_every_part_type_round_trips_through_json_text() -> None:
    card = Card(
        "주문 ORD-1",
        "배송 중이에요",
        "https://shop.example/p/1.jpg",
        (Button("자세히", payload="order:ORD-1"), Button("배송 조회", url="https://t.example/1")),
    )
    reply = Reply(
        parts=(
            Text("안녕하세요 😊"),
            card,
            Carousel((card, Card("빈 카드"))),
            Image("https://shop.example/i.png", alt="상품 사진"),
        ),
        quick_replies=(QuickReply("상담원 연결", "human"), QuickReply("처음으로", "home")),
    )

    encoded = json.loads(json.dumps(reply_to_json(reply), ensure_ascii=False))

    assert reply_from_json(encoded) == reply
    assert [part["type"] for part in encoded["parts"]] == ["text", "card", "carousel", "image"]


def test_an_empty_reply_round_trips() -> None:
    assert reply_from_json(reply_to_json(Reply())) == Reply()


def test_an_unknown_part_type_is_refused() -> None:
    with pytest.raises(ValueError, match="video"):
        reply_from_json({"parts": [{"type": "video", "url": "x"}], "quick_replies": []})
