"""POST /webhooks/kakao through an app assembled from KakaoWebhook and a double-ported engine."""

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from adapters.kakao.parking import MemoryParkedReplies
from adapters.kakao.routes import KakaoWebhook
from adapters.tasks import TaskRegistry
from core.inbox import Inbox

SECRET = "test-skill-secret"
BOT = "bot-test-0001"
BUSY = "확인하고 있어요. 잠시만 기다려 주세요."
DUPLICATE = "이미 받은 메시지예요."
PATH = "/webhooks/kakao"


class KakaoCallbackSink:
    """Plays Kakao's callback endpoint and records what it receives."""

    def __init__(self) -> None:
        self.bodies: list[Any] = []
        self.received = asyncio.Event()

    async def handle(self, request: web.Request) -> web.Response:
        self.bodies.append(await request.json())
        self.received.set()
        return web.json_response({"taskId": "t-1", "status": "SUCCESS", "message": "OK"})


class KakaoApp:
    """The webhook under test, its task registry and a client to call it."""

    def __init__(self, client: TestClient, tasks: TaskRegistry) -> None:
        self.client = client
        self.tasks = tasks

    async def post(self, body: Any, **headers: str) -> aiohttp.ClientResponse:
        headers.setdefault("X-Skill-Secret", SECRET)
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        return await self.client.post(PATH, data=data, headers=headers)


MakeApp = Callable[..., Awaitable[KakaoApp]]


@pytest.fixture
def make_app(aiohttp_client, inbox: Inbox) -> MakeApp:
    async def make(budget: float = 2.0, secret: str | None = SECRET) -> KakaoApp:
        tasks = TaskRegistry()
        session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5))
        webhook = KakaoWebhook(
            inbox=inbox,
            tasks=tasks,
            http=session,
            skill_secret=secret,
            bot_id=BOT,
            parked=MemoryParkedReplies(),
            busy_text=BUSY,
            duplicate_text=DUPLICATE,
            inline_budget_s=budget,
        )
        app = web.Application()
        app.router.add_post(PATH, webhook.handle)

        async def close(_: web.Application) -> None:
            await tasks.aclose(grace_s=2.0)
            await session.close()

        app.on_cleanup.append(close)
        return KakaoApp(await aiohttp_client(app), tasks)

    return make


@pytest.fixture
async def sink(aiohttp_server) -> tuple[KakaoCallbackSink, TestServer]:
    fake = KakaoCallbackSink()
    app = web.Application()
    app.router.add_post("/v1/callback/{token}", fake.handle)
    return fake, await aiohttp_server(app)


def simple_texts(body: dict[str, Any]) -> list[str]:
    assert body["version"] == "2.0"
    return [o["simpleText"]["text"] for o in body["template"]["outputs"] if "simpleText" in o]


async def test_korean_message_is_answered_inline(make_app: MakeApp, payload, echo) -> None:
    kakao = await make_app()

    response = await kakao.post(payload("text_utterance"))

    assert response.status == 200
    body = await response.json()
    assert simple_texts(body) == ["답변: 주문한 원피스 언제 와요?"]
    assert body["template"]["quickReplies"][0]["extra"] == {"payload": "intent:order_status"}
    assert echo.seen == ["주문한 원피스 언제 와요?"]


@pytest.mark.parametrize("headers", [{"X-Skill-Secret": "wrong"}, {"X-Skill-Secret": ""}])
async def test_wrong_or_missing_secret_is_401(make_app: MakeApp, payload, echo, headers) -> None:
    kakao = await make_app()

    response = await kakao.post(payload("text_utterance"), **headers)

    assert response.status == 401
    assert "X-Skill-Secret" in (await response.json())["error"]
    assert echo.seen == []


async def test_non_ascii_secret_is_401_not_500(make_app: MakeApp, payload) -> None:
    kakao = await make_app()
    secret = "비밀".encode().decode("latin-1")  # what a client sending UTF-8 bytes amounts to

    response = await kakao.post(payload("text_utterance"), **{"X-Skill-Secret": secret})

    assert response.status == 401


async def test_no_secret_configured_accepts_requests(make_app: MakeApp, payload) -> None:
    kakao = await make_app(secret=None)

    response = await kakao.client.post(PATH, json=payload("text_utterance"))

    assert response.status == 200


