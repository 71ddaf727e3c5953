"""`dangol telegram poll` and `dangol telegram set-webhook URL`."""

import argparse
import asyncio
import sys

from telegram.error import TelegramError

from adapters.telegram import ALLOWED_UPDATES, poll, running_application
from bots.senders import push_channels
from bots.settings import Settings, SettingsError
from bots.wiring import build_services
from bots.worker import outbound


def register(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Add the `telegram` command with its `poll` and `set-webhook` subcommands."""
    telegram = subparsers.add_parser("telegram", help="the Telegram bot")
    commands = telegram.add_subparsers(dest="telegram_command", required=True)
    polling = commands.add_parser("poll", help="answer Telegram by long polling (no webhook)")
    polling.set_defaults(run=_run_poll)
    webhook = commands.add_parser("set-webhook", help="point Telegram at our webhook URL")
    webhook.add_argument("url", help="public HTTPS URL of POST /webhooks/telegram")
    webhook.add_argument(
        "--drop-pending", action="store_true", help="discard updates Telegram still holds"
    )
    webhook.set_defaults(run=_run_set_webhook)


def _run_poll(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    try:
        asyncio.run(_poll(settings))
    except KeyboardInterrupt:
        return 0
    except TelegramError as exc:
        print(f"dangol telegram poll: {exc}", file=sys.stderr)  # noqa: T201
        return 1
    return 0


def _run_set_webhook(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    try:
        asyncio.run(set_webhook(settings, args.url, drop_pending=args.drop_pending))
    except TelegramError as exc:
        print(f"dangol telegram set-webhook: {exc}", file=sys.stderr)  # noqa: T201
        return 1
    print(f"Telegram now posts updates to {args.url}")  # noqa: T201
    return 0


async def set_webhook(settings: Settings, url: str, *, drop_pending: bool = False) -> None:
    """Register `url` with Telegram, with our secret token and the updates we handle."""
    async with running_application(
        token=_required(settings.telegram_bot_token, "TELEGRAM_BOT_TOKEN"),
        api_base=settings.telegram_api_base,
    ) as application:
        await application.bot.set_webhook(
            url,
            secret_token=_required(settings.telegram_webhook_secret, "TELEGRAM_WEBHOOK_SECRET"),
            allowed_updates=list(ALLOWED_UPDATES),
            drop_pending_updates=drop_pending,
        )


async def _poll(settings: Settings) -> None:
    _required(settings.telegram_bot_token, "TELEGRAM_BOT_TOKEN")
    async with (
        build_services(settings) as services,
        push_channels(services) as push,
        outbound(settings, services.sessions, push.senders) as out,
    ):
        if push.telegram is None:
            raise SettingsError("TELEGRAM_BOT_TOKEN is not set")
        await poll(
            application=push.telegram,
            inbox=services.inbox,
            outbox=out.outbox,
            customers=services.engine.customers,
            payloads=push.payloads,
            now=services.clock.now,
        )


def _required(value: str | None, name: str) -> str:
    if not value:
        raise SettingsError(f"{name} is not set")
    return value
