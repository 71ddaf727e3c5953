"""Kakao skill requests per second through the whole product, as a share of a bare webhook.

The Kakao side is `create_app` in embedded mode on a seeded demo shop (SQLite file, memory
stores): each request is a full turn — parse, dedupe, lock, understand, flow, voice, save,
transcript — answered inline. Users and utterances rotate so turns are realistic. No
thresholds.
"""

import asyncio
import json
import tempfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from aiohttp import web

from bench.harness import Request, Target, ceiling, compare
from bots.demo_cli import seed_if_empty
from bots.settings import Settings
from bots.web import create_app

PATH = "/webhooks/kakao"
POOL = 20_000
UTTERANCES = (
    "안녕하세요",
    "내 주문 어디쯤 왔어요?",
    "배송이 너무 늦어요",
    "반품하고 싶어요",
    "적립금 얼마 있어요?",
    "니트 사이즈 어떻게 돼요?",
    "상담원 연결해 주세요",
    "Where is my order?",
)


def skill_request(i: int) -> Request:
    body = {
        "userRequest": {
            "utterance": UTTERANCES[i % len(UTTERANCES)],
            "user": {"id": f"bench-user-{i % 1000}", "type": "botUserKey"},
            "lang": "ko",
        },
        "bot": {"id": "bench-bot"},
        "action": {"clientExtra": {}},
    }
    data = json.dumps(body, ensure_ascii=False).encode()
    return data, {"Content-Type": "application/json"}


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="dangol-bench-"))
    url = f"sqlite+aiosqlite:///{folder / 'dangol.db'}"
    asyncio.run(seed_if_empty(url, datetime.now(ZoneInfo("Asia/Seoul"))))
    settings = Settings(database_url=url)

    def product() -> web.Application:
        return create_app(settings)

    requests = [skill_request(i) for i in range(POOL)]
    targets = [
        ceiling(PATH, requests),
        Target("Kakao skill, full turn (embedded)", product, PATH, requests),
    ]
    asyncio.run(compare(targets, rounds=3))


if __name__ == "__main__":
    main()
