"""render_webchat: every reply part as a typed JSON object, quick replies as a list."""

from adapters.webchat.render import render_webchat
from core.models import Button, Card, Carousel, Image, QuickReply, Reply, Text


def test_every_part_kind_is_typed_and_in_order() -> None:
    card = Card(
        title="주문 2403-1234",
        description="배송 중",
        image_url="https://img.example/1.jpg",
        buttons=(Button("조회", url="https://shop.example/t"), Button("취소", payload="p:c")),
    )
    reply = Reply(
        parts=(Text("안녕하세요"), card, Carousel((Card(title="A"),)), Image("https://i/x.png")),
        quick_replies=(QuickReply("주문 조회", "intent:order_status"),),
    )

    rendered = render_webchat(reply)

    assert [part["type"] for part in rendered["parts"]] == ["text", "card", "carousel", "image"]
    assert rendered["parts"][0] == {"type": "text", "text": "안녕하세요"}
    assert rendered["parts"][1]["buttons"] == [
        {"label": "조회", "payload": None, "url": "https://shop.example/t"},
        {"label": "취소", "payload": "p:c", "url": None},
    ]
    assert rendered["parts"][2]["cards"][0]["title"] == "A"
    assert rendered["parts"][3] == {"type": "image", "url": "https://i/x.png", "alt": ""}
    assert rendered["quick_replies"] == [{"label": "주문 조회", "payload": "intent:order_status"}]


def test_empty_reply_has_no_parts() -> None:
    assert render_webchat(Reply()) == {"parts": [], "quick_replies": []}
