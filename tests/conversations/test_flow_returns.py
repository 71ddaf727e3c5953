"""Returns and exchanges: window, item, reason, option, photo, confirmation, fees."""

from conv_script import ConversationScript, World
from conv_shop import DELIVERED_NO, OLD_NO, PREPARING_NO

from core.models import RequestKind


async def test_return_for_size_with_customer_paid_shipping(
    chat: ConversationScript, world: World
) -> None:
    chat.link("C001")
    await chat.say("반품하고 싶어요")
    assert "어떤 상품을 반품하실까요?" in chat.text
    assert chat.payloads == ["return:item:0", "return:item:1"]
    await chat.tap("return:item:1")
    assert "와이드 데님 팬츠 반품 사유를 알려 주세요" in chat.text
    assert chat.labels == ["단순변심", "사이즈", "불량/파손", "오배송", "기타"]
    await chat.tap("return:reason:size")
    assert "반품을 신청할까요? (사유: 사이즈)" in chat.text
    assert "3,000원을 고객님이 부담" in chat.text
    await chat.tap("return:yes")
    [request] = world.shop.submitted
    assert request.kind is RequestKind.RETURN and request.order_no == DELIVERED_NO
    assert request.reason == "size" and request.details["item"] == "P002"
    assert request.request_no.startswith("R-") and request.request_no in chat.text
    assert "1–3 영업일 안에 방문해서" in chat.text
    assert "검수를 마치면" in chat.text and "3–5 영업일" in chat.text
    assert chat.state.flow is None


async def test_exchange_of_a_defective_item_with_photo(
    chat: ConversationScript, world: World
) -> None:
    await chat.say(f"{DELIVERED_NO} 5678 교환하고 싶어요")
    await chat.tap("return:item:0")
    await chat.say("니트에 구멍이 나서 불량이에요")
    assert "어떤 옵션으로 교환해 드릴까요" in chat.text
    assert "return:option:아이보리/M" in chat.payloads
    await chat.tap("return:option:아이보리/M")
    assert "사진을 보내 주시겠어요" in chat.text and chat.payloads == ["return:skip"]
    await chat.say(photos=["https://cdn.example/photo1.jpg"])
    assert "바꿀 옵션: 아이보리/M / 사유: 불량/파손" in chat.text
    assert "왕복 배송비는 저희가 모두 부담" in chat.text
    await chat.say("네")
    [request] = world.shop.submitted
    assert request.kind is RequestKind.EXCHANGE
    assert request.photos == ("https://cdn.example/photo1.jpg",)
    assert request.details["to"] == "아이보리/M" and request.reason == "defect"
    assert "새 상품을 보내 드리고" in chat.text


async def test_return_window_passed_offers_a_person(
    chat: ConversationScript, world: World
) -> None:
    await chat.say(f"{OLD_NO} 이서준 반품 신청할게요")
    assert "10월 5일(월)에 받으셔서" in chat.text
    assert "7일" in chat.text and "3개월" in chat.text and "30일" in chat.text
    assert "intent:human_agent" in chat.payloads
    assert not world.shop.submitted


async def test_not_yet_shipped_order_points_to_cancel(chat: ConversationScript) -> None:
    await chat.say(f"{PREPARING_NO} 5678 반품하고 싶어요")
    assert "주문 취소로 바로 도와드릴 수 있어요" in chat.text
    assert "intent:cancel_order" in chat.payloads


async def test_return_in_english(world: World) -> None:
    chat = world.script("en")
    chat.link("C001")
    await chat.say("I want to return this")
    await chat.tap("return:item:0")
    await chat.tap("return:reason:change_of_mind")
    assert "Shall I submit a return for 울 니트? (Reason: Changed mind)" in chat.text
    assert "₩3,000 return shipping is on you" in chat.text
    await chat.say("yes please")
    assert "Your return is submitted" in chat.text
    assert "pick up the item within 1–3 business days" in chat.text
    assert world.shop.submitted[0].reason == "change_of_mind"


async def test_return_window_passed_in_english(world: World) -> None:
    chat = world.script("en")
    await chat.say(f"I'd like to return order {OLD_NO}, phone 4321")
    assert "7-day window" in chat.text and "has passed" in chat.text
    assert "3 months" in chat.text
