"""The path every Telegram update takes, by webhook or by polling: parse, inbox, outbox."""

import asyncio
import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from telegram import Bot, CallbackQuery, Update
from telegram.error import TelegramError

from adapters.telegram.parse import Blocked, Ignored, TelegramEvent, parse_update
from adapters.telegram.payloads import PayloadStore
from adapters.telegram.render import CALLBACK_PREFIX
from core.inbox import Inbox
from core.models import InboundMessage, Reply
from core.outbound import Author, Delivery, Outbox
from core.ports import CustomerDirectory

logger = logging.getLogger(__name__)


class TelegramIntake:
    """Takes one update to the core; returns once its reply is safely in the outbox.

    A failure (StoreUnavailable above all) propagates with the update left unaccepted, so
    that it can be taken again. `ignored` counts ignored updates by reason.
    """

    def __init__(
        self,
        *,
        inbox: Inbox,
        outbox: Outbox,
        customers: CustomerDirectory,
        payloads: PayloadStore,
        bot: Bot,
        now: Callable[[], datetime],
    ) -> None:
        self._inbox = inbox
        self._outbox = outbox
        self._customers = customers
        self._payloads = payloads
        self._bot = bot
        self._now = now
        self.ignored: Counter[str] = Counter()

    async def take(self, update: Update) -> TelegramEvent:
        """Answer `update` and return what it meant; a button tap is acknowledged alongside."""
        if update.callback_query is None:
            return await self._take(update)
        acknowledging = asyncio.create_task(self._acknowledge(update.callback_query))
        try:
            return await self._take(update)
        finally:
            await acknowledging

    async def _take(self, update: Update) -> TelegramEvent:
        event = parse_update(update, received_at=self._now())
        if isinstance(event, Ignored):
            self.ignored[event.reason] += 1
            logger.debug("Ignored Telegram update %s: %s", update.update_id, event.reason)
        elif isinstance(event, Blocked):
            await self._customers.mark_unreachable(event.key)
        else:
            await self._answer(update.update_id, event.message)
        return event

    async def _answer(self, update_id: int, message: InboundMessage) -> None:
        message = await self._resolved(message)

        async def deliver(reply: Reply) -> None:
            delivery = Delivery(f"tg:{update_id}", message.key, reply, Author.BOT, self._now())
            await self._outbox.enqueue(delivery)

        await self._inbox.receive(message, deliver=deliver)

    async def _resolved(self, message: InboundMessage) -> InboundMessage:
        # A `cb:<token>` button carries a payload kept server-side; an expired one is dropped
        # and the button's label, already the message text, speaks for the shopper.
        postback = message.postback
        if postback is None or not postback.startswith(CALLBACK_PREFIX):
            return message
        payload = await self._payloads.get(postback.removeprefix(CALLBACK_PREFIX))
        return replace(message, postback=payload)

    async def _acknowledge(self, query: CallbackQuery) -> None:
        # Best effort: the shopper's client shows a spinner until the query is answered.
        try:
            await self._bot.answer_callback_query(query.id)
        except TelegramError as exc:
            logger.warning("Could not answer callback query: %s", exc)
