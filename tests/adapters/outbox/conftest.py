"""A migrated SQLite outbox per test, and a real Redis client."""

import os
from collections.abc import AsyncIterator
from uuid import uuid4

import pytest
from redis.asyncio import Redis

from adapters.outbox.store import SqlOutboxStore
from adapters.sql import Sessions


@pytest.fixture
def store(sessions: Sessions) -> SqlOutboxStore:
    return SqlOutboxStore(sessions)


@pytest.fixture
def redis_url() -> str:
    return os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
def namespace() -> str:
    """A key prefix of this test alone; its keys are deleted afterwards."""
    return f"test:outbox:{uuid4().hex[:12]}:"


@pytest.fixture
async def redis(redis_url: str, namespace: str) -> AsyncIterator[Redis]:
    client = Redis.from_url(redis_url)
    yield client
    keys = [key async for key in client.scan_iter(f"{namespace}*")]
    if keys:
        await client.delete(*keys)
    await client.aclose()
