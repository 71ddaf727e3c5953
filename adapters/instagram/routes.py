"""`GET|POST /webhooks/instagram`: subscription check, then signed messaging events."""

import asyncio
import secrets
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Final

from aiohttp import web

from adapters.http import RequestRejected, guarded, json_error, parse_json, read_body
from adapters.instagram.parse import InstagramEvent, MessageDeleted, parse_webhook
from adapters.instagram.signature import SIGNATURE_HEADER, verify_signature
from core.inbox import Deliver, Inbox
from core.models import ConversationKey, InboundMessage, Reply
from core.outbound import Author, Delivery, Outbox
from core.ports import Transcript

PATH: Final = "/webhooks/instagram"


class InstagramWebhook:
    """Meta's webhook for Instagram messaging.

    A POST is answered 200 only once every event in it has been deduplicated, answered,
    recorded and its reply enqueued; a store outage answers 503 so that Meta delivers again.
    Events of one shopper are handled in order, different shoppers concurrently.
    """

    def __init__(
        self,
        *,
        inbox: Inbox,
        outbox: Outbox,
        transcript: Transcript,
        app_secret: str,
        verify_token: str,
        now: Callable[[], datetime],
    ) -> None:
        self._inbox = inbox
        self._outbox = outbox
        self._transcript = transcript
        self._app_secret = app_secret
        self._verify_token = verify_token
        self._now = now

    def routes(self) -> list[web.RouteDef]:
        """Return the routes to add to the application."""
        return [web.get(PATH, self.verify), web.post(PATH, self.handle)]

    async def verify(self, request: web.Request) -> web.Response:
        """Answer Meta's subscription check with `hub.challenge`, or 403."""
        query = request.query
        token = query.get("hub.verify_token", "")
        if (
            query.get("hub.mode") != "subscribe"
            or not self._verify_token
            or not secrets.compare_digest(token.encode(), self._verify_token.encode())
        ):
            return json_error(403, "subscription not verified")
        return web.Response(text=query.get("hub.challenge", ""), content_type="text/plain")

    async def handle(self, request: web.Request) -> web.Response:
        """Accept one batch of signed messaging events."""
        return await guarded(self._accept(request))

    async def _accept(self, request: web.Request) -> web.Response:
        body = await read_body(request)
        if not verify_signature(body, request.headers.get(SIGNATURE_HEADER), self._app_secret):
            raise RequestRejected(403, f"missing or invalid {SIGNATURE_HEADER}")
        payload = parse_json(body)
        if not isinstance(payload, Mapping):
            raise RequestRejected(400, "body is not a JSON object")
        events = parse_webhook(payload, received_at=self._now())
        by_shopper: dict[ConversationKey, list[InstagramEvent]] = {}
        for event in events:
            by_shopper.setdefault(event.key, []).append(event)
        outcomes = await asyncio.gather(
            *(self._process(shopper_events) for shopper_events in by_shopper.values()),
            return_exceptions=True,
        )
        for outcome in outcomes:
            if isinstance(outcome, BaseException):
                raise outcome
        return web.Response(text="EVENT_RECEIVED")

    async def _process(self, events: list[InstagramEvent]) -> None:
        for event in events:
            if isinstance(event, MessageDeleted):
                await self._transcript.record_event(
                    event.key, "message_deleted", {"mid": event.mid}, event.at
                )
                continue
            await self._inbox.receive(event, deliver=self._sender_for(event))

    def _sender_for(self, event: InboundMessage) -> Deliver:
        async def deliver(reply: Reply) -> None:
            delivery = Delivery(f"ig:{event.event_id}", event.key, reply, Author.BOT, self._now())
            await self._outbox.enqueue(delivery)

        return deliver
