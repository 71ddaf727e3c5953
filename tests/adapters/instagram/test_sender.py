import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import datetime, timedelta

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from adapters.instagram.sender import InstagramSender
from core.models import Channel, ConversationKey, QuickReply, Reply, Text
from core.outbound import Author, Delivery, PermanentSendError, Sender, TransientSendError
from tests.fakes.graph import FakeGraph

from .doubles import NOW, SHOPPER, RecordingTranscript

TOKEN = "test-page-token"
ServerFactory = Callable[[web.Application], Awaitable[TestServer]]


@pytest.fixture
async def graph(aiohttp_server: ServerFactory) -> AsyncIterator[tuple[FakeGraph, str]]:
    fake = FakeGraph(TOKEN)
    server = await aiohttp_server(fake.app)
    yield fake, str(server.make_url("")).rstrip("/")


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as client:
        yield client


def make_sender(
    session: aiohttp.ClientSession,
    base_url: str,
    transcript: RecordingTranscript,
    *,
    access_token: str = TOKEN,
    timeout: float = 5.0,
) -> Sender:
    return InstagramSender(
        session,
        base_url=base_url,
        access_token=access_token,
        transcript=transcript,
        now=lambda: NOW,
        timeout=timeout,
    )


def delivery(
    reply: Reply, author: Author = Author.BOT, key: ConversationKey = SHOPPER
) -> Delivery:
    return Delivery("ig:mid.1", key, reply, author, NOW)


HELLO = Reply(parts=(Text("안녕하세요. 무엇을 도와드릴까요?"),))


@pytest.fixture
def recent(transcript: RecordingTranscript) -> RecordingTranscript:
    transcript.last_inbound[SHOPPER] = NOW - timedelta(hours=1)
    return transcript


async def test_send_posts_each_message_as_a_response(
    graph: tuple[FakeGraph, str], session: aiohttp.ClientSession, recent: RecordingTranscript
) -> None:
    fake, base = graph
    reply = Reply(
        parts=(Text("주문을 확인했어요."), Text("내일 도착해요.")),
        quick_replies=(QuickReply("고마워요", "thanks"),),
    )
    await make_sender(session, base, recent).send(delivery(reply))
    assert [call.version for call in fake.calls] == ["v21.0", "v21.0"]
    assert [call.body for call in fake.calls] == [
        {
            "recipient": {"id": SHOPPER.user_id},
            "messaging_type": "RESPONSE",
            "message": {"text": "주문을 확인했어요."},
        },
        {
            "recipient": {"id": SHOPPER.user_id},
            "messaging_type": "RESPONSE",
            "message": {
                "text": "내일 도착해요.",
                "quick_replies": [
                    {"content_type": "text", "title": "고마워요", "payload": "thanks"}
                ],
            },
        },
    ]


async def test_send_by_agent_after_3_days_carries_the_human_agent_tag(
    graph: tuple[FakeGraph, str], session: aiohttp.ClientSession, transcript: RecordingTranscript
) -> None:
    fake, base = graph
    transcript.last_inbound[SHOPPER] = NOW - timedelta(days=3)
    await make_sender(session, base, transcript).send(delivery(HELLO, Author.AGENT))
    [call] = fake.calls
    assert (call.body["messaging_type"], call.body["tag"]) == ("MESSAGE_TAG", "HUMAN_AGENT")


@pytest.mark.parametrize(
    ("author", "last_inbound_at"),
    [
        (Author.BOT, NOW - timedelta(hours=25)),
        (Author.AGENT, NOW - timedelta(days=8)),
        (Author.BOT, None),
    ],
)
async def test_send_outside_the_window_is_permanent_without_calling_the_api(
    graph: tuple[FakeGraph, str],
    session: aiohttp.ClientSession,
    transcript: RecordingTranscript,
    author: Author,
    last_inbound_at: datetime | None,
) -> None:
    fake, base = graph
    if last_inbound_at is not None:
        transcript.last_inbound[SHOPPER] = last_inbound_at
    with pytest.raises(PermanentSendError, match="outside messaging window"):
        await make_sender(session, base, transcript).send(delivery(HELLO, author))
    assert fake.attempts == 0


