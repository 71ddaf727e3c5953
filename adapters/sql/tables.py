"""The database schema as SQLAlchemy declarative classes (the migrations create it)."""

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utc_now() -> datetime:
    """Return the current time, tz-aware in UTC."""
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """A datetime stored in UTC and always returned tz-aware, on SQLite as on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value} cannot be stored")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    """The declarative base of every table."""

    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(table_name)s_%(column_0_N_name)s",
            "uq": "uq_%(table_name)s_%(column_0_N_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UtcDateTime,
        dict[str, Any]: JSON,
        list[Any]: JSON,
    }


class CustomerRow(Base):
    __tablename__ = "customers"

    customer_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    phone: Mapped[str] = mapped_column(String(32), index=True)
    segment: Mapped[str] = mapped_column(String(16))
    marketing_consent: Mapped[bool]
    joined_at: Mapped[datetime]
    grade: Mapped[str] = mapped_column(String(32), default="")


class IdentityRow(Base):
    __tablename__ = "identities"
    __table_args__ = (UniqueConstraint("channel", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    user_id: Mapped[str] = mapped_column(String(200))
    customer_id: Mapped[str | None] = mapped_column(
        ForeignKey("customers.customer_id"), index=True
    )
    marketing_consent: Mapped[bool | None]
    unreachable: Mapped[bool] = mapped_column(default=False)
    linked_at: Mapped[datetime | None]


class ProductRow(Base):
    __tablename__ = "products"

    product_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(64))
    price: Mapped[int]
    material: Mapped[str] = mapped_column(String(200))
    colors: Mapped[list[Any]]
    sizes: Mapped[list[Any]]
    stock: Mapped[list[Any]]
    description: Mapped[str] = mapped_column(Text, default="")


class OrderRow(Base):
    __tablename__ = "orders"
    __table_args__ = (Index(None, "customer_id", "ordered_at"),)

    order_no: Mapped[str] = mapped_column(String(64), primary_key=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.customer_id"))
    orderer_name: Mapped[str] = mapped_column(String(100))
    orderer_phone: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))
    ordered_at: Mapped[datetime]
    payment_method: Mapped[str] = mapped_column(String(64))
    total: Mapped[int]
    address: Mapped[str] = mapped_column(Text)
    delivered_at: Mapped[datetime | None]

    items: Mapped[list["OrderItemRow"]] = relationship(
        order_by="OrderItemRow.position", lazy="raise"
    )
    shipment: Mapped["ShipmentRow | None"] = relationship(lazy="raise")
    refund: Mapped["RefundRow | None"] = relationship(lazy="raise")


class OrderItemRow(Base):
    __tablename__ = "order_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_no: Mapped[str] = mapped_column(ForeignKey("orders.order_no"), index=True)
    position: Mapped[int]
    product_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    option: Mapped[str] = mapped_column(String(100))
    quantity: Mapped[int]
    unit_price: Mapped[int]


class ShipmentRow(Base):
    __tablename__ = "shipments"

    order_no: Mapped[str] = mapped_column(ForeignKey("orders.order_no"), primary_key=True)
    courier: Mapped[str] = mapped_column(String(64))
    tracking_no: Mapped[str] = mapped_column(String(64))
    shipped_at: Mapped[datetime]
    expected_at: Mapped[datetime | None]

    events: Mapped[list["TrackingEventRow"]] = relationship(
        order_by="(TrackingEventRow.at, TrackingEventRow.id)", lazy="raise"
    )


class TrackingEventRow(Base):
    __tablename__ = "tracking_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_no: Mapped[str] = mapped_column(ForeignKey("shipments.order_no"), index=True)
    at: Mapped[datetime]
    location: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(String(200))


class RefundRow(Base):
    __tablename__ = "refunds"

    order_no: Mapped[str] = mapped_column(ForeignKey("orders.order_no"), primary_key=True)
    amount: Mapped[int]
    method: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    requested_at: Mapped[datetime]
    expected_at: Mapped[datetime | None]
    completed_at: Mapped[datetime | None]


class WalletRow(Base):
    __tablename__ = "wallets"

    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.customer_id"), primary_key=True)
    points: Mapped[int]
    points_expiring: Mapped[int]
    points_expiring_at: Mapped[datetime | None]


class CouponRow(Base):
    __tablename__ = "coupons"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.customer_id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    discount: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime]
    min_spend: Mapped[int] = mapped_column(default=0)


class ServiceRequestRow(Base):
    __tablename__ = "service_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_no: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    order_no: Mapped[str] = mapped_column(String(64), index=True)
    customer_id: Mapped[str] = mapped_column(String(64), index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict[str, Any]]
    photos: Mapped[list[Any]]
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


class TicketRow(Base):
    __tablename__ = "tickets"
    __table_args__ = (Index(None, "channel", "user_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    user_id: Mapped[str] = mapped_column(String(200))
    customer_id: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(String(64))
    summary: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="open")
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


class MessageRow(Base):
    __tablename__ = "messages"
    __table_args__ = (Index(None, "channel", "user_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    user_id: Mapped[str] = mapped_column(String(200))
    direction: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    intent: Mapped[str | None] = mapped_column(String(32))
    confidence: Mapped[float | None] = mapped_column(Float)
    at: Mapped[datetime] = mapped_column(index=True)


class EventRow(Base):
    __tablename__ = "events"
    __table_args__ = (Index(None, "name", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    user_id: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, Any]]
    at: Mapped[datetime]
