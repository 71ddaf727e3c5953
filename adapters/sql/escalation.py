"""Escalation tickets on SQL: the queue of conversations a person should answer."""

from sqlalchemy import select

from adapters.sql.engine import Sessions
from adapters.sql.tables import TicketRow
from core.models import ConversationKey

OPEN = "open"
CLOSED = "closed"


def ticket_id(number: int) -> str:
    """Return the id shown for ticket `number`: T-000123."""
    return f"T-{number:06d}"


def ticket_number(ticket: str) -> int:
    """Return the number of a ticket id; raise ValueError for anything else."""
    if not ticket.startswith("T-"):
        raise ValueError(f"not a ticket id: {ticket!r}")
    return int(ticket.removeprefix("T-"))


class SqlEscalationQueue:
    """An `Escalation`: a conversation has at most one open ticket, reused until closed."""

    def __init__(self, sessions: Sessions) -> None:
        self._sessions = sessions

    async def open(
        self, key: ConversationKey, *, reason: str, summary: str, customer_id: str | None
    ) -> str:
        """Return the conversation's open ticket id, opening a ticket when there is none."""
        query = (
            select(TicketRow.id)
            .where(
                TicketRow.channel == key.channel.value,
                TicketRow.user_id == key.user_id,
                TicketRow.status == OPEN,
            )
            .order_by(TicketRow.id)
            .limit(1)
        )
        async with self._sessions.begin() as session:
            number = await session.scalar(query)
            if number is None:
                row = TicketRow(
                    channel=key.channel.value,
                    user_id=key.user_id,
                    customer_id=customer_id,
                    reason=reason,
                    summary=summary,
                    status=OPEN,
                )
                session.add(row)
                await session.flush()
                number = row.id
        return ticket_id(number)

    async def close(self, ticket: str) -> None:
        """Close a ticket, so that the conversation's next escalation opens a new one."""
        async with self._sessions.begin() as session:
            row = await session.get(TicketRow, ticket_number(ticket))
            if row is not None:
                row.status = CLOSED
