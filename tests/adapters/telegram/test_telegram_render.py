"""render_messages: HTML, 4096-unit pieces, cards, photos, inline keyboards, long payloads."""

from telegram.constants import ParseMode

from adapters.telegram.render import (
    BLANK_TEXT,
    needs_storing,
    payloads_to_store,
    render_messages,
)
from adapters.telegram.text import split_text, utf16_len
from core.models import Button, Card, Carousel, Image, QuickReply, Reply, Text


def keyboard(call) -> list[list[dict]]:
    return call["reply_markup"].to_dict()["inline_keyboard"]


def test_text_is_html_escaped() -> None:
    [call] = render_messages(Reply(parts=(Text("<b>쿠폰</b> & 포인트 'ok'"),)))
    assert call == {
        "text": "&lt;b&gt;쿠폰&lt;/b&gt; &amp; 포인트 'ok'",
        "parse_mode": ParseMode.HTML,
    }


def test_consecutive_texts_share_one_message() -> None:
    [call] = render_messages(Reply(parts=(Text("안녕하세요."), Text("무엇을 도와드릴까요?"))))
    assert call["text"] == "안녕하세요.\n\n무엇을 도와드릴까요?"


def test_long_text_splits_at_paragraph_breaks_within_4096() -> None:
    paragraphs = [f"{i}번 문단 " + "가" * 1500 for i in range(5)]
    calls = render_messages(Reply(parts=(Text("\n\n".join(paragraphs)),)))
    assert [c["text"] for c in calls] == [
        f"{paragraphs[0]}\n\n{paragraphs[1]}",
        f"{paragraphs[2]}\n\n{paragraphs[3]}",
        paragraphs[4],
    ]


def test_split_prefers_sentence_end_over_space() -> None:
    sentence = "배송은 내일 도착 예정입니다. "
    text = sentence * 300
    pieces = split_text(text, 4096)
    assert len(pieces) > 1
    assert all(utf16_len(p) <= 4096 for p in pieces)
    assert all(p.endswith("예정입니다.") for p in pieces)
    assert " ".join(pieces) == text.strip()


def test_split_counts_utf16_units_and_cuts_unbroken_words_hard() -> None:
    text = "😀" * 3000  # 6000 UTF-16 units, no break anywhere
    pieces = split_text(text, 4096)
    assert [utf16_len(p) for p in pieces] == [4096, 1904]
    assert "".join(pieces) == text


def test_escaping_happens_after_the_split_so_entities_are_never_cut() -> None:
    text = "&" * 5000
    calls = render_messages(Reply(parts=(Text(text),)))
    assert [c["text"] for c in calls] == ["&amp;" * 4096, "&amp;" * 904]


def test_card_is_bold_title_and_description_with_button_rows() -> None:
    card = Card(
        "주문 <20240501-0001>",
        "무선 이어폰 · 배송 중",
        buttons=(Button("배송 조회", url="https://shop.example/t/1"), Button("취소", "cancel:1")),
    )
    [call] = render_messages(Reply(parts=(card,)))
    assert call["text"] == "<b>주문 &lt;20240501-0001&gt;</b>\n무선 이어폰 · 배송 중"
    assert keyboard(call) == [
        [{"text": "배송 조회", "url": "https://shop.example/t/1"}],
        [{"text": "취소", "callback_data": "cancel:1"}],
    ]


def test_card_with_image_is_a_photo_with_html_caption() -> None:
    card = Card("무선 이어폰", "39,000원", image_url="https://shop.example/p/1.jpg")
    [call] = render_messages(Reply(parts=(card,)))
    assert call == {
        "photo": "https://shop.example/p/1.jpg",
        "caption": "<b>무선 이어폰</b>\n39,000원",
        "parse_mode": ParseMode.HTML,
    }


def test_card_too_long_for_a_caption_sends_photo_then_text() -> None:
    card = Card("제품 설명", "가" * 2000, image_url="https://shop.example/p/1.jpg")
    calls = render_messages(Reply(parts=(card,)))
    assert calls[0] == {"photo": "https://shop.example/p/1.jpg"}
    assert calls[1]["text"].startswith("<b>제품 설명</b>\n가")


def test_carousel_is_one_message_per_card_and_image_is_a_photo() -> None:
    reply = Reply(
        parts=(
            Text("주문 두 건이 있어요."),
            Carousel((Card("주문 1"), Card("주문 2"))),
            Image("https://shop.example/map.png", alt="지도"),
        )
    )
    calls = render_messages(reply)
    assert [c.get("text") or c.get("photo") for c in calls] == [
        "주문 두 건이 있어요.",
        "<b>주문 1</b>",
        "<b>주문 2</b>",
        "https://shop.example/map.png",
    ]


def test_quick_replies_go_on_the_last_message_two_per_row_at_most_ten() -> None:
    quick = tuple(QuickReply(f"선택 {i}", f"pick:{i}") for i in range(12))
    calls = render_messages(
        Reply(parts=(Text("하나"), Image("https://x/y.png")), quick_replies=quick)
    )
    assert "reply_markup" not in calls[0]
    rows = keyboard(calls[-1])
    assert [len(row) for row in rows] == [2, 2, 2, 2, 2]
    assert rows[-1][-1] == {"text": "선택 9", "callback_data": "pick:9"}


def test_quick_replies_alone_still_get_a_message() -> None:
    [call] = render_messages(Reply(quick_replies=(QuickReply("네", "yes"),)))
    assert call["text"] == BLANK_TEXT
    assert keyboard(call) == [[{"text": "네", "callback_data": "yes"}]]


def test_payloads_over_64_bytes_use_their_stored_token() -> None:
    long_payload = "order:" + "주문" * 20  # 126 bytes in UTF-8
    exactly_64 = "x" * 64
    reply = Reply(
        parts=(Card("주문", buttons=(Button("이 주문", long_payload),)),),
        quick_replies=(QuickReply("그대로", exactly_64),),
    )
    assert payloads_to_store(reply) == {long_payload}
    calls = render_messages(reply, stored={long_payload: "TOKEN22"})
    assert keyboard(calls[0]) == [
        [{"text": "이 주문", "callback_data": "cb:TOKEN22"}],
        [{"text": "그대로", "callback_data": exactly_64}],
    ]


def test_payloads_that_look_like_tokens_or_are_empty_are_stored_too() -> None:
    assert needs_storing("cb:abc")
    assert needs_storing("")
    assert not needs_storing("intent:order_status")
