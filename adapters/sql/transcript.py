"""The transcript of conversations and their analytics events, on SQL."""

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import func, select

from adapters.sql.engine import Sessions
from adapters.sql.tables import EventRow, MessageRow
from core.models import ConversationKey


class SqlTranscript:
    """A `Transcript`: one row per message and per event."""

    def __init__(self, sessions: Sessions) -> None:
        self._sessions = sessions

    async def record_message(
        self,
        key: ConversationKey,
        *,
        direction: str,
        text: str,
        at: datetime,
        intent: str | None = None,
        confidence: float | None = None,
    ) -> None:
        """Store one message said by the shopper ("in") or to them ("out")."""
        row = MessageRow(
            channel=key.channel.value,
            user_id=key.user_id,
            direction=direction,
            text=text,
            intent=intent,
            confidence=confidence,
            at=at,
        )
        async with self._sessions.begin() as session:
            session.add(row)

    async def record_event(
        self, key: ConversationKey, name: str, data: Mapping[str, str], at: datetime
    ) -> None:
        """Store one analytics event of the conversation."""
        row = EventRow(
            channel=key.channel.value, user_id=key.user_id, name=name, data=dict(data), at=at
        )
        async with self._sessions.begin() as session:
            session.add(row)

    async def last_inbound_at(self, key: ConversationKey) -> datetime | None:
        """Return when the shopper last wrote on that channel, or None."""
        query = select(func.max(MessageRow.at)).where(
            MessageRow.channel == key.channel.value,
            MessageRow.user_id == key.user_id,
            MessageRow.direction == "in",
        )
        async with self._sessions() as session:
            return await session.scalar(query)
