"""End to end through `create_app`: a shopper proves an order on Telegram, gets its status
through the fake Bot API, and is recognised on Instagram once the same order is proven there."""

import itertools
import json
import secrets
import time
from typing import Any

from bots.settings import Settings
from bots.web import SERVICES
from core.models import Channel, ConversationKey
from core.orders import OrderStatus
from tests.bots.conftest import APP_SECRET, SECRET, VERIFY, AppClient, find_order
from tests.fakes.graph import FakeGraph
from tests.fakes.telegram import FakeTelegram
from tests.support.signing import meta_headers

CHAT_ID = 7770001
IGSID = "17841400000000001"

# Unique per run: in Redis mode update ids are deduplicated for days on a shared server.
_update_ids = itertools.count(secrets.randbelow(2**40))


def telegram_update(text: str) -> dict[str, Any]:
    chat = {"id": CHAT_ID, "type": "private", "first_name": "Minji"}
    return {
        "update_id": next(_update_ids),
        "message": {
            "message_id": next(_update_ids),
            "from": {"id": CHAT_ID, "is_bot": False, "first_name": "Minji"},
            "chat": chat,
            "date": int(time.time()),
            "text": text,
        },
    }


def instagram_event(text: str, mid: str) -> bytes:
    event = {
        "sender": {"id": IGSID},
        "recipient": {"id": "17841499999999999"},
        "timestamp": int(time.time() * 1000),
        "message": {"mid": mid, "text": text},
    }
    body = {"object": "instagram", "entry": [{"id": "17841499999999999", "messaging": [event]}]}
    return json.dumps(body, ensure_ascii=False).encode()


async def test_telegram_shopper_proves_an_order_and_gets_its_status(
    app_client: AppClient,
    channel_settings: Settings,
    database_url: str,
    fake_telegram: FakeTelegram,
) -> None:
    order = await find_order(database_url, OrderStatus.SHIPPING)
    assert order.shipment is not None
    client = await app_client(channel_settings)
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}

    for text in ("주문 배송조회 하고 싶어요", f"{order.order_no} {order.orderer_phone[-4:]}"):
        response = await client.post(
            "/webhooks/telegram", json=telegram_update(text), headers=headers
        )
        assert response.status == 200

    status = await fake_telegram.wait_for_call(
        lambda c: c.method == "sendMessage" and order.shipment.tracking_no in c.params["text"]
    )
    assert str(CHAT_ID) == str(status.params["chat_id"])
    assert order.shipment.courier in status.params["text"]
    assert order.orderer_phone not in status.params["text"]  # masked


async def test_telegram_rejects_a_wrong_secret(
    app_client: AppClient, channel_settings: Settings, fake_telegram: FakeTelegram
) -> None:
    client = await app_client(channel_settings)
    response = await client.post(
        "/webhooks/telegram",
        json=telegram_update("안녕하세요"),
        headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"},
    )
    assert response.status == 401
    assert fake_telegram.sent("sendMessage") == []


async def test_shopper_linked_on_two_channels_is_one_customer(
    app_client: AppClient,
    channel_settings: Settings,
    database_url: str,
    fake_telegram: FakeTelegram,
    fake_graph: tuple[FakeGraph, str],
) -> None:
    order = await find_order(database_url, OrderStatus.SHIPPING)
    client = await app_client(channel_settings)
    proof = f"{order.order_no} {order.orderer_phone[-4:]}"
    await client.post(
        "/webhooks/telegram",
        json=telegram_update(proof),
        headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
    )
    await fake_telegram.wait_for_call(lambda c: c.method == "sendMessage")

    graph, _ = fake_graph
    for n, text in enumerate((proof, "내 주문 어디쯤 왔어요?")):
        body = instagram_event(text, f"mid.e2e.{n}")
        response = await client.post(
            "/webhooks/instagram", data=body, headers=meta_headers(body, APP_SECRET)
        )
        assert response.status == 200
    sent = await graph.wait_for_calls(2)
    assert sent[0].body["recipient"]["id"] == IGSID

    customers = client.app[SERVICES].engine.customers
    on_telegram = await customers.by_identity(ConversationKey(Channel.TELEGRAM, str(CHAT_ID)))
    on_instagram = await customers.by_identity(ConversationKey(Channel.INSTAGRAM, IGSID))
    assert on_telegram is not None and on_instagram is not None
    assert on_telegram.customer_id == on_instagram.customer_id == order.customer_id


async def test_instagram_forged_signature_is_refused(
    app_client: AppClient, channel_settings: Settings, fake_graph: tuple[FakeGraph, str]
) -> None:
    client = await app_client(channel_settings)
    body = instagram_event("안녕하세요", "mid.forged")
    response = await client.post(
        "/webhooks/instagram", data=body, headers=meta_headers(body, "not-the-secret")
    )
    assert response.status == 403
    assert fake_graph[0].calls == []


async def test_instagram_subscription_check(
    app_client: AppClient, channel_settings: Settings
) -> None:
    client = await app_client(channel_settings)
    ok = await client.get(
        "/webhooks/instagram",
        params={"hub.mode": "subscribe", "hub.verify_token": VERIFY, "hub.challenge": "4242"},
    )
    assert ok.status == 200 and await ok.text() == "4242"
    bad = await client.get(
        "/webhooks/instagram",
        params={"hub.mode": "subscribe", "hub.verify_token": "nope", "hub.challenge": "1"},
    )
    assert bad.status == 403
