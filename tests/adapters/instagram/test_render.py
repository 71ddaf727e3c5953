from adapters.instagram.render import render_messages, split_text
from core.models import Button, Card, Carousel, Image, QuickReply, Reply, Text

KOREAN_SENTENCE = "고객님, 주문하신 상품은 오늘 출고되어 내일 도착할 예정입니다. "  # 36 chars


def size(text: str) -> int:
    return len(text.encode())


def test_render_short_text_is_one_message() -> None:
    assert render_messages(Reply(parts=(Text("배송 중이에요."),))) == [{"text": "배송 중이에요."}]


def test_render_splits_korean_text_at_sentence_boundaries_within_1000_bytes() -> None:
    text = KOREAN_SENTENCE * 20  # 720 characters, far over 1000 bytes
    assert len(text) < 1000 < size(text)
    messages = render_messages(Reply(parts=(Text(text),)))
    assert len(messages) > 1
    for message in messages:
        assert size(message["text"]) <= 1000
        assert message["text"].endswith("예정입니다.")
    assert " ".join(m["text"] for m in messages) == text.strip()


def test_split_text_falls_back_to_words_then_characters() -> None:
    no_stops = "가나다라마바사 " * 100  # one 2,300-byte "sentence"
    chunks = split_text(no_stops)
    assert all(size(c) <= 1000 and c.endswith("가나다라마바사") for c in chunks)
    assert " ".join(chunks) == no_stops.strip()
    one_word = "가" * 500  # 1,500 bytes without a space
    assert split_text(one_word) == ["가" * 333, "가" * 167]


def test_split_text_keeps_newline_paragraphs_together_when_they_fit() -> None:
    assert split_text("첫 줄\n둘째 줄", limit=1000) == ["첫 줄\n둘째 줄"]
    assert split_text("첫 줄\n둘째 줄", limit=10) == ["첫 줄", "둘째 줄"]


def test_render_quick_replies_go_on_the_last_message_only_and_are_capped() -> None:
    quick = tuple(QuickReply(f"선택지 {i}", f"qr:{i}") for i in range(15))
    reply = Reply(parts=(Text("첫 번째"), Text("두 번째")), quick_replies=quick)
    first, last = render_messages(reply)
    assert "quick_replies" not in first
    assert len(last["quick_replies"]) == 13
    assert last["quick_replies"][0] == {
        "content_type": "text",
        "title": "선택지 0",
        "payload": "qr:0",
    }


def test_render_quick_reply_titles_are_clipped_to_20_characters() -> None:
    label = "주문 취소하고 싶은데 어떻게 해야 하나요 알려주세요"
    reply = Reply(parts=(Text("무엇을 도와드릴까요?"),), quick_replies=(QuickReply(label, "x"),))
    [message] = render_messages(reply)
    title = message["quick_replies"][0]["title"]
    assert len(title) == 20
    assert title == label[:19] + "…"


def test_render_drops_quick_replies_with_payloads_over_1000_characters() -> None:
    quick = (QuickReply("너무 긴", "p" * 1001), QuickReply("괜찮은", "p" * 1000))
    [message] = render_messages(Reply(parts=(Text("골라 주세요"),), quick_replies=quick))
    assert [q["title"] for q in message["quick_replies"]] == ["괜찮은"]


def test_render_card_is_a_generic_template_within_limits() -> None:
    card = Card(
        title="가" * 100,
        description="나" * 100,
        image_url="https://shop.example/knit.jpg",
        buttons=(
            Button("주문 상세", payload="order:1"),
            Button("배송 조회", url="https://shop.example/track/1"),
            Button("빈 버튼"),
            Button("반품", payload="return:1"),
            Button("교환", payload="exchange:1"),
        ),
    )
    [message] = render_messages(Reply(parts=(card,)))
    payload = message["attachment"]["payload"]
    assert message["attachment"]["type"] == "template"
    assert payload["template_type"] == "generic"
    [element] = payload["elements"]
    assert len(element["title"]) == len(element["subtitle"]) == 80
    assert element["image_url"] == "https://shop.example/knit.jpg"
    assert element["buttons"] == [
        {"type": "postback", "payload": "order:1", "title": "주문 상세"},
        {"type": "web_url", "url": "https://shop.example/track/1", "title": "배송 조회"},
        {"type": "postback", "payload": "return:1", "title": "반품"},
    ]


def test_render_carousel_keeps_at_most_10_elements() -> None:
    cards = tuple(Card(title=f"상품 {i}") for i in range(12))
    [message] = render_messages(Reply(parts=(Carousel(cards),)))
    elements = message["attachment"]["payload"]["elements"]
    assert [e["title"] for e in elements] == [f"상품 {i}" for i in range(10)]
    assert all(set(e) == {"title"} for e in elements)


def test_render_image_is_an_attachment_by_url_and_keeps_part_order() -> None:
    reply = Reply(
        parts=(Text("사진 보내드려요."), Image("https://shop.example/a.jpg", alt="니트")),
        quick_replies=(QuickReply("좋아요", "like"),),
    )
    text, image = render_messages(reply)
    assert text == {"text": "사진 보내드려요."}
    assert image["attachment"] == {
        "type": "image",
        "payload": {"url": "https://shop.example/a.jpg"},
    }
    assert image["quick_replies"][0]["payload"] == "like"


def test_render_empty_reply_is_no_message() -> None:
    assert render_messages(Reply()) == []
    assert render_messages(Reply(parts=(Text("   "), Carousel(())))) == []
