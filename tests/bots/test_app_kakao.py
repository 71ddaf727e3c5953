"""The Kakao skill endpoint and the health routes through `create_app`, embedded and on Redis."""

import asyncio
import json
import os
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any

from redis.asyncio import Redis

from adapters.redis import RedisDialogStore
from bots.settings import Settings
from core.models import Channel, ConversationKey
from core.orders import OrderStatus
from tests.bots.conftest import AppClient, find_order

PAYLOADS = Path(__file__).parents[1] / "payloads" / "kakao"
SKILL_SECRET = "kakao-skill-secret-for-tests"
BOT_ID = "bot-test-0001"


def skill_request(
    utterance: str, *, user: str = "u-kakao-1", payload: str | None = None
) -> dict[str, Any]:
    body: dict[str, Any] = json.loads((PAYLOADS / "text_utterance.json").read_text())
    body["userRequest"]["utterance"] = utterance
    body["userRequest"]["user"]["id"] = user
    body["action"]["clientExtra"] = {"payload": payload} if payload else {}
    return body


def texts(response_body: dict[str, Any]) -> str:
    outputs = response_body["template"]["outputs"]
    return "\n".join(o["simpleText"]["text"] for o in outputs if "simpleText" in o)


async def test_korean_greeting_gets_a_skill_response_with_a_menu(
    app_client: AppClient, settings: Settings
) -> None:
    client = await app_client(settings)
    response = await client.post("/webhooks/kakao", json=skill_request("안녕하세요"))
    assert response.status == 200
    body = await response.json()
    assert body["version"] == "2.0"
    assert 1 <= len(body["template"]["outputs"]) <= 3
    payloads = [q["extra"]["payload"] for q in body["template"]["quickReplies"]]
    assert "intent:order_status" in payloads


async def test_order_lookup_needs_proof_then_answers_and_remembers(
    app_client: AppClient, settings: Settings, database_url: str
) -> None:
    order = await find_order(database_url, OrderStatus.SHIPPING)
    assert order.shipment is not None
    client = await app_client(settings)

    async def say(text: str) -> str:
        response = await client.post("/webhooks/kakao", json=skill_request(text))
        assert response.status == 200
        return texts(await response.json())

    asked = await say("내 주문 어디쯤 왔어요?")
    assert "주문번호" in asked and order.shipment.tracking_no not in asked
    wrong = await say(f"{order.order_no} 0000")
    assert order.shipment.tracking_no not in wrong
    answer = await say(f"{order.order_no} {order.orderer_phone[-4:]}")
    assert order.shipment.tracking_no in answer
    assert order.orderer_phone not in answer
    again = await say("내 주문 어디쯤 왔어요?")
    assert "휴대폰 번호 뒷자리" not in again  # linked: no second proof asked


async def test_english_shopper_is_answered_in_english(
    app_client: AppClient, settings: Settings
) -> None:
    client = await app_client(settings)
    response = await client.post(
        "/webhooks/kakao", json=skill_request("I want to talk to a person")
    )
    text = texts(await response.json())
    assert any(word in text for word in ("agent", "person", "team"))
    assert not any("\uac00" <= ch <= "\ud7a3" for ch in text)


async def test_secret_and_bot_id_are_checked_when_configured(
    app_client: AppClient, settings: Settings
) -> None:
    client = await app_client(
        replace(settings, kakao_skill_secret=SKILL_SECRET, kakao_bot_id=BOT_ID)
    )
    body = skill_request("안녕하세요")
    missing = await client.post("/webhooks/kakao", json=body)
    wrong = await client.post("/webhooks/kakao", json=body, headers={"X-Skill-Secret": "nope"})
    assert missing.status == wrong.status == 401
    other_bot = skill_request("안녕하세요")
    other_bot["bot"]["id"] = "someone-else"
    headers = {"X-Skill-Secret": SKILL_SECRET}
    assert (await client.post("/webhooks/kakao", json=other_bot, headers=headers)).status == 401
    assert (await client.post("/webhooks/kakao", json=body, headers=headers)).status == 200


async def test_bad_input_gets_a_clear_4xx(app_client: AppClient, settings: Settings) -> None:
    client = await app_client(settings)
    malformed = await client.post(
        "/webhooks/kakao", data=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert malformed.status == 400
    assert "reason" in await malformed.json() or "error" in await malformed.json()
    missing = await client.post("/webhooks/kakao", json={"bot": {"id": BOT_ID}})
    assert missing.status == 400
    huge = await client.post(
        "/webhooks/kakao", json=skill_request("가" * (300 * 1024)), headers={}
    )
    assert huge.status == 413


async def test_the_same_request_three_times_is_answered_once(
    app_client: AppClient, settings: Settings
) -> None:
    client = await app_client(settings)
    headers = {"X-Request-Id": str(uuid.uuid4())}
    body = skill_request("배송조회", user="u-dup")
    responses = await asyncio.gather(
        *(client.post("/webhooks/kakao", json=body, headers=headers) for _ in range(3))
    )
    bodies = [texts(await r.json()) for r in responses]
    assert all(r.status == 200 for r in responses)
    duplicate = "같은 메시지를 이미 받아서"
    assert sum(duplicate in b for b in bodies) == 2


async def test_health_and_readiness(app_client: AppClient, settings: Settings) -> None:
    client = await app_client(settings)
    assert (await client.get("/healthz")).status == 200
    ready = await client.get("/readyz")
    assert ready.status == 200 and (await ready.json())["status"] == "ready"


async def test_on_redis_state_survives_a_new_process(
    app_client: AppClient, settings: Settings, database_url: str
) -> None:
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    on_redis = replace(settings, redis_url=redis_url)
    user = f"u-redis-{uuid.uuid4().hex[:8]}"
    first = await app_client(on_redis)
    await first.post("/webhooks/kakao", json=skill_request("주문 취소하고 싶어요", user=user))
    await first.close()

    redis = Redis.from_url(redis_url)
    try:
        key = ConversationKey(Channel.KAKAO, f"{BOT_ID}:{user}")
        state = await RedisDialogStore(redis).load(key)
    finally:
        await redis.aclose()
    assert state.flow == "cancel" and state.version == 1

    order = await find_order(database_url, OrderStatus.PREPARING)
    second = await app_client(on_redis)
    response = await second.post("/webhooks/kakao", json=skill_request(order.order_no, user=user))
    # The cancel flow, remembered in Redis, takes the order number and asks for proof.
    assert order.order_no in texts(await response.json())
