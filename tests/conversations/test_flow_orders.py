"""Order status behind proof of ownership: verify, link, pick, refuse, lock."""

from conv_script import ConversationScript, World
from conv_shop import DELIVERED_NO, OLD_NO, PREPARING_NO, SHIPPING_NO


async def test_unverified_shopper_proves_order_and_gets_linked(
    chat: ConversationScript, world: World
) -> None:
    await chat.say("내 주문 어디쯤 왔어요?")
    assert "주문번호와 주문자 휴대폰 번호 뒷자리 4자리" in chat.text
    assert chat.state.step == "ask_order"

    await chat.say(f"{SHIPPING_NO} 5678")
    assert "배송중" in chat.text
    assert "CJ대한통운 운송장번호 612345678901" in chat.text
    assert "서울 강남 대리점" in chat.text and "배송 출발" in chat.text
    assert "도착 예정일은 11월 5일(목)" in chat.text
    assert "010-****-5678" in chat.text and "1234-5678" not in chat.text
    assert "테헤란로" not in chat.text
    assert "intent:delivery_delay" in chat.payloads
    assert world.directory.links[chat.key] == "C001"
    assert chat.state.customer_id == "C001"
    assert SHIPPING_NO in chat.state.verified_orders
    assert chat.state.flow is None


async def test_order_number_first_then_name(chat: ConversationScript) -> None:
    await chat.say(f"주문번호 {PREPARING_NO} 확인해주세요")
    assert "뒷자리 4자리나 주문자 성함" in chat.text
    await chat.say("김민지")
    assert "상품준비중" in chat.text
    assert "1–2 영업일" in chat.text
    assert set(chat.payloads) >= {"intent:cancel_order", "intent:change_order"}


async def test_linked_shopper_is_answered_without_asking(
    chat: ConversationScript, world: World
) -> None:
    chat.link("C001")
    await chat.say("내 주문 어디쯤 왔어요?")
    # Two orders in progress: the shopper picks one of their own.
    assert "어떤 주문을 확인할까요" in chat.text
    assert f"order:{PREPARING_NO}" in chat.payloads
    assert f"order:{SHIPPING_NO}" in chat.payloads
    await chat.tap(f"order:{SHIPPING_NO}")
    assert "612345678901" in chat.text
    # The order just discussed is the focus the next time.
    await chat.say("내 주문 어디쯤 왔어요?")
    assert "612345678901" in chat.text
    assert not world.escalation.tickets


async def test_linked_shopper_with_one_order_in_progress(
    world: World, chat: ConversationScript
) -> None:
    del world.shop.orders[PREPARING_NO]
    chat.link("C001")
    await chat.say("내 주문 어디쯤 왔어요?")
    assert "612345678901" in chat.text


async def test_someone_elses_order_needs_its_own_proof(chat: ConversationScript) -> None:
    chat.link("C001")
    await chat.say(f"{OLD_NO} 주문 조회해 주세요")
    assert "뒷자리 4자리나 주문자 성함" in chat.text
    assert "가죽 로퍼" not in chat.text
    await chat.say("5678")
    assert "일치하는 주문을 찾지 못했어요" in chat.text
    assert "가죽 로퍼" not in chat.text
    assert OLD_NO not in chat.state.verified_orders


async def test_unknown_and_mismatched_orders_read_the_same(world: World) -> None:
    unknown, mismatched = world.script("a"), world.script("b")
    await unknown.say("20261111-9999999 5678 주문 조회")
    await mismatched.say(f"{PREPARING_NO} 0000 주문 조회")
    assert unknown.text == mismatched.text
    assert "일치하는 주문을 찾지 못했어요" in unknown.text


async def test_five_failures_lock_lookups_for_an_hour(chat: ConversationScript) -> None:
    for digits in ("1111", "2222", "3333", "4444"):
        await chat.say(f"{PREPARING_NO} {digits}")
        assert "일치하는 주문을 찾지 못했어요" in chat.text
    await chat.say(f"{PREPARING_NO} 5555")
    assert "주문 확인을 잠시 멈췄어요" in chat.text
    assert "15:00 이후" in chat.text
    assert chat.payloads == ["intent:human_agent"]
    # Even the right details are refused while locked.
    await chat.say(f"{PREPARING_NO} 5678")
    assert "잠시 멈췄어요" in chat.text and "상품준비중" not in chat.text
    chat.world.clock.advance(hours=1, minutes=1)
    await chat.say(f"{PREPARING_NO} 5678")
    assert "상품준비중" in chat.text


async def test_english_lookup_with_full_phone(world: World) -> None:
    chat = world.script("en-user")
    await chat.say("Where is my order?")
    assert "order number together with the last 4 digits" in chat.text
    await chat.say(f"{DELIVERED_NO} 010-1234-5678")
    assert "Status: Delivered" in chat.text
    assert "Wool Knit" not in chat.text  # item names come from the order as sold
    assert "return or exchange until" in chat.text
    assert set(chat.payloads) >= {"intent:return_request", "intent:exchange_request"}
    assert world.directory.links[chat.key] == "C001"
