"""Deliveries to Telegram: one attempt, PTB errors translated to the core's send errors."""

import warnings
from collections import OrderedDict
from datetime import timedelta
from typing import Any

from telegram import Bot
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    RetryAfter,
    TelegramError,
)
from telegram.warnings import PTBDeprecationWarning

from adapters.telegram.payloads import PayloadStore
from adapters.telegram.render import payloads_to_store, render_messages
from core.errors import StoreUnavailable
from core.models import Channel
from core.outbound import Delivery, PermanentSendError, SendError, TransientSendError


class TelegramSender:
    """A `Sender` for Telegram: renders a delivery and sends its messages in order.

    When a send fails half-way, the messages already sent are remembered (in this process) so
    that the outbox's retry of the same delivery resumes where it stopped.
    """

    channel = Channel.TELEGRAM

    def __init__(self, bot: Bot, payloads: PayloadStore, *, remembered: int = 1024) -> None:
        self._bot = bot
        self._payloads = payloads
        self._remembered = remembered
        self._sent: OrderedDict[str, int] = OrderedDict()

    async def send(self, delivery: Delivery) -> None:
        """Send `delivery`, or raise TransientSendError / PermanentSendError."""
        try:
            stored = {p: await self._payloads.put(p) for p in payloads_to_store(delivery.reply)}
        except StoreUnavailable as exc:
            raise TransientSendError(f"payload store: {exc}") from exc
        calls = render_messages(delivery.reply, stored=stored)
        done = self._sent.pop(delivery.delivery_id, 0)
        for index in range(done, len(calls)):
            try:
                await self._call(delivery.key.user_id, calls[index])
            except TelegramError as exc:
                self._remember(delivery.delivery_id, index)
                raise send_error(exc) from exc

    async def _call(self, chat_id: str, call: dict[str, Any]) -> None:
        if "photo" in call:
            await self._bot.send_photo(chat_id=chat_id, **call)
        else:
            await self._bot.send_message(chat_id=chat_id, **call)

    def _remember(self, delivery_id: str, sent: int) -> None:
        if sent:
            self._sent[delivery_id] = sent
            while len(self._sent) > self._remembered:
                self._sent.popitem(last=False)


def send_error(exc: TelegramError) -> SendError:
    """Return the core's error for a failed Bot API call: retry only what may succeed later."""
    if isinstance(exc, RetryAfter):
        return TransientSendError(exc.message, retry_after=_seconds(exc))
    # BadRequest ("chat not found", …) and Forbidden ("bot was blocked by the user") won't
    # change on retry; neither will a group that migrated, which we do not serve.
    if isinstance(exc, BadRequest | Forbidden | ChatMigrated):
        return PermanentSendError(exc.message)
    # TimedOut, NetworkError (5xx, connection errors), InvalidToken (fixed by an operator).
    return TransientSendError(exc.message)


def _seconds(exc: RetryAfter) -> float:
    with warnings.catch_warnings():
        # PTB 22 warns that `retry_after` turns into a timedelta; accept both.
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)
