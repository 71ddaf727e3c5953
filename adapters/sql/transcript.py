"""The transcript of conversations and their analytics events, on SQL."""

from collections.abc import Mapping, Sequence
from datetime import datetime

from sqlalchemy import func, select

from adapters.sql.engine import Sessions
from adapters.sql.tables import EventRow, MessageRow
from core.models import ConversationKey, TrackEvent
from core.ports import TranscriptEntry


class SqlTranscript:
    """A `Transcript`: one row per message and per event."""

    def __init__(self, sessions: Sessions) -> None:
        self._sessions = sessions

    async def record_turn(
        self,
        key: ConversationKey,
        messages: Sequence[TranscriptEntry],
        events: Sequence[TrackEvent] = (),
        *,
        at: datetime,
    ) -> None:
        """Store one turn's messages and events in one transaction."""
        who = {"channel": key.channel.value, "user_id": key.user_id}
        rows: list[MessageRow | EventRow] = [
            MessageRow(
                **who,
                direction=m.direction,
                text=m.text,
                intent=m.intent,
                confidence=m.confidence,
                at=m.at,
            )
            for m in messages
        ]
        rows.extend(EventRow(**who, name=e.name, data=dict(e.data), at=at) for e in events)
        async with self._sessions.begin() as session:
            session.add_all(rows)

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
