"""The real web app on a seeded demo shop: one seeded database copied for every test."""

import asyncio
import shutil
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from aiohttp.test_utils import TestClient
from sqlalchemy import select

from adapters.sql import SqlOrderBackend, make_engine, make_sessions
from adapters.sql.tables import OrderRow
from bots.demo_cli import seed_if_empty
from bots.settings import Settings
from bots.web import create_app
from core.orders import Order, OrderStatus
from tests.fakes.graph import FakeGraph
from tests.fakes.telegram import FakeTelegram

SEOUL = ZoneInfo("Asia/Seoul")
TOKEN = "123456:TEST-token"
SECRET = "tg-secret-for-tests"
APP_SECRET = "meta-app-secret-for-tests"
VERIFY = "meta-verify-for-tests"
IG_TOKEN = "ig-page-token-for-tests"


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("shop") / "dangol.db"
    asyncio.run(seed_if_empty(f"sqlite+aiosqlite:///{path}", datetime.now(SEOUL)))
    return path


@pytest.fixture
def database_url(seeded_db: Path, tmp_path: Path) -> str:
    copy = tmp_path / "dangol.db"
    shutil.copy(seeded_db, copy)
    return f"sqlite+aiosqlite:///{copy}"


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(database_url=database_url)


AppClient = Callable[[Settings], Awaitable[TestClient[Any, Any]]]


@pytest.fixture
def app_client(aiohttp_client: Any) -> AppClient:
    async def start(settings: Settings) -> TestClient[Any, Any]:
        client: TestClient[Any, Any] = await aiohttp_client(create_app(settings))
        return client

    return start


async def find_order(database_url: str, status: OrderStatus) -> Order:
    """Return the newest demo order in `status`."""
    engine = make_engine(database_url)
    try:
        sessions = make_sessions(engine)
        async with sessions() as session:
            number = await session.scalar(
                select(OrderRow.order_no)
                .where(OrderRow.status == status.value)
                .order_by(OrderRow.ordered_at.desc())
            )
        assert number is not None
        order = await SqlOrderBackend(sessions).get_order(number)
        assert order is not None
        return order
    finally:
        await engine.dispose()


@pytest.fixture
async def fake_telegram(aiohttp_server: Any) -> FakeTelegram:
    fake = FakeTelegram(TOKEN)
    server = await aiohttp_server(fake.app)
    fake.url = str(server.make_url("")).rstrip("/")
    return fake


@pytest.fixture
async def fake_graph(aiohttp_server: Any) -> tuple[FakeGraph, str]:
    fake = FakeGraph(IG_TOKEN)
    server = await aiohttp_server(fake.app)
    return fake, str(server.make_url("")).rstrip("/")


@pytest.fixture
def channel_settings(
    settings: Settings, fake_telegram: FakeTelegram, fake_graph: tuple[FakeGraph, str]
) -> Settings:
    return replace(
        settings,
        telegram_bot_token=TOKEN,
        telegram_webhook_secret=SECRET,
        telegram_api_base=fake_telegram.url,
        meta_app_secret=APP_SECRET,
        meta_verify_token=VERIFY,
        instagram_access_token=IG_TOKEN,
        graph_api_base=fake_graph[1],
    )
