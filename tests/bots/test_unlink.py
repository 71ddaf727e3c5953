"""Unlinking a channel identity: the shopper must prove their orders again."""

import asyncio
import json

import pytest

from bots.cli import main
from bots.settings import Settings
from core.orders import OrderStatus
from tests.bots.conftest import AppClient, find_order
from tests.bots.test_app_kakao import BOT_ID, skill_request, texts

USER = "u-unlink"


async def test_unlinked_shopper_is_asked_for_proof_again(
    app_client: AppClient,
    settings: Settings,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    order = await find_order(database_url, OrderStatus.SHIPPING)
    assert order.shipment is not None
    client = await app_client(settings)

    async def say(text: str) -> str:
        response = await client.post("/webhooks/kakao", json=skill_request(text, user=USER))
        return texts(await response.json())

    await say(f"{order.order_no} {order.orderer_phone[-4:]}")
    assert order.shipment.tracking_no in await say("내 주문 어디쯤 왔어요?")

    monkeypatch.setenv("DATABASE_URL", database_url)
    assert await asyncio.to_thread(main, ["customers", "show", "kakao", f"{BOT_ID}:{USER}"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["customer"]["customer_id"] == order.customer_id
    assert order.orderer_phone not in json.dumps(shown)
    assert await asyncio.to_thread(main, ["customers", "unlink", "kakao", f"{BOT_ID}:{USER}"]) == 0
    assert json.loads(capsys.readouterr().out)["customer"] is None

    again = await say("내 주문 어디쯤 왔어요?")
    assert order.shipment.tracking_no not in again
    assert "주문번호" in again
