"""The playground's page and JSON API, through an app assembled from WebChat."""

import asyncio
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient

from adapters.memory import MemoryDeduplicator
from adapters.webchat.routes import WebChat
from core.errors import StoreUnavailable
from core.inbox import Inbox
from core.models import InboundMessage, QuickReply, Reply, Text

SESSION = "session-0001"
CUSTOMERS = [
    {
        "name": "김민준",
        "phone": "010-1234-5678",
        "orders": [{"order_no": "2403-0001", "status": "shipping", "items": ["린넨 셔츠"]}],
    }
]


class EchoEngine:
    """Stands in for the conversation engine: echoes, and remembers what it was asked."""

    def __init__(self) -> None:
        self.messages: list[InboundMessage] = []
        self.down = False

    async def handle(self, message: InboundMessage) -> Reply:
        if self.down:
            raise StoreUnavailable("dialog store down")
        self.messages.append(message)
        await asyncio.sleep(0)
        return Reply(
            parts=(Text(f"답변: {message.text}"),),
            quick_replies=(QuickReply("주문 조회", "intent:order_status"),),
        )


class DemoCustomers:
    """Stands in for the demo shop's customer listing."""

    def __init__(self) -> None:
        self.down = False

    async def __call__(self) -> list[dict[str, Any]]:
        if self.down:
            raise StoreUnavailable("database down")
        return CUSTOMERS


@pytest.fixture
def engine() -> EchoEngine:
    return EchoEngine()


@pytest.fixture
def demo_customers() -> DemoCustomers:
    return DemoCustomers()


@pytest.fixture
async def client(aiohttp_client, engine: EchoEngine, demo_customers: DemoCustomers) -> TestClient:
    inbox = Inbox(dedup=MemoryDeduplicator(), engine=engine)  # type: ignore[arg-type]
    app = web.Application()
    webchat = WebChat(inbox=inbox, demo_customers=demo_customers)
    app.router.add_get("/", webchat.page)
    app.router.add_get("/webchat/customers", webchat.customers)
    app.router.add_post("/webchat/messages", webchat.message)
    return await aiohttp_client(app)


def message(text: str = "배송 언제 와요?", **changes: Any) -> dict[str, Any]:
    return {"session": SESSION, "text": text, "postback": None, "message_id": "m-000001"} | changes


async def test_page_is_the_korean_playground(client: TestClient) -> None:
    response = await client.get("/")

    assert response.status == 200
    assert response.content_type == "text/html"
    page = await response.text()
    assert "단골" in page
    assert "/webchat/messages" in page


async def test_customers_are_listed(client: TestClient) -> None:
    response = await client.get("/webchat/customers")

    assert response.status == 200
    assert await response.json() == CUSTOMERS


async def test_customers_store_down_is_503(client: TestClient, demo_customers) -> None:
    demo_customers.down = True

    response = await client.get("/webchat/customers")

    assert response.status == 503


async def test_message_is_answered_with_rendered_reply(client: TestClient, engine) -> None:
    response = await client.post("/webchat/messages", json=message())

    assert response.status == 200
    assert await response.json() == {
        "reply": {
            "parts": [{"type": "text", "text": "답변: 배송 언제 와요?"}],
            "quick_replies": [{"label": "주문 조회", "payload": "intent:order_status"}],
        }
    }
    [seen] = engine.messages
    assert (seen.key.channel, seen.key.user_id) == ("webchat", SESSION)
    assert seen.event_id == f"{SESSION}:m-000001"


async def test_postback_reaches_the_engine(client: TestClient, engine) -> None:
    body = message("주문 조회", postback="intent:order_status", message_id=None)

    response = await client.post("/webchat/messages", json=body)

    assert response.status == 200
    assert engine.messages[0].postback == "intent:order_status"
    assert engine.messages[0].event_id is None


async def test_repeated_message_id_is_answered_once(client: TestClient, engine) -> None:
    first = await client.post("/webchat/messages", json=message())
    second = await client.post("/webchat/messages", json=message())
    other_session = await client.post("/webchat/messages", json=message(session="session-0002"))

    assert (await first.json())["reply"] is not None
    assert await second.json() == {"reply": None}
    assert (await other_session.json())["reply"] is not None
    assert len(engine.messages) == 2


@pytest.mark.parametrize(
    "body",
    [
        message(session="short"),
        message(session="has spaces in it"),
        message(session="x" * 65),
        message(session=None),
        message(message_id="bad id!"),
        message(""),
        message("   "),
        message("가" * 2001),
        message(42),
        message(postback=7),
        ["not", "an", "object"],
    ],
)
async def test_bad_messages_are_400(client: TestClient, engine, body: Any) -> None:
    response = await client.post("/webchat/messages", json=body)

    assert response.status == 400
    assert (await response.json())["error"]
    assert engine.messages == []


async def test_malformed_json_is_400(client: TestClient) -> None:
    response = await client.post("/webchat/messages", data=b"{nope")

    assert response.status == 400


async def test_store_down_is_503(client: TestClient, engine) -> None:
    engine.down = True

    response = await client.post("/webchat/messages", json=message())

    assert response.status == 503
