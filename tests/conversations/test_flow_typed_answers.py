"""Typed answers where a quick reply was offered, and topic switches in the middle of a flow."""

from conv_script import ConversationScript, World
from conv_shop import DELIVERED_NO, PREPARING_NO, SHIPPING_NO

from conversations.speech import ordinal, yes_or_no
from core.models import RequestKind


def test_yes_and_no_in_words_are_whole_words() -> None:
    assert yes_or_no("네 맞아요") == "yes" and yes_or_no("넵") == "yes"
    assert yes_or_no("아니요 그냥 둘게요") == "no" and yes_or_no("yes please") == "yes"
    # 예 inside 언제예요 / 예정, 네 inside 네이버페이, 응 inside 대응 are no answers.
    for text in ("언제 출고 예정이에요?", "네이버페이로 결제했어요", "대응이 느려요", "네번째요"):
        assert yes_or_no(text) is None, text


def test_ordinals() -> None:
    assert ordinal("두번째요") == 1 and ordinal("첫 번째 주문") == 0
    assert ordinal("the second one") == 1 and ordinal("마지막꺼요") == -1
    assert ordinal("울 니트요") is None


async def test_a_question_at_the_cancel_confirmation_does_not_cancel(
    chat: ConversationScript, world: World
) -> None:
    await chat.say(f"{PREPARING_NO} 5678 취소해주세요")
    assert "cancel:yes" in chat.payloads
    await chat.say("출고 예정일이 언제예요?")
    assert not world.shop.submitted


async def test_picking_an_order_by_its_place_in_the_list(chat: ConversationScript) -> None:
    chat.link("C001")
    await chat.say("주문 확인해주세요")
    assert chat.state.step == "pick_order"
    assert chat.payloads[1] == f"order:{SHIPPING_NO}"
    await chat.say("두번째요")
    assert "612345678901" in chat.text and chat.state.flow is None


async def test_an_unclear_pick_asks_again_differently(chat: ConversationScript) -> None:
    chat.link("C001")
    await chat.say("주문 확인해주세요")
    first = chat.text
    await chat.say("음 글쎄요")
    assert chat.text != first and "두 번째" in chat.text
    assert chat.state.step == "pick_order"


async def test_return_with_typed_item_reason_and_answer(
    chat: ConversationScript, world: World
) -> None:
    chat.link("C001")
    await chat.say("반품하고 싶어요")
    await chat.say("데님이요")
    assert "와이드 데님 팬츠 반품 사유" in chat.text
    await chat.say("사이즈가 작아서요")
    assert "(사유: 사이즈)" in chat.text
    await chat.say("네")
    [request] = world.shop.submitted
    assert request.details["item"] == "P002" and request.reason == "size"


async def test_a_reason_that_reads_like_a_product_question_stays_in_the_exchange(
    chat: ConversationScript, world: World
) -> None:
    chat.link("C001")
    await chat.say("교환하고 싶어요")
    await chat.say("첫번째요")
    await chat.say("사이즈가 커요")  # product_inquiry to the classifier
    assert chat.state.flow == "returns" and chat.state.step == "option"
    # Exchanging for size to the very option received makes no sense: not offered.
    assert "return:option:블랙/M" not in chat.payloads
    await chat.say("블랙 M")
    assert "지금 받으신 옵션(블랙/M)과 같아요" in chat.text
    await chat.say("아이보리 L로 주세요")
    assert "바꿀 옵션: 아이보리/L / 사유: 사이즈" in chat.text
    await chat.say("네 신청할게요")
    assert world.shop.submitted[0].details["to"] == "아이보리/L"


async def test_no_photo_in_words_skips_the_photo(chat: ConversationScript, world: World) -> None:
    await chat.say(f"{DELIVERED_NO} 5678 교환하고 싶어요")
    await chat.tap("return:item:0")
    await chat.tap("return:reason:defect")
    await chat.say("아이보리 M으로요")
    assert chat.state.step == "photo"
    await chat.say("사진 없어요")
    assert chat.state.step == "confirm" and "return:yes" in chat.payloads


async def test_typed_option_change_is_matched_to_the_catalog(
    chat: ConversationScript, world: World
) -> None:
    chat.link("C001")
    await chat.say("옵션 변경하고 싶어요")
    await chat.say("M으로 바꿔주세요")
    # Not "M으로 바꿔주세요(으)로": the one M option still in stock besides the one ordered.
    assert "블랙/M → 아이보리/M" in chat.text
    await chat.say("아니요")
    assert not world.shop.submitted
    await chat.say("옵션 변경하고 싶어요")
    await chat.say("L로요")
    assert "블랙/L 옵션은 지금 품절" in chat.text and chat.state.step == "option"
    await chat.say("그레이 XL이요")
    assert "찾지 못했어요" in chat.text and chat.state.step == "option"


async def test_an_address_must_read_like_one(chat: ConversationScript, world: World) -> None:
    chat.link("C001")
    await chat.say("배송지 변경하고 싶어요")
    await chat.say("회사로요")
    assert "주소 전체를 한 번 더" in chat.text and chat.state.step == "address"
    await chat.say("서울시 마포구 월드컵로 45 101동 202호")
    assert "배송지를 아래 주소로 바꿀까요?" in chat.text


async def test_switching_to_refund_in_the_middle_of_a_return(chat: ConversationScript) -> None:
    chat.link("C001")
    await chat.say("반품하고 싶어요")
    await chat.tap("return:item:0")
    await chat.say("아 그냥 환불 언제 되는지만 알려주세요")
    assert chat.state.flow is None
    assert "환불 접수 내역이 없어요" in chat.text and "영업일" in chat.text


async def test_complaint_yes_brings_a_person(chat: ConversationScript, world: World) -> None:
    await chat.say("상담원 태도가 너무 불친절해요")
    assert chat.state.step == "offer"
    await chat.say("네")
    [ticket] = world.escalation.tickets
    assert ticket["reason"] == "complaint"
    assert "1시간 안에" in chat.text and chat.state.flow is None


async def test_product_named_by_a_short_name(chat: ConversationScript) -> None:
    await chat.say("데님 팬츠 소재가 뭐예요?")
    assert "면 100%" in chat.text


async def test_cancel_refund_reads_as_one_bubble(chat: ConversationScript) -> None:
    await chat.say(f"{PREPARING_NO} 5678 취소해주세요")
    await chat.tap("cancel:yes")
    assert len(chat.last.parts) == 2
    assert "결제 수단(신용카드)으로 환불돼요" in chat.text and "(으)로" not in chat.text
    assert world_kind(chat) is RequestKind.CANCEL


def world_kind(chat: ConversationScript) -> RequestKind:
    return chat.world.shop.submitted[0].kind
