"""`dangol telegram set-webhook` against the fake Bot API."""

import argparse
import asyncio

import pytest

from adapters.telegram import ALLOWED_UPDATES
from bots import telegram_cli
from tests.adapters.telegram.tg_doubles import SECRET, TOKEN
from tests.fakes.telegram import FakeTelegram


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    telegram_cli.register(parser.add_subparsers(dest="command", required=True))
    return parser.parse_args(argv)


@pytest.fixture
def telegram_env(monkeypatch: pytest.MonkeyPatch, fake_telegram: FakeTelegram) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", SECRET)
    monkeypatch.setenv("TELEGRAM_API_BASE", fake_telegram.url)


@pytest.mark.usefixtures("telegram_env")
async def test_set_webhook_registers_url_secret_and_update_kinds(
    fake_telegram: FakeTelegram,
) -> None:
    args = parse(["telegram", "set-webhook", "https://bot.example/webhooks/telegram"])
    assert await asyncio.to_thread(args.run, args) == 0
    [params] = fake_telegram.sent("setWebhook")
    assert params["url"] == "https://bot.example/webhooks/telegram"
    assert params["secret_token"] == SECRET
    assert params["allowed_updates"] == list(ALLOWED_UPDATES)


@pytest.mark.usefixtures("telegram_env")
async def test_set_webhook_reports_telegram_refusing(fake_telegram: FakeTelegram) -> None:
    fake_telegram.fail_next("setWebhook", status=400, description="Bad Request: bad webhook")
    args = parse(["telegram", "set-webhook", "http://insecure.example/"])
    assert await asyncio.to_thread(args.run, args) == 1


def test_poll_is_a_subcommand() -> None:
    args = parse(["telegram", "poll"])
    assert callable(args.run)
