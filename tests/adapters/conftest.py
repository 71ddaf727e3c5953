"""Shared by the adapter suites: a migrated SQLite database, and a real Redis client with a
key namespace of the test's own (removed afterwards; a missing server fails, never skips)."""

import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from redis.asyncio import Redis

from adapters.sql import Sessions, make_engine, make_sessions, migrate


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'dangol.db'}"


@pytest.fixture
async def sessions(db_url: str) -> AsyncIterator[Sessions]:
    await migrate(db_url)
    engine = make_engine(db_url)
    yield make_sessions(engine)
    await engine.dispose()


@pytest.fixture
def redis_url() -> str:
    return os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
def namespace() -> str:
    return f"test:{uuid.uuid4().hex[:12]}:"


@pytest.fixture
async def redis(redis_url: str, namespace: str) -> AsyncIterator[Redis]:
    client = Redis.from_url(redis_url)
    await client.ping()
    yield client
    keys = [key async for key in client.scan_iter(match=f"{namespace}*")]
    if keys:
        await client.delete(*keys)
    await client.aclose()