async def test_other_bot_is_401(make_app: MakeApp, payload, echo) -> None:
    kakao = await make_app()
    body = payload("text_utterance")
    body["bot"]["id"] = "someone-elses-bot"

    response = await kakao.post(body)

    assert response.status == 401
    assert echo.seen == []


async def test_malformed_json_is_400(make_app: MakeApp) -> None:
    kakao = await make_app()

    response = await kakao.post(b'{"userRequest": ')

    assert response.status == 400
    assert (await response.json())["error"]


@pytest.mark.parametrize(
    "name",
    [
        "malformed_no_user_request",
        "malformed_no_user_id",
        "malformed_no_utterance",
        "malformed_wrong_types",
        "malformed_not_an_object",
    ],
)
async def test_missing_fields_are_400(make_app: MakeApp, payload, echo, name: str) -> None:
    kakao = await make_app()

    response = await kakao.post(payload(name))

    assert response.status == 400
    assert (await response.json())["error"]
    assert echo.seen == []


async def test_body_over_256_kb_is_413(make_app: MakeApp, payload, echo) -> None:
    kakao = await make_app()
    body = payload("text_utterance")
    body["padding"] = "가" * 90_000  # 270 KB of UTF-8

    response = await kakao.post(body)

    assert response.status == 413
    assert "bytes" in (await response.json())["error"]
    assert echo.seen == []


async def test_slow_answer_with_callback_url_is_posted_there_once(
    make_app: MakeApp, payload, echo, sink
) -> None:
    fake, server = sink
    echo.delay = 0.3
    kakao = await make_app(budget=0.05)
    body = payload("callback_enabled")
    body["userRequest"]["callbackUrl"] = str(server.make_url("/v1/callback/test-token"))

    response = await kakao.post(body)

    assert response.status == 200
    assert await response.json() == {
        "version": "2.0",
        "useCallback": True,
        "data": {"text": BUSY},
    }
    assert fake.bodies == []
    await asyncio.wait_for(fake.received.wait(), timeout=3)
    await kakao.tasks.aclose()
    assert len(fake.bodies) == 1
    assert simple_texts(fake.bodies[0]) == ["답변: 환불 언제 되나요"]


async def test_slow_answer_without_callback_gets_the_busy_text_and_still_finishes(
    make_app: MakeApp, payload, echo, transcript
) -> None:
    echo.delay = 0.2
    kakao = await make_app(budget=0.05)

    response = await kakao.post(payload("text_utterance"))

    assert response.status == 200
    assert simple_texts(await response.json()) == [BUSY]
    assert echo.seen == []
    await kakao.tasks.aclose()
    assert echo.seen == ["주문한 원피스 언제 와요?"]
    assert transcript.messages[-1][1:] == ("out", "답변: 주문한 원피스 언제 와요?")


async def test_a_late_answer_comes_in_front_of_the_next_reply(
    make_app: MakeApp, payload, echo
) -> None:
    echo.delay = 0.2
    kakao = await make_app(budget=0.05)
    first = await kakao.post(payload("text_utterance"))
    assert simple_texts(await first.json()) == [BUSY]
    await kakao.tasks.aclose()  # waits while the late turn finishes and is parked

    echo.delay = 0.0
    body = payload("text_utterance")
    body["userRequest"]["utterance"] = "고마워요"
    second = await kakao.post(body)
    assert simple_texts(await second.json()) == [
        "답변: 주문한 원피스 언제 와요?",
        "답변: 고마워요",
    ]
    third = await kakao.post(body)
    assert simple_texts(await third.json()) == ["답변: 고마워요"]  # shown once


async def test_same_request_three_times_is_answered_once(make_app: MakeApp, payload, echo) -> None:
    echo.delay = 0.05
    kakao = await make_app()
    body = payload("text_utterance")

    responses = await asyncio.gather(
        *(kakao.post(body, **{"X-Request-Id": "req-0001"}) for _ in range(3))
    )

    answers = sorted([simple_texts(await r.json())[0] for r in responses])
    assert [r.status for r in responses] == [200, 200, 200]
    assert answers == sorted(["답변: 주문한 원피스 언제 와요?", DUPLICATE, DUPLICATE])
    assert echo.seen == ["주문한 원피스 언제 와요?"]
