"""The push channels' senders, built from settings for the web and worker processes."""

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field

from adapters.instagram.sender import InstagramSender
from adapters.telegram import (
    MemoryPayloadStore,
    PayloadStore,
    RedisPayloadStore,
    TelegramApplication,
    TelegramSender,
    running_application,
)
from bots.settings import Settings
from bots.wiring import Services
from core.models import Channel
from core.outbound import Sender


@dataclass(frozen=True, slots=True)
class PushChannels:
    """What the configured push channels share between their webhooks and senders."""

    senders: dict[Channel, Sender] = field(default_factory=dict)
    telegram: TelegramApplication | None = None
    payloads: PayloadStore = field(default_factory=MemoryPayloadStore)


def telegram_enabled(settings: Settings) -> bool:
    """Return True when the Telegram webhook can run."""
    return bool(settings.telegram_bot_token and settings.telegram_webhook_secret)


def instagram_enabled(settings: Settings) -> bool:
    """Return True when the Instagram webhook and sender can run."""
    return bool(
        settings.meta_app_secret and settings.meta_verify_token and settings.instagram_access_token
    )


@asynccontextmanager
async def push_channels(services: Services) -> AsyncIterator[PushChannels]:
    """Open the senders of every configured push channel; close them on exit."""
    settings = services.settings
    payloads: PayloadStore = (
        RedisPayloadStore(services.redis) if services.redis else MemoryPayloadStore()
    )
    senders: dict[Channel, Sender] = {}
    async with AsyncExitStack() as stack:
        telegram = None
        if settings.telegram_bot_token:
            telegram = await stack.enter_async_context(
                running_application(
                    token=settings.telegram_bot_token, api_base=settings.telegram_api_base
                )
            )
            senders[Channel.TELEGRAM] = TelegramSender(telegram.bot, payloads)
        if instagram_enabled(settings) and settings.instagram_access_token:
            senders[Channel.INSTAGRAM] = InstagramSender(
                services.http,
                base_url=settings.graph_api_base,
                access_token=settings.instagram_access_token,
                transcript=services.engine.transcript,
                now=services.clock.now,
            )
        yield PushChannels(senders=senders, telegram=telegram, payloads=payloads)
