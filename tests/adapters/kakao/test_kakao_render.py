"""render_skill_response within Kakao's limits: nothing too big, nothing silently lost."""

from typing import Any

from adapters.kakao.render import render_callback_wait, render_skill_response
from core.models import Button, Card, Carousel, Image, QuickReply, Reply, Text


def outputs(reply: Reply) -> list[dict[str, Any]]:
    response = render_skill_response(reply)
    assert response["version"] == "2.0"
    assert 1 <= len(response["template"]["outputs"]) <= 3
    return response["template"]["outputs"]


def texts(reply: Reply) -> list[str]:
    return [o["simpleText"]["text"] for o in outputs(reply) if "simpleText" in o]


def sentences(count: int, length: int = 50) -> str:
    return " ".join(f"{i:03d}번째 문장 ".ljust(length - 2, "가") + "." for i in range(count))


def test_single_text_is_one_simple_text() -> None:
    got = outputs(Reply(parts=(Text("안녕하세요!"),)))

    assert got == [{"simpleText": {"text": "안녕하세요!"}}]


def test_four_texts_merge_into_three_outputs_keeping_every_word() -> None:
    reply = Reply(parts=tuple(Text(f"문장 {i}") for i in range(4)))

    got = texts(reply)

    assert len(got) == 3
    joined = "\n".join(got)
    assert all(f"문장 {i}" in joined for i in range(4))
    assert joined.index("문장 0") < joined.index("문장 3")


def test_long_text_is_split_across_outputs_at_sentence_boundaries() -> None:
    long = sentences(30)  # 1,499 characters

    got = texts(Reply(parts=(Text(long),)))

    assert len(got) == 2
    assert all(len(t) <= 1000 for t in got)
    assert got[0].endswith(".")
    assert " ".join(got) == long


def test_text_beyond_three_full_outputs_is_cut_with_an_ellipsis() -> None:
    got = texts(Reply(parts=(Text(sentences(80)),)))  # 4,000 characters

    assert len(got) == 3
    assert all(len(t) <= 1000 for t in got)
    assert got[-1].endswith(".…")


def test_twelve_quick_replies_keep_ten_and_list_the_rest_as_text() -> None:
    quick = tuple(QuickReply(f"선택 {i}", f"pick:{i}") for i in range(12))

    response = render_skill_response(Reply(parts=(Text("골라 주세요"),), quick_replies=quick))

    rendered = response["template"]["quickReplies"]
    assert len(rendered) == 10
    assert rendered[0] == {
        "label": "선택 0",
        "action": "message",
        "messageText": "선택 0",
        "extra": {"payload": "pick:0"},
    }
    text = response["template"]["outputs"][-1]["simpleText"]["text"]
    assert "선택 10" in text
    assert "선택 11" in text


def test_quick_reply_label_is_shortened_but_sends_the_full_label() -> None:
    label = "주문 취소하고 환불받고 싶어요 지금 바로"
    reply = Reply(parts=(Text("네"),), quick_replies=(QuickReply(label, "intent:cancel_order"),))

    rendered = render_skill_response(reply)["template"]["quickReplies"][0]

    assert len(rendered["label"]) <= 14
    assert rendered["label"].endswith("…")
    assert rendered["messageText"] == label


def test_carousel_of_twelve_shows_ten_cards_and_the_rest_as_text() -> None:
    cards = tuple(Card(title=f"상품 {i}", description="설명") for i in range(12))

    got = outputs(Reply(parts=(Carousel(cards),)))

    carousel = got[0]["carousel"]
    assert carousel["type"] == "textCard"
    assert [item["title"] for item in carousel["items"]] == [f"상품 {i}" for i in range(10)]
    assert got[1] == {"simpleText": {"text": "상품 10\n설명\n\n상품 11\n설명"}}


def test_carousel_card_with_long_description_becomes_text() -> None:
    cards = (Card(title="짧은", description="짧아요"), Card(title="긴", description="가" * 129))

    got = outputs(Reply(parts=(Carousel(cards),)))

    assert [item["title"] for item in got[0]["carousel"]["items"]] == ["짧은"]
    assert got[1]["simpleText"]["text"] == "긴\n" + "가" * 129


def test_card_without_image_is_a_text_card_with_buttons() -> None:
    card = Card(
        title="주문 2403-1234",
        description="배송 중이에요",
        buttons=(
            Button("배송 조회", url="https://shop.example/track/1"),
            Button("취소하기", payload="intent:cancel_order"),
        ),
    )

    got = outputs(Reply(parts=(card,)))

    assert got == [
        {
            "textCard": {
                "title": "주문 2403-1234",
                "description": "배송 중이에요",
                "buttons": [
                    {
                        "label": "배송 조회",
                        "action": "webLink",
                        "webLinkUrl": "https://shop.example/track/1",
                    },
                    {
                        "label": "취소하기",
                        "action": "message",
                        "messageText": "취소하기",
                        "extra": {"payload": "intent:cancel_order"},
                    },
                ],
            }
        }
    ]


def test_card_with_image_is_a_basic_card() -> None:
    card = Card(title="린넨 셔츠", description="화이트", image_url="https://img.example/1.jpg")

    got = outputs(Reply(parts=(card,)))

    assert got[0]["basicCard"]["thumbnail"] == {"imageUrl": "https://img.example/1.jpg"}
    assert got[0]["basicCard"]["title"] == "린넨 셔츠"


def test_card_that_does_not_fit_degrades_to_text_and_quick_replies() -> None:
    card = Card(
        title="제목" * 30,
        description="설명",
        buttons=(Button("열기", url="https://shop.example/o"), Button("취소", payload="p:c")),
    )

    response = render_skill_response(Reply(parts=(card,)))

    assert response["template"]["outputs"] == [
        {"simpleText": {"text": "제목" * 30 + "\n설명\n열기: https://shop.example/o"}}
    ]
    assert response["template"]["quickReplies"][0]["extra"] == {"payload": "p:c"}


def test_image_card_with_a_description_over_230_degrades_to_text() -> None:
    card = Card(title="셔츠", description="가" * 231, image_url="https://img.example/1.jpg")

    assert texts(Reply(parts=(card,))) == ["셔츠\n" + "가" * 231]


def test_card_with_four_buttons_degrades_to_text() -> None:
    buttons = tuple(Button(f"버튼 {i}", payload=f"b:{i}") for i in range(4))

    response = render_skill_response(Reply(parts=(Card(title="카드", buttons=buttons),)))

    assert response["template"]["outputs"] == [{"simpleText": {"text": "카드"}}]
    assert len(response["template"]["quickReplies"]) == 4


def test_image_is_a_simple_image_with_short_alt_text() -> None:
    got = outputs(Reply(parts=(Image("https://img.example/box.jpg", alt="상자 " * 30),)))

    image = got[0]["simpleImage"]
    assert image["imageUrl"] == "https://img.example/box.jpg"
    assert len(image["altText"]) <= 50


def test_too_many_components_degrade_the_last_ones_to_text() -> None:
    parts = (
        Text("안내드려요"),
        Card(title="카드 1"),
        Card(title="카드 2"),
        Image("https://img.example/3.jpg", alt="사진"),
    )

    got = outputs(Reply(parts=parts))

    assert len(got) == 3
    assert "textCard" in got[1]
    assert "카드 2" in got[2]["simpleText"]["text"]
    assert "https://img.example/3.jpg" in got[2]["simpleText"]["text"]


def test_callback_wait_promises_a_callback() -> None:
    assert render_callback_wait("잠시만요") == {
        "version": "2.0",
        "useCallback": True,
        "data": {"text": "잠시만요"},
    }
