"""Telegram: webhook or long polling in, Bot API out, python-telegram-bot over aiohttp."""

from adapters.telegram.intake import TelegramIntake
from adapters.telegram.parse import parse_update
from adapters.telegram.payloads import MemoryPayloadStore, PayloadStore, RedisPayloadStore
from adapters.telegram.polling import ALLOWED_UPDATES, poll
from adapters.telegram.ptb import TelegramApplication, build_application, running_application
from adapters.telegram.render import render_messages
from adapters.telegram.request import AiohttpRequest
from adapters.telegram.routes import TelegramWebhook
from adapters.telegram.sender import TelegramSender

__all__ = [
    "ALLOWED_UPDATES",
    "AiohttpRequest",
    "MemoryPayloadStore",
    "PayloadStore",
    "RedisPayloadStore",
    "TelegramApplication",
    "TelegramIntake",
    "TelegramSender",
    "TelegramWebhook",
    "build_application",
    "parse_update",
    "poll",
    "render_messages",
    "running_application",
]
