"""The playground page and its JSON API: customers to pretend to be, messages to send."""

import re
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from aiohttp import web

from adapters.http import RequestRejected, guarded, json_reply, read_json
from adapters.webchat.render import render_webchat
from core.inbox import Inbox
from core.models import Channel, ConversationKey, InboundMessage

PAGE: Final = Path(__file__).parent / "static" / "index.html"
MAX_TEXT: Final = 2000
_ID = re.compile(r"[A-Za-z0-9_-]{8,64}")

DemoCustomers = Callable[[], Awaitable[Sequence[Mapping[str, object]]]]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class WebChat:
    """Serves `GET /`, `GET /webchat/customers` and `POST /webchat/messages`."""

    def __init__(
        self,
        *,
        inbox: Inbox,
        demo_customers: DemoCustomers,
        now: Callable[[], datetime] = _utc_now,
    ) -> None:
        self._inbox = inbox
        self._demo_customers = demo_customers
        self._now = now

    async def page(self, request: web.Request) -> web.FileResponse:
        """Serve the playground page."""
        return web.FileResponse(PAGE, headers={"Cache-Control": "no-cache"})

    async def customers(self, request: web.Request) -> web.Response:
        """List the demo customers a visitor can pretend to be."""
        return await guarded(self._customers())

    async def message(self, request: web.Request) -> web.Response:
        """Answer one message: `{"reply": ...}`, with `reply` null for a repeated message_id."""
        return await guarded(self._answer(request))

    async def _customers(self) -> web.Response:
        return json_reply(list(await self._demo_customers()))

    async def _answer(self, request: web.Request) -> web.Response:
        message = self._parse(await read_json(request))
        reply = await self._inbox.receive(message)
        return json_reply({"reply": None if reply is None else render_webchat(reply)})

    def _parse(self, body: object) -> InboundMessage:
        if not isinstance(body, Mapping):
            raise RequestRejected(400, "body must be a JSON object")
        session = _identifier(body.get("session"), "session")
        text = body.get("text") or ""
        postback = body.get("postback") or None
        if not isinstance(text, str) or len(text) > MAX_TEXT:
            raise RequestRejected(400, f"text must be a string of at most {MAX_TEXT} chars")
        if postback is not None and not isinstance(postback, str):
            raise RequestRejected(400, "postback must be a string or null")
        if not text.strip() and postback is None:
            raise RequestRejected(400, "text or postback is required")
        return InboundMessage(
            key=ConversationKey(Channel.WEBCHAT, session),
            received_at=self._now(),
            text=text.strip(),
            postback=postback,
            event_id=_event_id(session, body.get("message_id")),
        )


def _event_id(session: str, message_id: object) -> str | None:
    # Message ids are the client's own, so they are only unique within its session.
    if message_id is None:
        return None
    return f"{session}:{_identifier(message_id, 'message_id')}"


def _identifier(value: object, name: str) -> str:
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise RequestRejected(400, f"{name} must be 8-64 characters of A-Z, a-z, 0-9, _ or -")
    return value
