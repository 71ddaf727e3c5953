"""The shop's orders, products and wallets as the conversation sees them."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class OrderStatus(StrEnum):
    """The statuses a Korean mall shows; the value is the Korean label."""

    PAID = "결제완료"
    PREPARING = "상품준비중"
    SHIPPING = "배송중"
    DELIVERED = "배송완료"
    CONFIRMED = "구매확정"
    CANCELLED = "취소"
    RETURN_IN_PROGRESS = "반품진행"
    EXCHANGE_IN_PROGRESS = "교환진행"

    @property
    def before_shipping(self) -> bool:
        """Return True while the parcel has not left the warehouse."""
        return self in (OrderStatus.PAID, OrderStatus.PREPARING)


@dataclass(frozen=True, slots=True)
class OrderItem:
    """One line of an order."""

    product_id: str
    name: str
    option: str
    quantity: int
    unit_price: int


@dataclass(frozen=True, slots=True)
class TrackingEvent:
    """One scan of a parcel."""

    at: datetime
    location: str
    description: str


@dataclass(frozen=True, slots=True)
class Shipment:
    """The parcel of an order: courier, tracking number and its scans, oldest first."""

    courier: str
    tracking_no: str
    shipped_at: datetime
    expected_at: datetime | None
    events: tuple[TrackingEvent, ...] = ()

    @property
    def last_event(self) -> TrackingEvent | None:
        """Return the newest scan, if any."""
        return self.events[-1] if self.events else None


class RefundStatus(StrEnum):
    """Where a refund stands."""

    REQUESTED = "requested"
    APPROVED = "approved"
    COMPLETED = "completed"


@dataclass(frozen=True, slots=True)
class Refund:
    """Money going back to the shopper."""

    amount: int
    method: str
    status: RefundStatus
    requested_at: datetime
    expected_at: datetime | None
    completed_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Order:
    """An order with everything a shopper may ask about it."""

    order_no: str
    customer_id: str
    orderer_name: str
    orderer_phone: str
    status: OrderStatus
    ordered_at: datetime
    payment_method: str
    total: int
    items: tuple[OrderItem, ...]
    address: str
    shipment: Shipment | None = None
    delivered_at: datetime | None = None
    refund: Refund | None = None


@dataclass(frozen=True, slots=True)
class Product:
    """A catalog entry; `stock` maps an option label ("블랙/M") to units on hand."""

    product_id: str
    name: str
    name_en: str
    category: str
    price: int
    material: str
    colors: tuple[str, ...]
    sizes: tuple[str, ...]
    stock: tuple[tuple[str, int], ...]
    description: str = ""

    def units(self, option: str) -> int:
        """Return units on hand for an option, 0 when unknown."""
        return dict(self.stock).get(option, 0)


@dataclass(frozen=True, slots=True)
class Coupon:
    """A coupon the shopper holds."""

    name: str
    discount: str
    expires_at: datetime
    min_spend: int = 0


@dataclass(frozen=True, slots=True)
class Wallet:
    """Points and coupons of one customer."""

    points: int
    points_expiring: int
    points_expiring_at: datetime | None
    coupons: tuple[Coupon, ...] = ()
