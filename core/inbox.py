"""The doorway of every channel: drop duplicates, then let the engine answer."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from core.engine import ConversationEngine
from core.models import InboundMessage, Reply
from core.ports import Deduplicator

Deliver = Callable[[Reply], Awaitable[object]]


@dataclass(frozen=True, slots=True)
class Inbox:
    """Accepts inbound messages exactly once.

    A message whose `event_id` was seen before yields None. When answering or handing the
    reply on (`deliver`, e.g. into the outbox) fails, the event is forgotten again, so the
    platform's retry is processed instead of being dropped; outbound idempotency keys derived
    from the event id keep that retry from sending twice.
    """

    dedup: Deduplicator
    engine: ConversationEngine

    async def receive(
        self, message: InboundMessage, *, deliver: Deliver | None = None
    ) -> Reply | None:
        """Return the reply to a new message (after `deliver`), or None for a duplicate."""
        scope = str(message.key.channel)
        if message.event_id is not None and not await self.dedup.first_seen(
            scope, message.event_id
        ):
            return None
        try:
            reply = await self.engine.handle(message)
            if deliver is not None and not reply.empty:
                await deliver(reply)
        except BaseException:
            if message.event_id is not None:
                await self.dedup.forget(scope, message.event_id)
            raise
        return reply
