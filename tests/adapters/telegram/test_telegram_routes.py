"""POST /webhooks/telegram: authentication, bad input, dedup, acceptance before 200."""

import asyncio
import json

from aiohttp.test_utils import TestClient

from adapters.http import MAX_BODY_BYTES
from adapters.telegram import MemoryPayloadStore, TelegramWebhook
from adapters.telegram.parse import IgnoredReason
from core.errors import StoreUnavailable
from core.models import Channel, ConversationKey
from core.outbound import Author
from tests.adapters.telegram.tg_doubles import (
    NOW,
    SECRET,
    EchoEngine,
    FailingDeduplicator,
    RecordingCustomers,
    RecordingOutbox,
)
from tests.fakes.telegram import FakeTelegram

PATH = "/webhooks/telegram"
HEADERS = {"X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json"}
SHOPPER = ConversationKey(Channel.TELEGRAM, "5550001")


async def post(client: TestClient, body: object, headers: dict[str, str] = HEADERS) -> int:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    async with client.post(PATH, data=data, headers=headers) as response:
        return response.status


async def test_text_message_is_answered_then_enqueued_before_200(
    client: TestClient, load_payload, engine: EchoEngine, outbox: RecordingOutbox
) -> None:
    assert await post(client, load_payload("message_text_private")) == 200
    [message] = engine.handled
    assert (message.key, message.text, message.event_id) == (
        SHOPPER,
        "주문한 거 언제 와요?",
        "900001",
    )
    [delivery] = outbox.calls
    assert delivery.delivery_id == "tg:900001"
    assert (delivery.key, delivery.author, delivery.created_at) == (SHOPPER, Author.BOT, NOW)
    assert delivery.reply.plain_text() == "echo 주문한 거 언제 와요?"


async def test_wrong_or_missing_secret_is_401_and_nothing_happens(
    client: TestClient, load_payload, engine: EchoEngine, outbox: RecordingOutbox
) -> None:
    wrong = {**HEADERS, "X-Telegram-Bot-Api-Secret-Token": "not-the-secret"}
    missing = {"Content-Type": "application/json"}
    assert await post(client, load_payload("message_text_private"), wrong) == 401
    assert await post(client, load_payload("message_text_private"), missing) == 401
    assert engine.handled == []
    assert outbox.calls == []


async def test_bad_bodies_are_400(client: TestClient, load_payload, engine: EchoEngine) -> None:
    malformed = load_payload("message_text_private")
    del malformed["message"]["chat"]
    assert await post(client, b"{not json") == 400
    assert await post(client, [1, 2, 3]) == 400
    assert await post(client, {"update_id": "900001"}) == 400
    assert await post(client, malformed) == 400
    assert engine.handled == []


async def test_a_huge_body_is_413(client: TestClient, engine: EchoEngine) -> None:
    body = b'{"update_id": 1, "pad": "' + b"x" * MAX_BODY_BYTES + b'"}'
    assert await post(client, body) == 413
    assert engine.handled == []


async def test_the_same_update_three_times_at_once_is_enqueued_once(
    client: TestClient, load_payload, engine: EchoEngine, outbox: RecordingOutbox
) -> None:
    update = load_payload("message_text_private")
    statuses = await asyncio.gather(*(post(client, update) for _ in range(3)))
    assert statuses == [200, 200, 200]
    assert len(engine.handled) == 1
    assert [d.delivery_id for d in outbox.calls] == ["tg:900001"]


async def test_store_outage_at_dedup_is_503_so_telegram_retries(
    client: TestClient,
    load_payload,
    engine: EchoEngine,
    dedup: FailingDeduplicator,
    outbox: RecordingOutbox,
) -> None:
    dedup.failure = StoreUnavailable("redis down")
    assert await post(client, load_payload("message_text_private")) == 503
    dedup.failure = None
    assert await post(client, load_payload("message_text_private")) == 200
    assert len(engine.handled) == 1
    assert len(outbox.calls) == 1


async def test_outbox_outage_is_503_and_the_retry_is_answered(
    client: TestClient, load_payload, engine: EchoEngine, outbox: RecordingOutbox
) -> None:
    outbox.failures.append(StoreUnavailable("redis down"))
    assert await post(client, load_payload("message_text_private")) == 503
    assert outbox.calls == []
    assert await post(client, load_payload("message_text_private")) == 200
    assert [d.delivery_id for d in outbox.calls] == ["tg:900001"]


async def test_button_tap_is_acknowledged_and_its_data_is_the_postback(
    client: TestClient, load_payload, engine: EchoEngine, fake_telegram: FakeTelegram
) -> None:
    assert await post(client, load_payload("callback_query_quick_reply")) == 200
    assert fake_telegram.sent("answerCallbackQuery") == [
        {"callback_query_id": "4382bfdwdsb323b2d9"}
    ]
    [message] = engine.handled
    assert (message.postback, message.text) == ("intent:order_status", "주문 조회")


async def test_a_failed_acknowledgement_does_not_lose_the_tap(
    client: TestClient, load_payload, engine: EchoEngine, fake_telegram: FakeTelegram
) -> None:
    fake_telegram.fail_next("answerCallbackQuery", status=400, description="query is too old")
    assert await post(client, load_payload("callback_query_quick_reply")) == 200
    assert len(engine.handled) == 1


async def test_stored_payload_tokens_are_resolved(
    client: TestClient, load_payload, engine: EchoEngine, payload_store: MemoryPayloadStore
) -> None:
    token = await payload_store.put("order:20240501-0001:" + "x" * 80)
    update = json.loads(
        json.dumps(load_payload("callback_query_stored_payload")).replace("TOKEN", token)
    )
    assert await post(client, update) == 200
    assert engine.handled[0].postback == "order:20240501-0001:" + "x" * 80


async def test_an_expired_token_leaves_the_button_label_to_speak(
    client: TestClient, load_payload, engine: EchoEngine
) -> None:
    assert await post(client, load_payload("callback_query_stored_payload")) == 200
    [message] = engine.handled
    assert (message.postback, message.text) == (None, "20240501-0001 무선 이어폰")


async def test_blocking_the_bot_marks_the_shopper_unreachable(
    client: TestClient, load_payload, customers: RecordingCustomers, engine: EchoEngine
) -> None:
    assert await post(client, load_payload("my_chat_member_kicked")) == 200
    assert customers.unreachable == [SHOPPER]
    assert engine.handled == []


async def test_ignored_updates_are_200_and_counted(
    client: TestClient, load_payload, engine: EchoEngine, webhook: TelegramWebhook
) -> None:
    for name in ("edited_message_text", "message_group_text", "future_kind_unknown"):
        assert await post(client, load_payload(name)) == 200
    assert engine.handled == []
    assert webhook.intake.ignored == {
        IgnoredReason.EDITED: 1,
        IgnoredReason.NOT_PRIVATE: 1,
        IgnoredReason.OTHER_KIND: 1,
    }


async def test_an_empty_reply_enqueues_nothing(
    client: TestClient, load_payload, engine: EchoEngine, outbox: RecordingOutbox
) -> None:
    engine.empty = True
    assert await post(client, load_payload("message_text_private")) == 200
    assert outbox.calls == []
