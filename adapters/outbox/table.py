"""The `outbox` table: one row per outbound message, keyed by its idempotency key."""

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from adapters.sql.tables import Base


class OutboxStatus(StrEnum):
    """Where a delivery is: waiting, being sent under a lease, or done."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


class OutboxRow(Base):
    __tablename__ = "outbox"
    __table_args__ = (Index(None, "status", "not_before"),)

    delivery_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    user_id: Mapped[str] = mapped_column(String(200))
    author: Mapped[str] = mapped_column(String(16))
    reply: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(16), default=OutboxStatus.PENDING.value)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    not_before: Mapped[datetime | None]
    claimed_until: Mapped[datetime | None]
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
