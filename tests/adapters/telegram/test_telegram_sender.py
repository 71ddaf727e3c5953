"""TelegramSender against the fake Bot API: what is sent, and how failures translate."""

import pytest

from adapters.telegram import MemoryPayloadStore, TelegramSender
from adapters.telegram.ptb import TelegramApplication
from core.models import Button, Card, Channel, ConversationKey, Image, QuickReply, Reply, Text
from core.outbound import Author, Delivery, PermanentSendError, TransientSendError
from tests.adapters.telegram.tg_doubles import NOW
from tests.fakes.telegram import FakeTelegram

SHOPPER = ConversationKey(Channel.TELEGRAM, "5550001")
LONG_PAYLOAD = "order:" + "무선 이어폰" * 10


def delivery(reply: Reply, delivery_id: str = "tg:900001") -> Delivery:
    return Delivery(delivery_id, SHOPPER, reply, Author.BOT, NOW)


@pytest.fixture
def sender(application: TelegramApplication, payload_store: MemoryPayloadStore) -> TelegramSender:
    return TelegramSender(application.bot, payload_store)


TWO_MESSAGES = Reply(
    parts=(Text("사진 확인해 주세요 <3"), Image("https://shop.example/p.jpg")),
    quick_replies=(QuickReply("주문 조회", "intent:order_status"),),
)


async def test_reply_is_sent_as_html_messages_in_order(
    sender: TelegramSender, fake_telegram: FakeTelegram
) -> None:
    await sender.send(delivery(TWO_MESSAGES))
    [text] = fake_telegram.sent("sendMessage")
    [photo] = fake_telegram.sent("sendPhoto")
    assert (text["chat_id"], text["text"], text["parse_mode"]) == (
        "5550001",
        "사진 확인해 주세요 &lt;3",
        "HTML",
    )
    assert "reply_markup" not in text
    assert photo["photo"] == "https://shop.example/p.jpg"
    assert photo["reply_markup"] == {
        "inline_keyboard": [[{"text": "주문 조회", "callback_data": "intent:order_status"}]]
    }
    assert [c.method for c in fake_telegram.calls[1:]] == ["sendMessage", "sendPhoto"]


async def test_long_payloads_are_stored_and_sent_as_tokens(
    sender: TelegramSender, fake_telegram: FakeTelegram, payload_store: MemoryPayloadStore
) -> None:
    reply = Reply(parts=(Card("주문 20240501-0001", buttons=(Button("선택", LONG_PAYLOAD),)),))
    await sender.send(delivery(reply))
    [params] = fake_telegram.sent("sendMessage")
    data = params["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    assert data.startswith("cb:")
    assert len(data.encode()) <= 64
    assert await payload_store.get(data.removeprefix("cb:")) == LONG_PAYLOAD


async def test_flood_control_is_transient_with_retry_after(
    sender: TelegramSender, fake_telegram: FakeTelegram
) -> None:
    fake_telegram.fail_next("sendMessage", status=429, retry_after=7)
    with pytest.raises(TransientSendError) as caught:
        await sender.send(delivery(Reply(parts=(Text("안녕하세요"),))))
    assert caught.value.retry_after == 7.0


@pytest.mark.parametrize("status", [500, 502])
async def test_server_errors_are_transient(
    sender: TelegramSender, fake_telegram: FakeTelegram, status: int
) -> None:
    fake_telegram.fail_next("sendMessage", status=status)
    with pytest.raises(TransientSendError) as caught:
        await sender.send(delivery(Reply(parts=(Text("안녕하세요"),))))
    assert caught.value.retry_after is None


@pytest.mark.parametrize(
    ("status", "description"),
    [(403, "Forbidden: bot was blocked by the user"), (400, "Bad Request: chat not found")],
)
async def test_blocked_bot_and_unknown_chat_are_permanent(
    sender: TelegramSender, fake_telegram: FakeTelegram, status: int, description: str
) -> None:
    fake_telegram.fail_next("sendMessage", status=status)
    with pytest.raises(PermanentSendError, match=f"(?i){description.split(': ')[1]}"):
        await sender.send(delivery(Reply(parts=(Text("안녕하세요"),))))


async def test_a_retry_resumes_after_the_messages_already_sent(
    sender: TelegramSender, fake_telegram: FakeTelegram
) -> None:
    fake_telegram.fail_next("sendPhoto", status=429, retry_after=1)
    with pytest.raises(TransientSendError):
        await sender.send(delivery(TWO_MESSAGES))
    await sender.send(delivery(TWO_MESSAGES))
    assert len(fake_telegram.sent("sendMessage")) == 1
    assert len(fake_telegram.sent("sendPhoto")) == 1
    await sender.send(delivery(TWO_MESSAGES, delivery_id="tg:900002"))
    assert len(fake_telegram.sent("sendMessage")) == 2


def test_sender_is_the_telegram_channel(sender: TelegramSender) -> None:
    assert sender.channel is Channel.TELEGRAM
