"""`dangol assist summary|suggest` on a seeded database, with the fake OpenAI API."""

import argparse
import asyncio
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from adapters.sql import SqlTranscript, make_engine, make_sessions
from bots import assist_cli
from core.models import Channel, ConversationKey
from core.ports import TranscriptEntry
from tests.conversations.conv_shop import NOW
from tests.fakes.openai_api import FakeOpenAI

SHOPPER = ConversationKey(Channel.WEBCHAT, "w-assist")
SOMEONE_ELSE = ConversationKey(Channel.WEBCHAT, "w-other")
ORDER_NO = "20261103-0004521"


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="dangol")
    assist_cli.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.run(args))


async def record(database_url: str) -> None:
    engine = make_engine(database_url)
    transcript = SqlTranscript(make_sessions(engine))
    said = [
        (SHOPPER, "in", f"{ORDER_NO} 언제 와요? 제 번호 010-2222-3333"),
        (SHOPPER, "out", "주문번호와 주문자 연락처를 알려 주세요."),
        (SOMEONE_ELSE, "in", "환불 계좌 국민 123456-01-234567"),
    ]
    for minute, (key, direction, text) in enumerate(said):
        at = NOW + timedelta(minutes=minute)
        await transcript.record_turn(key, [TranscriptEntry(direction, text, at)], at=at)
    await engine.dispose()


@pytest.fixture
async def fake(
    aiohttp_server: Any, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> FakeOpenAI:
    served = await FakeOpenAI().serve(aiohttp_server)
    await record(database_url)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("OPENAI_API_KEY", "test")
    monkeypatch.setenv("OPENAI_BASE_URL", served.url + "/v1")
    return served


async def test_summary_prints_json_from_this_conversation_only(
    fake: FakeOpenAI, capsys: pytest.CaptureFixture[str]
) -> None:
    fake.answer({"text": "고객이 배송 일정을 물었어요."})
    code = await asyncio.to_thread(run, "assist", "summary", "webchat", SHOPPER.user_id)
    assert code == 0
    assert json.loads(capsys.readouterr().out) == {
        "channel": "webchat",
        "user_id": "w-assist",
        "summary": "고객이 배송 일정을 물었어요.",
        "messages": 2,
    }
    sent = "\n".join(fake.prompts())
    assert "언제 와요?" in sent
    for secret in (ORDER_NO, "2222-3333", "123456-01"):
        assert secret not in sent, secret


async def test_suggest_reports_an_unusable_answer(
    fake: FakeOpenAI, capsys: pytest.CaptureFixture[str]
) -> None:
    fake.answer({"text": f"{ORDER_NO} 주문은 내일 도착해요."})
    code = await asyncio.to_thread(run, "assist", "suggest", "webchat", SHOPPER.user_id)
    assert code == 1
    out = json.loads(capsys.readouterr().out)
    assert out["error"] == "the language model gave no usable answer"
    assert "suggestion" not in out


async def test_empty_conversation_and_missing_key_are_errors(
    fake: FakeOpenAI, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert await asyncio.to_thread(run, "assist", "summary", "kakao", "nobody") == 1
    assert json.loads(capsys.readouterr().out)["error"] == "no messages in this conversation"
    monkeypatch.delenv("OPENAI_API_KEY")
    assert await asyncio.to_thread(run, "assist", "summary", "webchat", SHOPPER.user_id) == 1
    assert "OPENAI_API_KEY" in json.loads(capsys.readouterr().out)["error"]
    assert fake.requests == []
