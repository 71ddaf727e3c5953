"""When the bot is unsure: FAQ, "did you mean", the menu, then a person."""

from datetime import datetime

from conv_script import ConversationScript, World
from conv_shop import NOW

from conversations import build_router, load_phrasebook
from core.flows import FlowContext, Turn
from core.intents import Intent
from core.models import Channel, ConversationKey, InboundMessage
from core.nlu import Understanding
from core.state import DialogState


async def test_faq_answers_shipping_fee(chat: ConversationScript) -> None:
    await chat.say("배송비 얼마에요?")
    assert "5만 원 이상 구매하시면 무료배송" in chat.text
    assert chat.state.misses == 0


async def test_faq_in_english(world: World) -> None:
    chat = world.script("en")
    await chat.say("Do you offer gift wrapping?")
    assert "Gift wrap" in chat.text and "₩2,000" in chat.text
    await chat.say("what are your opening hours?")
    assert "weekdays 10:00–18:00" in chat.text


async def test_care_question_routed_to_products_uses_the_faq(chat: ConversationScript) -> None:
    await chat.say("세탁 방법 알려주세요")
    assert "케어라벨" in chat.text


async def test_two_misses_in_a_row_offer_a_person(chat: ConversationScript, world: World) -> None:
    await chat.say("ㅁㄴㅇㄹ")
    assert "잘 이해하지 못했어요" in chat.text
    assert "menu:claims" in chat.payloads
    assert chat.state.misses == 1
    await chat.say("ㅁㄴㅇㄹ ㅁㄴㅇㄹ")
    assert "상담원이 직접 도와드리는 게 빠를 것 같아요" in chat.text
    assert chat.payloads[0] == "intent:human_agent"
    assert chat.state.misses == 2
    assert [name for name, _ in world.transcript.events] == ["bot_missed", "bot_missed"]
    await chat.tap("intent:human_agent")
    assert world.escalation.tickets and chat.state.misses == 0


async def test_two_misses_in_english(world: World) -> None:
    chat = world.script("en")
    await chat.say("hmm the thing")
    await chat.say("asdf qwer")
    assert "A person would probably be quicker" in chat.text


async def test_claims_menu(chat: ConversationScript) -> None:
    await chat.say("안녕하세요")
    await chat.tap("menu:claims")
    assert chat.payloads == [
        "intent:cancel_order",
        "intent:return_request",
        "intent:exchange_request",
    ]


async def test_unsupported_message_gets_a_kind_reply(chat: ConversationScript) -> None:
    message = InboundMessage(key=chat.key, received_at=NOW, supported=False)
    await chat.send(message)
    assert "글로" in chat.text


async def test_order_number_alone_goes_to_order_status(chat: ConversationScript) -> None:
    await chat.say("20261103-0004521 5678")
    assert "상품준비중" in chat.text


def _turn(understood: Understanding, text: str, state: DialogState) -> Turn:
    key = ConversationKey(Channel.WEBCHAT, "w")
    return Turn(InboundMessage(key, NOW, text=text), understood, state, None, NOW)


async def test_low_confidence_asks_did_you_mean(world: World) -> None:
    router = build_router(low_confidence=0.45)
    ctx = FlowContext(world.shop, world.directory, load_phrasebook())
    understood = Understanding(
        Intent.DELIVERY_TRACKING,
        0.3,
        locale="ko",
        alternatives=((Intent.DELIVERY_DELAY, 0.2), (Intent.OTHER, 0.2), (Intent.THANKS, 0.01)),
    )
    turn = _turn(understood, "택배 받았는데 좀 그래요", DialogState())
    assert router.pick(turn) is router.fallback
    decision = await router.fallback.handle(turn, ctx)
    assert "혹시 배송 조회 말씀이실까요?" in decision.reply.plain_text()
    payloads = [quick.payload for quick in decision.reply.quick_replies]
    assert payloads == [
        "intent:delivery_tracking",
        "intent:delivery_delay",
        "intent:greeting",
    ]
    assert decision.state.misses == 1
    english = _turn(understood, "got the parcel but hmm", DialogState(locale="en", misses=0))
    decision = await router.fallback.handle(english, ctx)
    assert "Did you mean tracking a parcel?" in decision.reply.plain_text()
    assert isinstance(NOW, datetime)


async def test_a_forgotten_order_number_gets_where_to_find_it(chat: ConversationScript) -> None:
    await chat.say("주문번호 까먹었어요")
    assert "마이페이지 > 주문내역" in chat.text
