"""Reading a conversation's messages back from the SQL transcript (for agent assistance)."""

from sqlalchemy import select

from adapters.sql.engine import Sessions
from adapters.sql.tables import MessageRow
from core.assist import TranscriptLine
from core.models import ConversationKey


class SqlConversationHistory:
    """A `ConversationHistory` over the transcript's message rows."""

    def __init__(self, sessions: Sessions) -> None:
        self._sessions = sessions

    async def messages(self, key: ConversationKey, *, limit: int) -> list[TranscriptLine]:
        """Return the last `limit` messages of the conversation, oldest first."""
        query = (
            select(MessageRow)
            .where(MessageRow.channel == key.channel.value, MessageRow.user_id == key.user_id)
            .order_by(MessageRow.at.desc(), MessageRow.id.desc())
            .limit(limit)
        )
        async with self._sessions() as session:
            rows = (await session.scalars(query)).all()
        return [TranscriptLine(row.direction, row.text, row.at) for row in reversed(rows)]
