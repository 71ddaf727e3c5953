"""Delivery delays, cancellations and changes, Korean and English."""

from conv_script import ConversationScript, World
from conv_shop import DELIVERED_NO, LATE_NO, PREPARING_NO, SHIPPING_NO

from core.models import RequestKind


async def test_late_parcel_gets_empathy_facts_and_a_ticket(
    chat: ConversationScript, world: World
) -> None:
    chat.link("C002")
    await chat.say("배송이 너무 늦어요")
    assert chat.text.startswith(
        ("기다리시게 해서", "많이 기다리셨죠", "많이 불편하셨죠", "속상하셨을")
    )
    assert "도착 예정일(11월 1일(일))이 지났는데" in chat.text
    assert "대전 허브" in chat.text
    assert "3일째 움직임이 없어요" in chat.text
    assert chat.payloads == ["delivery:ticket", "intent:human_agent", "delivery:no"]
    await chat.tap("delivery:ticket")
    assert "배송 문의를 접수했어요" in chat.text
    assert "1시간 안에" in chat.text
    [ticket] = world.escalation.tickets
    assert ticket["reason"] == "delivery_delay"
    assert f"order={LATE_NO}" in str(ticket["summary"])
    assert chat.state.ticket_id == "T-1" and chat.state.flow is None


async def test_parcel_on_time_in_english(world: World) -> None:
    chat = world.script("en")
    chat.link("C001")
    await chat.say("my package is late")
    assert "on its way" in chat.text
    assert "Expected delivery: Thu, Nov 5." in chat.text
    assert "within the last 2 days" in chat.text
    await chat.tap("delivery:no")
    assert "I'll let you know" in chat.text
    assert not world.escalation.tickets


async def test_cancel_before_shipping_with_confirmation(
    chat: ConversationScript, world: World
) -> None:
    chat.link("C001")
    await chat.say("주문 취소해주세요")
    assert "아래 주문을 취소할까요?" in chat.text and PREPARING_NO in chat.text
    assert chat.payloads == ["cancel:yes", "cancel:no"]
    await chat.tap("cancel:yes")
    [request] = world.shop.submitted
    assert request.kind is RequestKind.CANCEL and request.order_no == PREPARING_NO
    assert request.request_no.startswith(f"C-{PREPARING_NO}-")
    assert request.request_no in chat.text
    assert "카드사 반영까지 3–5 영업일" in chat.text
    assert chat.state.flow is None


async def test_cancel_declined_keeps_the_order(chat: ConversationScript, world: World) -> None:
    chat.link("C001")
    await chat.say("주문 취소할래요")
    await chat.say("아니요")
    assert "주문은 그대로 진행할게요" in chat.text
    assert not world.shop.submitted


async def test_shipped_order_cannot_be_cancelled(chat: ConversationScript, world: World) -> None:
    await chat.say(f"{SHIPPING_NO} 5678 주문 취소해주세요")
    assert "'배송중' 상태라 주문 취소는 어려워요" in chat.text
    assert "받으신 뒤 7일 안에 반품" in chat.text
    # A return can't be filed before delivery: no button that leads to a refusal.
    assert "intent:return_request" not in chat.payloads
    assert chat.payloads == ["intent:order_status", "intent:human_agent"]
    assert not world.shop.submitted


async def test_delivered_order_cannot_be_cancelled_but_offers_a_return(
    chat: ConversationScript,
) -> None:
    await chat.say(f"{DELIVERED_NO} 5678 주문 취소해주세요")
    assert "'배송완료' 상태라 주문 취소는 어려워요" in chat.text
    assert "intent:return_request" in chat.payloads


async def test_cancel_in_english(world: World) -> None:
    chat = world.script("en")
    await chat.say("cancel my order please")
    await chat.say(f"{PREPARING_NO} 5678")
    assert "Shall I cancel this order?" in chat.text
    await chat.say("yes")
    assert "Your cancellation is submitted" in chat.text
    assert "3–5 business days" in chat.text
    assert world.shop.submitted[0].kind is RequestKind.CANCEL


async def test_address_change_before_shipping(chat: ConversationScript, world: World) -> None:
    chat.link("C001")
    await chat.say("배송지 변경하고 싶어요")
    assert "새 배송지를 동·호수까지 주소 전체로" in chat.text
    assert "서울시 강남구 ****" in chat.text
    await chat.say("경기도 성남시 분당구 판교로 1 101동 202호")
    assert "배송지를 아래 주소로 바꿀까요?\n경기도 성남시 분당구 판교로 1 101동 202호" in chat.text
    await chat.tap("change:yes")
    [request] = world.shop.submitted
    assert request.kind is RequestKind.CHANGE_ADDRESS
    assert request.details["address"].startswith("경기도 성남시")
    assert request.request_no in chat.text


async def test_option_change_offers_stock(chat: ConversationScript, world: World) -> None:
    chat.link("C001")
    await chat.say("옵션 변경하고 싶어요")
    assert "어떤 옵션으로 바꿔 드릴까요? (지금: 울 니트(블랙/M) 1개)" in chat.text
    assert "change:opt:아이보리/M" in chat.payloads
    assert "change:opt:블랙/L" not in chat.payloads  # sold out
    await chat.tap("change:opt:아이보리/M")
    await chat.tap("change:yes")
    [request] = world.shop.submitted
    assert request.kind is RequestKind.CHANGE_OPTION
    assert request.details == {"item": "P001", "from": "블랙/M", "to": "아이보리/M"}


async def test_change_after_shipping_is_refused(world: World) -> None:
    chat = world.script("en")
    await chat.say(f"I want to change the address of order {SHIPPING_NO}, phone 5678")
    assert "can't be changed anymore" in chat.text
    assert "intent:exchange_request" in chat.payloads
    assert not world.shop.submitted


async def test_this_order_means_the_one_just_discussed(
    chat: ConversationScript, world: World
) -> None:
    chat.link("C001")  # has a cancellable order too
    await chat.say(f"{SHIPPING_NO} 배송 어디쯤이에요?")
    assert SHIPPING_NO in chat.text
    await chat.say("이거 취소하고 싶어요")
    assert "'배송중' 상태라 주문 취소는 어려워요" in chat.text
    assert PREPARING_NO not in chat.text and "cancel:yes" not in chat.payloads
    assert not world.shop.submitted


async def test_a_new_request_after_a_status_answer_prefers_the_orders_it_fits(
    chat: ConversationScript,
) -> None:
    chat.link("C001")
    await chat.say(f"{SHIPPING_NO} 배송 어디쯤이에요?")
    await chat.say("반품하고 싶어요")
    assert "배송중" not in chat.text and "어떤 상품을 반품하실까요?" in chat.text
    assert DELIVERED_NO in chat.state.slots.values()


async def test_two_upset_messages_in_a_row_get_one_apology(chat: ConversationScript) -> None:
    chat.link("C002")
    await chat.say("배송이 너무 늦어요 진짜 짜증나네요")
    first = chat.text
    await chat.say("아니 언제 오냐고요 짜증나게 진짜")
    apologies = ("기다리시게 해서", "많이 기다리셨죠", "많이 불편하셨죠", "속상하셨을")
    assert first.startswith(apologies)
    assert not chat.text.startswith(apologies)
    await chat.say("고마워요")
    await chat.say("근데 또 늦으면 진짜 화날 것 같아요 짜증나")
    assert chat.text.startswith(apologies)  # a later upset turn is soothed again
