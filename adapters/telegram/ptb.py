"""python-telegram-bot as a library: an `Application` without updater, over aiohttp."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, Final, TypeAlias

from telegram.ext import Application, ApplicationBuilder

from adapters.telegram.request import AiohttpRequest

DEFAULT_API_BASE: Final = "https://api.telegram.org"
POLL_READ_TIMEOUT_S: Final = 10.0

TelegramApplication: TypeAlias = Application[Any, Any, Any, Any, Any, Any]


def build_application(
    *, token: str, api_base: str = DEFAULT_API_BASE, connection_pool_size: int = 64
) -> TelegramApplication:
    """Build (not start) an Application whose bot calls `{api_base}/bot{token}/{method}`.

    No updater and no handlers: our routes and `poll()` feed updates through our own parse,
    inbox and outbox. Rate limiting and retries live in the outbox worker, not in PTB.
    """
    root = api_base.rstrip("/")
    return (
        ApplicationBuilder()
        .token(token)
        .base_url(f"{root}/bot")
        .base_file_url(f"{root}/file/bot")
        .request(AiohttpRequest(connection_pool_size=connection_pool_size))
        .get_updates_request(
            AiohttpRequest(connection_pool_size=1, read_timeout=POLL_READ_TIMEOUT_S)
        )
        .updater(None)
        .build()
    )


@asynccontextmanager
async def running_application(
    *, token: str, api_base: str = DEFAULT_API_BASE, connection_pool_size: int = 64
) -> AsyncIterator[TelegramApplication]:
    """Yield an initialized Application (its bot has called getMe); shut it down afterwards."""
    application = build_application(
        token=token, api_base=api_base, connection_pool_size=connection_pool_size
    )
    async with application:
        yield application
