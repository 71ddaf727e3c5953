"""A small hand-built shop for the SQL tests, in Korean time to exercise UTC storage."""

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from adapters.demo import DemoShop
from core.customers import Customer, Segment
from core.orders import (
    Coupon,
    Order,
    OrderItem,
    OrderStatus,
    Product,
    Refund,
    RefundStatus,
    Shipment,
    TrackingEvent,
    Wallet,
)

KST = timezone(timedelta(hours=9))


def at(day: int, hour: int = 10) -> datetime:
    """A time in May 2024, in Korean time, as the shop writes it."""
    return datetime(2024, 5, day, hour, 30, tzinfo=KST)


def order(
    order_no: str,
    customer_id: str,
    status: OrderStatus,
    day: int,
    items: tuple[OrderItem, ...],
    **extra: Any,
) -> Order:
    """An order of the small shop; `extra` sets shipment, refund, delivered_at."""
    return Order(
        order_no=order_no,
        customer_id=customer_id,
        orderer_name="김민지",
        orderer_phone="010-1234-5678",
        status=status,
        ordered_at=at(day),
        payment_method="카드",
        total=sum(i.quantity * i.unit_price for i in items),
        items=items,
        address="서울시 강남구 테헤란로 1",
        **extra,
    )


TEE = OrderItem("P-TEE", "오버핏 티셔츠", "블랙/M", 1, 29_000)
JEANS = OrderItem("P-JEANS", "와이드 데님", "연청/L", 2, 49_000)
SHIPMENT = Shipment(
    courier="CJ대한통운",
    tracking_no="123456789012",
    shipped_at=at(3),
    expected_at=at(5),
    events=(
        TrackingEvent(at(3, 9), "곤지암 허브", "간선상차"),
        TrackingEvent(at(4, 8), "강남 대리점", "배송출발"),
    ),
)
REFUND = Refund(
    amount=29_000,
    method="카드 취소",
    status=RefundStatus.APPROVED,
    requested_at=at(6),
    expected_at=at(9),
)


def small_shop() -> DemoShop:
    """Two customers, two products, four orders (one shipped, one refunded), one wallet."""
    customers = (
        Customer("C-1", "김민지", "010-1234-5678", Segment.VIP, True, at(1), "GOLD"),
        Customer("C-2", "Alex Kim", "010-9999-0000", Segment.NEW, False, at(2)),
    )
    products = (
        Product(
            product_id="P-TEE",
            name="오버핏 티셔츠",
            name_en="Oversized tee",
            category="top",
            price=29_000,
            material="면 100%",
            colors=("블랙", "화이트"),
            sizes=("M", "L"),
            stock=(("블랙/M", 3), ("화이트/L", 0)),
            description="데일리 티셔츠",
        ),
        Product(
            "P-JEANS", "와이드 데님", "Wide jeans", "bottom", 49_000, "데님", ("연청",), ("L",), ()
        ),
    )
    orders = (
        order("O-1", "C-1", OrderStatus.PAID, 10, (TEE, JEANS)),
        order("O-2", "C-1", OrderStatus.SHIPPING, 3, (JEANS,), shipment=SHIPMENT),
        order(
            "O-3",
            "C-1",
            OrderStatus.DELIVERED,
            7,
            (TEE,),
            shipment=Shipment("롯데택배", "999", at(7), None),
            delivered_at=at(8),
            refund=REFUND,
        ),
        order("O-4", "C-2", OrderStatus.PREPARING, 9, (TEE,)),
    )
    wallets = {
        "C-1": Wallet(
            points=3_200,
            points_expiring=500,
            points_expiring_at=at(31),
            coupons=(
                Coupon("무료배송", "배송비 무료", at(20)),
                Coupon("10% 할인", "10%", at(15), min_spend=50_000),
            ),
        )
    }
    return DemoShop(customers=customers, products=products, orders=orders, wallets=wallets)


def utc(value: datetime | None) -> bool:
    """True when a datetime read back is tz-aware in UTC."""
    return value is not None and value.utcoffset() == timedelta(0) and value.tzinfo is UTC
