"""`core.outbound.Sender` for Instagram: window check, render, one Graph call per message."""

from collections import OrderedDict
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Final

import aiohttp

from adapters.instagram.graph import GraphClient
from adapters.instagram.render import render_messages
from adapters.instagram.window import messaging_window
from core.errors import StoreUnavailable
from core.models import Channel
from core.outbound import Delivery, PermanentSendError, TransientSendError
from core.ports import Transcript

MAX_REMEMBERED: Final = 10_000


def _utc_now() -> datetime:
    return datetime.now(UTC)


class InstagramSender:
    """Delivers replies to Instagram DMs, one attempt per call; the outbox worker retries.

    A reply may take several Send API calls. When one fails transiently, the number already
    sent is remembered (in this process), so the worker's retry resumes after them instead
    of sending them twice.
    """

    channel = Channel.INSTAGRAM

    def __init__(
        self,
        session: aiohttp.ClientSession,
        *,
        base_url: str,
        version: str = "v21.0",
        access_token: str,
        transcript: Transcript,
        now: Callable[[], datetime] = _utc_now,
        timeout: float = 10.0,
    ) -> None:
        self._graph = GraphClient(
            session, base_url=base_url, version=version, access_token=access_token, timeout=timeout
        )
        self._transcript = transcript
        self._now = now
        self._sent: OrderedDict[str, int] = OrderedDict()

    async def send(self, delivery: Delivery) -> None:
        """Deliver `delivery` or raise TransientSendError / PermanentSendError."""
        key = delivery.key
        if key.channel is not Channel.INSTAGRAM:
            raise PermanentSendError(f"{key} is not an Instagram conversation")
        try:
            last_inbound_at = await self._transcript.last_inbound_at(key)
        except StoreUnavailable as exc:
            raise TransientSendError("transcript unavailable for the window check") from exc
        window = messaging_window(delivery.author, last_inbound_at, self._now())
        if not window.allowed:
            raise PermanentSendError(window.reason)
        envelope: dict[str, Any] = {
            "recipient": {"id": key.user_id},
            "messaging_type": window.messaging_type,
        }
        if window.tag:
            envelope["tag"] = window.tag
        messages = render_messages(delivery.reply)
        sent = self._sent.pop(delivery.delivery_id, 0)
        for message in messages[sent:]:
            try:
                await self._graph.send_message({**envelope, "message": message})
            except TransientSendError:
                self._remember(delivery.delivery_id, sent)
                raise
            sent += 1

    def _remember(self, delivery_id: str, sent: int) -> None:
        if sent:
            self._sent[delivery_id] = sent
            if len(self._sent) > MAX_REMEMBERED:
                self._sent.popitem(last=False)
