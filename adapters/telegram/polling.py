"""Long polling (`getUpdates`) for development and hosts without a public HTTPS URL."""

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Final

from telegram.error import Conflict, InvalidToken, TelegramError

from adapters.telegram.intake import TelegramIntake
from adapters.telegram.payloads import PayloadStore
from adapters.telegram.ptb import TelegramApplication
from adapters.telegram.sender import send_error
from core.errors import StoreUnavailable
from core.inbox import Inbox
from core.outbound import Outbox, TransientSendError
from core.ports import CustomerDirectory

ALLOWED_UPDATES: Final = ("message", "edited_message", "callback_query", "my_chat_member")
MAX_BACKOFF_S: Final = 30.0

logger = logging.getLogger(__name__)


async def poll(
    *,
    application: TelegramApplication,
    inbox: Inbox,
    outbox: Outbox,
    customers: CustomerDirectory,
    payloads: PayloadStore,
    now: Callable[[], datetime],
    timeout_s: int = 30,
) -> None:
    """Take updates from `getUpdates` until cancelled, through the webhook's path.

    An update is confirmed (the next offset passes it) once taken, or once it failed for a
    reason other than a store outage; an outage retries it after a pause.

    Raises:
        telegram.error.Conflict: a webhook is set (or another poller runs).
        telegram.error.InvalidToken: the bot token is wrong.
    """
    intake = TelegramIntake(
        inbox=inbox,
        outbox=outbox,
        customers=customers,
        payloads=payloads,
        bot=application.bot,
        now=now,
    )
    offset: int | None = None
    backoff = 0.0
    while True:
        await asyncio.sleep(backoff)
        try:
            updates = await application.bot.get_updates(
                offset=offset, timeout=timeout_s, allowed_updates=ALLOWED_UPDATES
            )
        except (Conflict, InvalidToken):
            raise
        except TelegramError as exc:
            backoff = _next_backoff(backoff, exc)
            logger.warning("getUpdates failed (%s); retrying in %.1f s", exc, backoff)
            continue
        backoff = 0.0
        for update in updates:
            try:
                await intake.take(update)
            except StoreUnavailable:
                backoff = 1.0
                logger.warning("Store unavailable; update %s will be retried", update.update_id)
                break
            except Exception:
                logger.exception("Telegram update %s failed; skipped", update.update_id)
            offset = update.update_id + 1


def _next_backoff(current: float, exc: TelegramError) -> float:
    error = send_error(exc)
    if isinstance(error, TransientSendError) and error.retry_after is not None:
        return error.retry_after
    return min(MAX_BACKOFF_S, max(1.0, current * 2))
