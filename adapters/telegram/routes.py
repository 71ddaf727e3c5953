"""`POST /webhooks/telegram`: verify the secret token, take the update, then answer 200."""

import logging
import secrets
from collections.abc import Callable
from datetime import datetime
from typing import Any, Final

from aiohttp import web
from telegram import Update

from adapters.http import RequestRejected, guarded, json_error, read_json
from adapters.telegram.intake import TelegramIntake
from adapters.telegram.parse import Ignored, IgnoredReason
from adapters.telegram.payloads import PayloadStore
from adapters.telegram.ptb import TelegramApplication
from core.inbox import Inbox
from core.outbound import Outbox
from core.ports import CustomerDirectory

WEBHOOK_PATH: Final = "/webhooks/telegram"
SECRET_HEADER: Final = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 (a header name)

logger = logging.getLogger(__name__)


class TelegramWebhook:
    """The Telegram webhook route; 200 only once the update is deduplicated and its reply queued.

    Telegram retries every non-2xx answer, so a store outage answers 503.
    """

    def __init__(
        self,
        *,
        inbox: Inbox,
        outbox: Outbox,
        customers: CustomerDirectory,
        payloads: PayloadStore,
        application: TelegramApplication,
        secret: str,
        now: Callable[[], datetime],
    ) -> None:
        if not secret:
            raise ValueError("the Telegram webhook needs a secret token")
        self._secret = secret.encode()
        self._bot = application.bot
        self.intake = TelegramIntake(
            inbox=inbox,
            outbox=outbox,
            customers=customers,
            payloads=payloads,
            bot=application.bot,
            now=now,
        )

    def setup_routes(self, app: web.Application) -> None:
        """Register `POST /webhooks/telegram` on `app`."""
        app.router.add_post(WEBHOOK_PATH, self.handle_update)

    async def handle_update(self, request: web.Request) -> web.Response:
        """Answer one webhook request from Telegram."""
        return await guarded(self._handle(request))

    async def _handle(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not secrets.compare_digest(given, self._secret):
            return json_error(401, "missing or wrong secret token")
        update = self._update(await read_json(request))
        if await self.intake.take(update) == Ignored(IgnoredReason.MALFORMED):
            return json_error(400, "malformed Telegram update")
        return web.Response()

    def _update(self, data: Any) -> Update:
        if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
            raise RequestRejected(400, "not a Telegram update")
        try:
            return Update.de_json(data, self._bot)
        # PTB's constructors fail on malformed nested objects with these built-ins.
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            logger.info("Malformed Telegram update %s: %r", data["update_id"], exc)
            raise RequestRejected(400, "malformed Telegram update") from exc
