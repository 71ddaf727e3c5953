import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient

from adapters.instagram.routes import InstagramWebhook
from core.errors import StoreUnavailable
from core.inbox import Inbox
from core.models import Reply, Text
from core.outbound import Author, Delivery
from tests.support.signing import meta_headers

from .doubles import NOW, SHOPPER, EchoEngine, RecordingOutbox, RecordingTranscript, load_payload

SECRET = "app-secret"
VERIFY_TOKEN = "verify-me"
Client = TestClient[web.Request, web.Application]
ClientFactory = Callable[[web.Application], Awaitable[Client]]


@pytest.fixture
async def client(
    aiohttp_client: ClientFactory,
    inbox: Inbox,
    outbox: RecordingOutbox,
    transcript: RecordingTranscript,
) -> Client:
    webhook = InstagramWebhook(
        inbox=inbox,
        outbox=outbox,
        transcript=transcript,
        app_secret=SECRET,
        verify_token=VERIFY_TOKEN,
        now=lambda: NOW,
    )
    app = web.Application()
    app.add_routes(webhook.routes())
    return await aiohttp_client(app)


async def post(client: Client, body: bytes, secret: str = SECRET) -> tuple[int, str]:
    response = await client.post(
        "/webhooks/instagram", data=body, headers=meta_headers(body, secret)
    )
    return response.status, await response.text()


def encoded(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False).encode()


async def test_get_answers_the_challenge_when_the_verify_token_matches(client: Client) -> None:
    query = {
        "hub.mode": "subscribe",
        "hub.verify_token": VERIFY_TOKEN,
        "hub.challenge": "1158201444",
    }
    response = await client.get("/webhooks/instagram", params=query)
    assert response.status == 200
    assert response.content_type == "text/plain"
    assert await response.text() == "1158201444"


@pytest.mark.parametrize(
    "query",
    [
        {"hub.mode": "subscribe", "hub.verify_token": "guess", "hub.challenge": "1"},
        {"hub.mode": "unsubscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "1"},
        {"hub.mode": "subscribe", "hub.challenge": "1"},
        {},
    ],
)
async def test_get_is_forbidden_otherwise(client: Client, query: dict[str, str]) -> None:
    response = await client.get("/webhooks/instagram", params=query)
    assert response.status == 403
    assert "1" not in await response.text()


async def test_post_answers_a_text_and_enqueues_the_bot_reply(
    client: Client, engine: EchoEngine, outbox: RecordingOutbox
) -> None:
    status, text = await post(client, encoded(load_payload("text")))
    assert (status, text) == (200, "EVENT_RECEIVED")
    [message] = engine.handled
    assert (message.key, message.text) == (SHOPPER, "주문한 니트 언제 와요?")
    assert outbox.calls == [
        Delivery(
            f"ig:{message.event_id}",
            SHOPPER,
            Reply(parts=(Text("echo 주문한 니트 언제 와요?"),)),
            Author.BOT,
            NOW,
        )
    ]


@pytest.mark.parametrize("secret", ["forged-secret", None])
async def test_post_without_a_valid_signature_is_forbidden(
    client: Client, engine: EchoEngine, outbox: RecordingOutbox, secret: str | None
) -> None:
    body = encoded(load_payload("text"))
    headers = meta_headers(body, secret) if secret else {"Content-Type": "application/json"}
    response = await client.post("/webhooks/instagram", data=body, headers=headers)
    assert response.status == 403
    assert engine.handled == []
    assert outbox.calls == []


async def test_post_signed_but_malformed_json_is_a_bad_request(client: Client) -> None:
    assert (await post(client, b'{"object": "instagram", '))[0] == 400
    assert (await post(client, b"[1, 2]"))[0] == 400


async def test_post_over_256_kb_is_refused_before_anything_else(
    client: Client, engine: EchoEngine
) -> None:
    payload = load_payload("text")
    payload["padding"] = "x" * 256 * 1024
    assert (await post(client, encoded(payload)))[0] == 413
    assert engine.handled == []


async def test_same_webhook_delivered_three_times_concurrently_is_enqueued_once(
    client: Client, engine: EchoEngine, outbox: RecordingOutbox
) -> None:
    body = encoded(load_payload("batched"))
    results = await asyncio.gather(*(post(client, body) for _ in range(3)))
    assert [status for status, _ in results] == [200, 200, 200]
    ids = [delivery.delivery_id for delivery in outbox.calls]
    assert sorted(ids) == ["ig:mid.batch.1", "ig:mid.batch.2", "ig:mid.batch.3", "ig:mid.batch.4"]
    assert len(engine.handled) == 4


async def test_batched_entries_process_every_message_in_order_per_shopper(
    client: Client, engine: EchoEngine, outbox: RecordingOutbox
) -> None:
    assert (await post(client, encoded(load_payload("batched"))))[0] == 200
    by_shopper: dict[str, list[str]] = {}
    for delivery in outbox.calls:
        by_shopper.setdefault(delivery.key.user_id, []).append(delivery.delivery_id)
    assert by_shopper == {
        "6543210987654321": ["ig:mid.batch.1", "ig:mid.batch.2"],
        "6543210987654322": ["ig:mid.batch.3", "ig:mid.batch.4"],
    }
    assert [m.postback for m in engine.handled if m.event_id == "mid.batch.3"] == [
        "intent:return_request"
    ]


async def test_deleted_message_is_recorded_on_the_transcript_not_answered(
    client: Client, engine: EchoEngine, outbox: RecordingOutbox, transcript: RecordingTranscript
) -> None:
    assert (await post(client, encoded(load_payload("deleted"))))[0] == 200
    assert [(key, name, data) for key, name, data, _ in transcript.events] == [
        (SHOPPER, "message_deleted", {"mid": "mid.text.9"})
    ]
    assert engine.handled == []
    assert outbox.calls == []


@pytest.mark.parametrize("name", ["echo", "read", "reaction", "standby"])
async def test_ignorable_events_are_acknowledged_without_processing(
    client: Client, engine: EchoEngine, outbox: RecordingOutbox, name: str
) -> None:
    assert (await post(client, encoded(load_payload(name))))[0] == 200
    assert engine.handled == []
    assert outbox.calls == []


async def test_unsupported_message_reaches_the_inbox_as_unsupported(
    client: Client, engine: EchoEngine
) -> None:
    assert (await post(client, encoded(load_payload("unsupported"))))[0] == 200
    assert [m.supported for m in engine.handled] == [False]


async def test_store_outage_answers_503_and_the_retry_is_processed(
    client: Client, engine: EchoEngine, outbox: RecordingOutbox
) -> None:
    body = encoded(load_payload("text"))
    engine.failure = StoreUnavailable("redis down")
    assert (await post(client, body))[0] == 503
    assert outbox.calls == []
    engine.failure = None
    assert (await post(client, body))[0] == 200
    assert len(outbox.calls) == 1


@pytest.mark.parametrize("name", ["text", "deleted"])
async def test_store_outage_while_recording_answers_503(
    client: Client, outbox: RecordingOutbox, transcript: RecordingTranscript, name: str
) -> None:
    outbox.failure = transcript.failure = StoreUnavailable("database down")
    assert (await post(client, encoded(load_payload(name))))[0] == 503
