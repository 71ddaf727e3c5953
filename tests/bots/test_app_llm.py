"""The optional model inside the real app: masked prompts, and a slow model never stalls Kakao."""

import time
from dataclasses import replace
from typing import Any

import pytest

from bots.settings import Settings
from tests.bots.conftest import AppClient
from tests.bots.test_app_kakao import skill_request, texts
from tests.fakes.openai_api import FakeOpenAI

UNSURE = "음 제 번호 010-2345-6789 인데요 그거 있잖아요 그거"


@pytest.fixture
async def fake_openai(aiohttp_server: Any) -> FakeOpenAI:
    return await FakeOpenAI().serve(aiohttp_server)


@pytest.fixture
def llm_settings(settings: Settings, fake_openai: FakeOpenAI) -> Settings:
    return replace(
        settings,
        openai_api_key="test-key",
        openai_base_url=f"{fake_openai.url}/v1",
        openai_timeout_s=0.4,
    )


async def test_the_model_sees_no_phone_number(
    app_client: AppClient, llm_settings: Settings, fake_openai: FakeOpenAI
) -> None:
    fake_openai.answer({"intent": "order_status"})
    client = await app_client(llm_settings)
    response = await client.post("/webhooks/kakao", json=skill_request(UNSURE, user="u-llm-1"))
    assert response.status == 200
    assert fake_openai.requests, "an unsure message should ask the model"
    sent = "\n".join(fake_openai.prompts())
    assert "2345-6789" not in sent and "01023456789" not in sent
    assert "주문번호" in texts(await response.json())  # the model's label led to order status


async def test_a_slow_model_falls_back_to_the_local_answer_in_time(
    app_client: AppClient, llm_settings: Settings, fake_openai: FakeOpenAI
) -> None:
    fake_openai.answer({"intent": "order_status"}, delay=5.0)
    client = await app_client(llm_settings)
    started = time.monotonic()
    response = await client.post("/webhooks/kakao", json=skill_request(UNSURE, user="u-llm-2"))
    elapsed = time.monotonic() - started
    assert response.status == 200
    assert elapsed < 2.0
    assert texts(await response.json())
