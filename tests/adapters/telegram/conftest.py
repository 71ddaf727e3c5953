"""A fake Bot API reached through the real PTB bot, and doubles at our own ports.

No `__init__.py` here on purpose: a package named `telegram` would shadow python-telegram-bot.
"""

import json
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any, cast

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient

from adapters.telegram import MemoryPayloadStore, TelegramWebhook, running_application
from adapters.telegram.ptb import TelegramApplication
from core.engine import ConversationEngine
from core.inbox import Inbox
from tests.adapters.telegram.tg_doubles import (
    NOW,
    SECRET,
    TOKEN,
    EchoEngine,
    FailingDeduplicator,
    RecordingCustomers,
    RecordingOutbox,
)
from tests.fakes.telegram import FakeTelegram

PAYLOADS = Path(__file__).parents[2] / "payloads" / "telegram"

PayloadLoader = Callable[[str], dict[str, Any]]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "payload_name" in metafunc.fixturenames:
        names = sorted(path.stem for path in PAYLOADS.glob("*.json"))
        metafunc.parametrize("payload_name", names)


@pytest.fixture
def load_payload() -> PayloadLoader:
    """Return a loader giving a fresh copy of `tests/payloads/telegram/<name>.json`."""

    def load(name: str) -> dict[str, Any]:
        return cast(dict[str, Any], json.loads((PAYLOADS / f"{name}.json").read_text()))

    return load


@pytest.fixture
async def fake_telegram(aiohttp_server: Any) -> FakeTelegram:
    fake = FakeTelegram(TOKEN)
    server = await aiohttp_server(fake.app)
    fake.url = str(server.make_url("")).rstrip("/")
    return fake


@pytest.fixture
async def application(fake_telegram: FakeTelegram) -> AsyncIterator[TelegramApplication]:
    async with running_application(token=TOKEN, api_base=fake_telegram.url) as app:
        yield app


@pytest.fixture
def engine() -> EchoEngine:
    return EchoEngine()


@pytest.fixture
def dedup() -> FailingDeduplicator:
    return FailingDeduplicator()


@pytest.fixture
def inbox(engine: EchoEngine, dedup: FailingDeduplicator) -> Inbox:
    return Inbox(dedup=dedup, engine=cast(ConversationEngine, engine))


@pytest.fixture
def outbox() -> RecordingOutbox:
    return RecordingOutbox()


@pytest.fixture
def customers() -> RecordingCustomers:
    return RecordingCustomers()


@pytest.fixture
def payload_store() -> MemoryPayloadStore:
    return MemoryPayloadStore()


@pytest.fixture
def webhook(
    inbox: Inbox,
    outbox: RecordingOutbox,
    customers: RecordingCustomers,
    payload_store: MemoryPayloadStore,
    application: TelegramApplication,
) -> TelegramWebhook:
    return TelegramWebhook(
        inbox=inbox,
        outbox=outbox,
        customers=customers,  # type: ignore[arg-type]
        payloads=payload_store,
        application=application,
        secret=SECRET,
        now=lambda: NOW,
    )


@pytest.fixture
async def client(aiohttp_client: Any, webhook: TelegramWebhook) -> TestClient:
    app = web.Application()
    webhook.setup_routes(app)
    return cast(TestClient, await aiohttp_client(app))
