"""Refunds, payment, products, coupons, membership, complaints, handoff, opt-out, thanks."""

from datetime import datetime

from conv_script import ConversationScript, World
from conv_shop import PREPARING_NO, REFUND_NO, SEOUL

from core.models import Channel


async def test_refund_status_of_a_cancelled_order(chat: ConversationScript) -> None:
    chat.link("C002")
    await chat.say("환불 언제 들어와요?")
    assert f"주문번호 {REFUND_NO} 환불 내역" in chat.text
    assert "39,000원" in chat.text and "환불 승인됨" in chat.text
    assert "11월 6일(금)까지 환불될 예정" in chat.text
    assert "3–5 영업일" in chat.text


async def test_no_refund_explains_how_to_start(world: World) -> None:
    chat = world.script("en")
    await chat.say(f"refund status for {PREPARING_NO} 5678")
    assert "There's no refund on order" in chat.text
    assert "if you cancel the order, the refund starts right away" in chat.text
    assert "intent:cancel_order" in chat.payloads


async def test_double_charge_offers_a_person(chat: ConversationScript) -> None:
    await chat.say("결제가 두 번 됐어요")
    assert "1–3 영업일 안에 자동으로 취소" in chat.text
    assert "intent:human_agent" in chat.payloads


async def test_payment_topic_is_asked_when_unclear(world: World) -> None:
    chat = world.script("en")
    await chat.say("I have a problem with payment")
    assert "What went wrong with the payment?" in chat.text
    await chat.tap("payment:deposit")
    assert "30 minutes to an hour" in chat.text


async def test_product_stock_by_option(chat: ConversationScript) -> None:
    await chat.say("울 니트 블랙 M 재고 있어요?")
    assert "울 니트" in chat.text and "39,000원" in chat.text
    assert "울 70%, 나일론 30%" in chat.text
    assert "블랙/M(3)" in chat.text
    assert "아이보리/M(" not in chat.text


async def test_product_without_a_name_offers_choices(world: World) -> None:
    chat = world.script("en")
    await chat.say("do you have this in stock?")
    assert "Which product" in chat.text
    assert chat.payloads == ["product:P001", "product:P002", "product:P003"]
    await chat.tap("product:P003")
    assert "Leather Loafers" in chat.text and "₩89,000" in chat.text
    assert "Sold out: 브라운/250" in chat.text


async def test_coupons_of_a_linked_customer(chat: ConversationScript) -> None:
    chat.link("C001")
    await chat.say("적립금 얼마나 있어요?")
    assert "12,500원" in chat.text
    assert "2,000원이 11월 30일(월)에 소멸" in chat.text
    assert "겨울 아우터 10% 쿠폰 (10%, 50,000원 이상 구매 시" in chat.text
    assert "무료배송 쿠폰 (배송비 무료, 11월 15일(일)까지)" in chat.text


async def test_coupons_of_an_unknown_shopper(world: World) -> None:
    chat = world.script("en")
    await chat.say("how many points do I have?")
    assert "My page > Coupons & points" in chat.text
    assert "intent:order_status" in chat.payloads


async def test_membership_grade_of_a_known_customer(chat: ConversationScript) -> None:
    chat.link("C001")
    await chat.say("제 회원 등급이 뭐예요?")
    assert "고객님은 지금 GOLD 등급이에요" in chat.text


async def test_password_reset_in_english(world: World) -> None:
    await (chat := world.script("en")).say("I forgot my password")
    assert "Forgot password" in chat.text


async def test_complaint_apologises_records_and_offers_a_person(
    chat: ConversationScript, world: World
) -> None:
    await chat.say("직원 응대가 너무 불친절해서 화가 나요")
    assert chat.text.startswith(("불편을 드려서", "먼저 불편을"))
    assert chat.payloads == ["intent:human_agent", "complaint:no"]
    assert world.transcript.events[0][0] == "complaint"
    await chat.tap("intent:human_agent")
    assert "상담원 연결을 요청해 드렸어요" in chat.text
    assert world.escalation.tickets[0]["reason"] == "human_agent"


async def test_handoff_outside_business_hours(world: World) -> None:
    world.clock.current = datetime(2026, 11, 6, 20, 30, tzinfo=SEOUL)  # Friday night
    chat = world.script("en", Channel.TELEGRAM)
    await chat.say("I want to talk to a human")
    assert "after 10:00 on Mon, Nov 9" in chat.text
    [ticket] = world.escalation.tickets
    assert "locale=en" in str(ticket["summary"])
    assert chat.state.ticket_id == "T-1"


async def test_handoff_before_opening_today(world: World) -> None:
    world.clock.current = datetime(2026, 11, 4, 8, 0, tzinfo=SEOUL)
    chat = world.script()
    await chat.say("상담원 연결해주세요")
    assert "오늘 11월 4일(수) 오전 10시 이후" in chat.text


async def test_opt_out_is_applied(chat: ConversationScript, world: World) -> None:
    await chat.say("광고 그만 보내세요")
    assert world.directory.consent == [(chat.key, False)]
    assert "주문·배송처럼 꼭 필요한 안내는 계속" in chat.text
    assert "알림 설정" in chat.text


async def test_opt_out_in_english(world: World) -> None:
    chat = world.script("en")
    await chat.say("stop sending me ads")
    assert world.directory.consent == [(chat.key, False)]
    assert "order and delivery updates" in chat.text


async def test_thanks_closes_warmly(chat: ConversationScript) -> None:
    await chat.say("고마워요")
    assert "감사해요" in chat.text or "좋은 하루" in chat.text
    assert "intent:order_status" in chat.payloads


async def test_vip_is_greeted_by_name(chat: ConversationScript) -> None:
    chat.link("C003")
    await chat.say("안녕하세요")
    assert chat.text.startswith("박지우님, 늘 찾아 주셔서 감사해요.")


async def test_a_coupon_that_will_not_apply_gets_the_usual_reasons(
    chat: ConversationScript,
) -> None:
    chat.link("C001")
    await chat.say("쿠폰이 적용이 안돼요")
    assert "최소 구매 금액" in chat.text and "적립금" in chat.text
    assert chat.payloads == ["intent:human_agent"]


async def test_a_coupon_question_without_trouble_shows_the_wallet_only(
    chat: ConversationScript,
) -> None:
    chat.link("C001")
    await chat.say("쿠폰 뭐 있어요?")
    assert "최소 구매 금액 미달" not in chat.text and "적립금" in chat.text


async def test_a_stray_latin_word_does_not_switch_the_language(chat: ConversationScript) -> None:
    await chat.say("안녕하세요")
    await chat.say("ok")
    assert chat.state.locale == "ko"
    await chat.say("asdf qwer")
    assert chat.state.locale == "ko"
    await chat.say("where is my order?")
    assert chat.state.locale == "en" and "order number" in chat.text


async def test_an_english_first_word_sets_english(world: World) -> None:
    chat = world.script("ko")
    await chat.say("hi")
    assert chat.state.locale == "en"
