"""Greeting and menu, Korean and English."""

from conv_script import ConversationScript


async def test_greeting_shows_menu(chat: ConversationScript) -> None:
    await chat.say("안녕하세요")
    assert "무엇을 도와드릴까요" in chat.text or "반가워요" in chat.text
    assert chat.payloads == [
        "intent:order_status",
        "intent:delivery_tracking",
        "menu:claims",
        "intent:refund_status",
        "intent:coupon_or_points",
        "intent:human_agent",
    ]
    assert all(len(label) <= 14 for label in chat.labels)
