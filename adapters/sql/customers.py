"""Customers and the channel identities linked to them, on SQL."""

from collections.abc import Awaitable, Callable

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.sql import convert
from adapters.sql.engine import Sessions
from adapters.sql.tables import CustomerRow, IdentityRow, utc_now
from core.customers import Customer
from core.models import ConversationKey


class SqlCustomerDirectory:
    """A `CustomerDirectory`: one row per channel identity, pointing at a customer or not.

    Several identities (Kakao, Telegram…) may point at the same customer.
    """

    def __init__(self, sessions: Sessions) -> None:
        self._sessions = sessions

    async def get(self, customer_id: str) -> Customer | None:
        """Return the customer, or None."""
        async with self._sessions() as session:
            row = await session.get(CustomerRow, customer_id)
        return None if row is None else convert.to_customer(row)

    async def by_identity(self, key: ConversationKey) -> Customer | None:
        """Return the customer this channel identity is linked to, or None."""
        query = (
            select(CustomerRow)
            .join(IdentityRow, IdentityRow.customer_id == CustomerRow.customer_id)
            .where(IdentityRow.channel == key.channel.value, IdentityRow.user_id == key.user_id)
        )
        async with self._sessions() as session:
            row = await session.scalar(query)
        return None if row is None else convert.to_customer(row)

    async def link(self, key: ConversationKey, customer_id: str) -> None:
        """Link the identity to `customer_id`; raise LookupError for an unknown customer."""

        async def work(session: AsyncSession) -> None:
            if await session.get(CustomerRow, customer_id) is None:
                raise LookupError(f"unknown customer {customer_id}")
            identity = await _identity(session, key)
            identity.customer_id = customer_id
            identity.linked_at = utc_now()

        await self._write(work)

    async def unlink(self, key: ConversationKey) -> None:
        """Forget which customer the identity belongs to (its consent stays)."""
        query = (
            update(IdentityRow)
            .where(IdentityRow.channel == key.channel.value, IdentityRow.user_id == key.user_id)
            .values(customer_id=None, linked_at=None)
        )
        async with self._sessions.begin() as session:
            await session.execute(query)

    async def set_marketing_consent(self, key: ConversationKey, granted: bool) -> None:
        """Record the identity's choice, and the linked customer's when there is one."""

        async def work(session: AsyncSession) -> None:
            identity = await _identity(session, key)
            identity.marketing_consent = granted
            if identity.customer_id is not None:
                customer = await session.get(CustomerRow, identity.customer_id)
                if customer is not None:
                    customer.marketing_consent = granted

        await self._write(work)

    async def mark_unreachable(self, key: ConversationKey) -> None:
        """Remember that the shopper blocked the bot on that channel."""

        async def work(session: AsyncSession) -> None:
            (await _identity(session, key)).unreachable = True

        await self._write(work)

    async def _write(self, work: Callable[[AsyncSession], Awaitable[None]]) -> None:
        """Run `work` in a transaction; once more when an identity was added concurrently."""
        for attempt in range(2):
            try:
                async with self._sessions.begin() as session:
                    await work(session)
                return
            except IntegrityError:
                if attempt:
                    raise


async def _identity(session: AsyncSession, key: ConversationKey) -> IdentityRow:
    """Return the identity's row, adding a new one when it is unknown."""
    query = select(IdentityRow).where(
        IdentityRow.channel == key.channel.value, IdentityRow.user_id == key.user_id
    )
    row = await session.scalar(query)
    if row is None:
        row = IdentityRow(channel=key.channel.value, user_id=key.user_id, unreachable=False)
        session.add(row)
    return row
