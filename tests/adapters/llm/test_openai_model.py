"""OpenAIModel through the real openai client against the fake API: answers, failures, logs."""

import logging
import time
from collections.abc import AsyncIterator
from typing import Any

import openai
import pytest

from adapters.llm import OpenAIModel
from tests.fakes.openai_api import FakeOpenAI

SCHEMA = {
    "type": "object",
    "properties": {"intent": {"type": "string", "enum": ["greeting", "other"]}},
    "required": ["intent"],
    "additionalProperties": False,
}
SECRET_TEXT = "배송지 서울시 강남구"
TIMEOUT_S = 0.3


@pytest.fixture
async def fake(aiohttp_server: Any) -> FakeOpenAI:
    return await FakeOpenAI().serve(aiohttp_server)


@pytest.fixture
async def model(fake: FakeOpenAI) -> AsyncIterator[OpenAIModel]:
    client = openai.AsyncOpenAI(base_url=fake.url + "/v1", api_key="test")
    built = OpenAIModel(client, "gpt-test")
    yield built
    await built.aclose()


async def ask(model: OpenAIModel) -> Any:
    return await model.complete_json(
        name="intent", system="classify", user=SECRET_TEXT, schema=SCHEMA, timeout_s=TIMEOUT_S
    )


async def test_a_valid_answer_is_returned_and_the_request_is_a_strict_json_schema_call(
    model: OpenAIModel, fake: FakeOpenAI
) -> None:
    fake.answer({"intent": "greeting"})
    assert await ask(model) == {"intent": "greeting"}
    [request] = fake.requests
    assert request["model"] == "gpt-test"
    assert request["messages"] == [
        {"role": "system", "content": "classify"},
        {"role": "user", "content": SECRET_TEXT},
    ]
    assert request["response_format"] == {
        "type": "json_schema",
        "json_schema": {"name": "intent", "schema": SCHEMA, "strict": True},
    }


async def test_usage_and_latency_are_logged_without_any_text(
    model: OpenAIModel, fake: FakeOpenAI, caplog: pytest.LogCaptureFixture
) -> None:
    fake.answer({"intent": "greeting"})
    with caplog.at_level(logging.INFO, logger="dangol.llm"):
        await ask(model)
    [record] = [r for r in caplog.records if r.name == "dangol.llm"]
    message = record.getMessage()
    assert "gpt-test intent: ok in" in message and " ms" in message
    assert "prompt=120 completion=7 total=127" in message
    assert SECRET_TEXT not in message and "classify" not in message


async def test_a_slow_answer_times_out_without_a_retry(
    model: OpenAIModel, fake: FakeOpenAI, caplog: pytest.LogCaptureFixture
) -> None:
    fake.answer({"intent": "greeting"}, delay=2.0)
    started = time.perf_counter()
    with caplog.at_level(logging.INFO, logger="dangol.llm"):
        assert await ask(model) is None
    assert time.perf_counter() - started < TIMEOUT_S + 0.5
    assert len(fake.requests) == 1
    assert "timeout" in caplog.records[-1].getMessage()


@pytest.mark.parametrize("status", [500, 429, 400])
async def test_http_errors_give_none_without_a_retry(
    model: OpenAIModel, fake: FakeOpenAI, status: int, caplog: pytest.LogCaptureFixture
) -> None:
    fake.fail(status)
    fake.answer({"intent": "greeting"})  # would be taken by a retry
    with caplog.at_level(logging.INFO, logger="dangol.llm"):
        assert await ask(model) is None
    assert len(fake.requests) == 1
    assert f"http {status}" in caplog.records[-1].getMessage()


@pytest.mark.parametrize("content", ['{"intent": "greet', "[1, 2]", "", "sure! greeting"])
async def test_malformed_json_gives_none(
    model: OpenAIModel, fake: FakeOpenAI, content: str
) -> None:
    fake.answer_text(content)
    assert await ask(model) is None


async def test_an_unreachable_server_gives_none() -> None:
    client = openai.AsyncOpenAI(base_url="http://127.0.0.1:9/v1", api_key="test")
    model = OpenAIModel(client, "gpt-test")
    try:
        assert await ask(model) is None
    finally:
        await model.aclose()
