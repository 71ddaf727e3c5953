"""`SqlOutboxStore`: the outbox rows and their state changes, on SQLite and PostgreSQL."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import ColumnElement, Table, and_, or_, select, update
from sqlalchemy.exc import IntegrityError

from adapters.outbox.codec import reply_from_json, reply_to_json
from adapters.outbox.table import OutboxRow, OutboxStatus
from adapters.sql.engine import Sessions
from core.models import Channel, ConversationKey
from core.outbound import Author, Delivery

_TABLE = cast(Table, OutboxRow.__table__)
_ROW = _TABLE.c


@dataclass(frozen=True, slots=True)
class Claim:
    """A delivery leased to one worker; `attempt` counts this one (1 for the first)."""

    delivery: Delivery
    attempt: int


class SqlOutboxStore:
    """Records deliveries and moves them pending → sending (leased) → sent | failed."""

    def __init__(self, sessions: Sessions) -> None:
        self._sessions = sessions

    async def record(self, delivery: Delivery) -> bool:
        """Insert `delivery` as pending; return False if its id was already recorded."""
        row = OutboxRow(
            delivery_id=delivery.delivery_id,
            channel=delivery.key.channel.value,
            user_id=delivery.key.user_id,
            author=delivery.author.value,
            reply=reply_to_json(delivery.reply),
            status=OutboxStatus.PENDING.value,
            attempts=0,
            created_at=delivery.created_at,
        )
        try:
            async with self._sessions.begin() as session:
                session.add(row)
        except IntegrityError:
            return False
        return True

    async def claim(self, delivery_id: str, now: datetime, lease_s: float) -> Claim | None:
        """Lease a due delivery for `lease_s` seconds, or return None if it is not claimable.

        One UPDATE decides, so of two workers running the same job only one gets the claim;
        a claim whose lease ran out (its worker died) can be taken again.
        """
        stmt = (
            update(_TABLE)
            .where(_ROW.delivery_id == delivery_id, _claimable(now))
            .values(
                status=OutboxStatus.SENDING.value,
                claimed_until=now + timedelta(seconds=lease_s),
                attempts=_ROW.attempts + 1,
            )
            .returning(
                _ROW.channel, _ROW.user_id, _ROW.author, _ROW.reply, _ROW.created_at, _ROW.attempts
            )
        )
        async with self._sessions.begin() as session:
            found = (await session.execute(stmt)).one_or_none()
        if found is None:
            return None
        key = ConversationKey(Channel(found.channel), found.user_id)
        delivery = Delivery(
            delivery_id, key, reply_from_json(found.reply), Author(found.author), found.created_at
        )
        return Claim(delivery, found.attempts)

    async def mark_sent(self, delivery_id: str, now: datetime) -> None:
        """Record that the platform accepted the delivery."""
        await self._set(
            delivery_id, status=OutboxStatus.SENT.value, sent_at=now, claimed_until=None
        )

    async def mark_failed(self, delivery_id: str, reason: str) -> None:
        """Record that the delivery will never be sent, and why."""
        await self._set(
            delivery_id, status=OutboxStatus.FAILED.value, last_error=reason, claimed_until=None
        )

    async def release(self, delivery_id: str, error: str, not_before: datetime) -> None:
        """Give a failed attempt back: pending again, claimable from `not_before`."""
        await self._set(
            delivery_id,
            status=OutboxStatus.PENDING.value,
            last_error=error,
            not_before=not_before,
            claimed_until=None,
        )

    async def postpone(self, delivery_id: str, not_before: datetime) -> None:
        """Give a claim back unattempted (nothing was sent): pending from `not_before`."""
        await self._set(
            delivery_id,
            status=OutboxStatus.PENDING.value,
            attempts=_ROW.attempts - 1,
            not_before=not_before,
            claimed_until=None,
        )

    async def stranded(self, now: datetime, grace_s: float, limit: int) -> list[str]:
        """Return ids that are claimable although `grace_s` passed since they were due.

        Their job was lost (the process died between record and kick, or a worker died
        mid-job); the sweeper kicks them again.
        """
        overdue = now - timedelta(seconds=grace_s)
        stmt = (
            select(_ROW.delivery_id)
            .where(
                or_(
                    and_(
                        _ROW.status == OutboxStatus.PENDING.value,
                        or_(
                            _ROW.not_before < overdue,
                            and_(_ROW.not_before.is_(None), _ROW.created_at < overdue),
                        ),
                    ),
                    and_(_ROW.status == OutboxStatus.SENDING.value, _ROW.claimed_until < now),
                )
            )
            .order_by(_ROW.created_at)
            .limit(limit)
        )
        async with self._sessions() as session:
            return list((await session.scalars(stmt)).all())

    async def _set(self, delivery_id: str, **values: Any) -> None:
        stmt = update(_TABLE).where(_ROW.delivery_id == delivery_id).values(**values)
        async with self._sessions.begin() as session:
            await session.execute(stmt)


def _claimable(now: datetime) -> ColumnElement[bool]:
    return or_(
        and_(
            _ROW.status == OutboxStatus.PENDING.value,
            or_(_ROW.not_before.is_(None), _ROW.not_before <= now),
        ),
        and_(_ROW.status == OutboxStatus.SENDING.value, _ROW.claimed_until < now),
    )