@pytest.mark.parametrize(
    ("status", "code", "retry_after", "expected_retry_after"),
    [
        (429, None, 7, 7.0),
        (400, 4, None, None),
        (400, 17, 30, 30.0),
        (400, 32, None, None),
        (400, 613, None, None),
        (500, 1, None, None),
        (503, None, 2, 2.0),
    ],
)
async def test_send_rate_limits_and_server_errors_are_transient(
    graph: tuple[FakeGraph, str],
    session: aiohttp.ClientSession,
    recent: RecordingTranscript,
    status: int,
    code: int | None,
    retry_after: float | None,
    expected_retry_after: float | None,
) -> None:
    fake, base = graph
    fake.fail_next(status=status, code=code, retry_after=retry_after)
    with pytest.raises(TransientSendError) as caught:
        await make_sender(session, base, recent).send(delivery(HELLO))
    assert caught.value.retry_after == expected_retry_after
    assert fake.attempts == 1


@pytest.mark.parametrize(
    ("status", "code", "subcode", "reason"),
    [
        (400, 100, 2018001, "no matching Instagram user"),
        (403, 10, None, "outside the messaging window"),
        (400, 551, None, "isn't available"),
        (400, 100, None, "code 100"),
        (404, None, None, "Graph API 404"),
    ],
)
async def test_send_refusals_are_permanent(
    graph: tuple[FakeGraph, str],
    session: aiohttp.ClientSession,
    recent: RecordingTranscript,
    status: int,
    code: int | None,
    subcode: int | None,
    reason: str,
) -> None:
    fake, base = graph
    fake.fail_next(status=status, code=code, subcode=subcode)
    with pytest.raises(PermanentSendError, match=reason):
        await make_sender(session, base, recent).send(delivery(HELLO))
    assert fake.attempts == 1


async def test_send_with_a_wrong_token_is_permanent_and_never_shows_the_token(
    graph: tuple[FakeGraph, str], session: aiohttp.ClientSession, recent: RecordingTranscript
) -> None:
    fake, base = graph
    sender = make_sender(session, base, recent, access_token="wrong-secret-token")
    with pytest.raises(PermanentSendError, match="code 190") as caught:
        await sender.send(delivery(HELLO))
    assert "wrong-secret-token" not in str(caught.value)
    assert fake.calls == []


async def test_send_timeout_is_transient(
    graph: tuple[FakeGraph, str], session: aiohttp.ClientSession, recent: RecordingTranscript
) -> None:
    fake, base = graph
    fake.fail_next(status=500, delay=1.0)
    with pytest.raises(TransientSendError, match="timed out"):
        await make_sender(session, base, recent, timeout=0.1).send(delivery(HELLO))


async def test_send_connection_refused_is_transient(
    session: aiohttp.ClientSession, recent: RecordingTranscript
) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nobody listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(TransientSendError, match="unreachable"):
        await make_sender(session, f"http://127.0.0.1:{port}", recent).send(delivery(HELLO))


async def test_send_retry_resumes_after_the_messages_already_sent(
    graph: tuple[FakeGraph, str], session: aiohttp.ClientSession, recent: RecordingTranscript
) -> None:
    fake, base = graph
    sender = make_sender(session, base, recent)
    three = delivery(Reply(parts=(Text("하나"), Text("둘"), Text("셋"))))
    fake.fail_next(status=503, after=1)
    with pytest.raises(TransientSendError):
        await sender.send(three)
    await sender.send(three)
    assert [call.body["message"]["text"] for call in fake.calls] == ["하나", "둘", "셋"]
    assert fake.attempts == 4


async def test_send_to_another_channel_is_permanent(
    graph: tuple[FakeGraph, str], session: aiohttp.ClientSession, recent: RecordingTranscript
) -> None:
    fake, base = graph
    telegram = ConversationKey(Channel.TELEGRAM, SHOPPER.user_id)
    recent.last_inbound[telegram] = NOW
    with pytest.raises(PermanentSendError, match="not an Instagram conversation"):
        await make_sender(session, base, recent).send(delivery(HELLO, key=telegram))
    assert fake.attempts == 0
