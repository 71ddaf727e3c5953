"""When a store is down, webhooks answer 503 so the platform retries; nothing is half-done."""

import os
import sqlite3
from dataclasses import replace

from bots.settings import Settings
from tests.bots.conftest import AppClient
from tests.bots.test_app_kakao import skill_request
from tests.support.tcp_proxy import TcpProxy


async def test_redis_going_away_answers_503_and_not_ready(
    app_client: AppClient, settings: Settings
) -> None:
    proxy = await TcpProxy(os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")).start()
    client = await app_client(replace(settings, redis_url=f"redis://127.0.0.1:{proxy.port}/0"))
    ok = await client.post("/webhooks/kakao", json=skill_request("안녕하세요", user="u-r1"))
    assert ok.status == 200

    await proxy.cut()
    response = await client.post("/webhooks/kakao", json=skill_request("안녕하세요", user="u-r2"))
    assert response.status == 503
    assert (await client.get("/readyz")).status == 503
    assert (await client.get("/healthz")).status == 200


async def test_database_failure_answers_503_and_the_retry_is_processed(
    app_client: AppClient, settings: Settings, database_url: str
) -> None:
    client = await app_client(settings)
    path = database_url.removeprefix("sqlite+aiosqlite:///")
    with sqlite3.connect(path) as db:
        db.execute("ALTER TABLE messages RENAME TO messages_away")
    headers = {"X-Request-Id": "kakao-retry-1"}
    body = skill_request("안녕하세요", user="u-outage")
    failed = await client.post("/webhooks/kakao", json=body, headers=headers)
    assert failed.status == 503

    with sqlite3.connect(path) as db:
        db.execute("ALTER TABLE messages_away RENAME TO messages")
    retried = await client.post("/webhooks/kakao", json=body, headers=headers)
    assert retried.status == 200
    answer = await retried.json()
    assert "이미 받아서" not in str(answer)  # the failed try was forgotten, not deduplicated
