"""AiohttpRequest under the real PTB Bot, against the fake Bot API."""

import socket

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import Forbidden, InvalidToken, NetworkError, TimedOut

from adapters.telegram.ptb import TelegramApplication
from adapters.telegram.request import AiohttpRequest
from tests.adapters.telegram.tg_doubles import TOKEN
from tests.fakes.telegram import BOT_ID, FakeTelegram


def bot_at(base: str, request: AiohttpRequest, token: str = TOKEN) -> Bot:
    return Bot(token, base_url=f"{base}/bot", request=request, get_updates_request=request)


async def test_application_initializes_over_aiohttp_with_get_me(
    application: TelegramApplication, fake_telegram: FakeTelegram
) -> None:
    assert application.bot.id == BOT_ID
    assert [c.method for c in fake_telegram.calls] == ["getMe"]
    assert any(agent.startswith("python-telegram-bot") for agent in fake_telegram.user_agents)


async def test_parameters_and_keyboards_reach_the_api(
    application: TelegramApplication, fake_telegram: FakeTelegram
) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("a", callback_data="b")]])
    await application.bot.send_message(chat_id=5550001, text="안녕하세요", reply_markup=markup)
    [params] = fake_telegram.sent("sendMessage")
    assert params["chat_id"] == "5550001"
    assert params["text"] == "안녕하세요"
    assert params["reply_markup"] == {"inline_keyboard": [[{"text": "a", "callback_data": "b"}]]}


async def test_files_are_uploaded_as_multipart(
    application: TelegramApplication, fake_telegram: FakeTelegram
) -> None:
    await application.bot.send_photo(chat_id=5550001, photo=b"\x89PNG fake bytes", caption="사진")
    [params] = fake_telegram.sent("sendPhoto")
    assert params["photo"] == b"\x89PNG fake bytes"
    assert params["caption"] == "사진"


async def test_api_errors_keep_their_status_for_ptb(
    application: TelegramApplication, fake_telegram: FakeTelegram
) -> None:
    fake_telegram.fail_next("sendMessage", status=403)
    with pytest.raises(Forbidden, match="blocked by the user"):
        await application.bot.send_message(chat_id=1, text="x")


async def test_a_wrong_token_fails_initialize(fake_telegram: FakeTelegram) -> None:
    bot = bot_at(fake_telegram.url, AiohttpRequest(), token="1:wrong")
    with pytest.raises(InvalidToken):
        await bot.initialize()
    await bot.shutdown()


async def test_a_slow_answer_is_timed_out(fake_telegram: FakeTelegram) -> None:
    fake_telegram.fail_next("sendMessage", status=502, delay=1.0)
    async with bot_at(fake_telegram.url, AiohttpRequest(read_timeout=0.1)) as bot:
        with pytest.raises(TimedOut):
            await bot.send_message(chat_id=1, text="x")


async def test_an_unreachable_server_is_a_network_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again: nobody listens there
    request = AiohttpRequest(connect_timeout=1.0)
    await request.initialize()
    try:
        with pytest.raises(NetworkError):
            await bot_at(f"http://127.0.0.1:{port}", request).get_me()
    finally:
        await request.shutdown()


async def test_an_uninitialized_request_refuses_to_send() -> None:
    with pytest.raises(NetworkError, match="not initialized"):
        await bot_at("http://127.0.0.1:9", AiohttpRequest()).get_me()
