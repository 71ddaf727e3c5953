"""The small demo shop the scripts talk about: customers, catalog, orders, wallets."""

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

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

SEOUL = ZoneInfo("Asia/Seoul")
NOW = datetime(2026, 11, 4, 14, 0, tzinfo=SEOUL)
"""A Wednesday afternoon, inside business hours."""


def at(day: int, hour: int = 10, month: int = 11) -> datetime:
    """A time in 2026, shop zone."""
    return datetime(2026, month, day, hour, 0, tzinfo=SEOUL)


MINJI = Customer("C001", "김민지", "010-1234-5678", Segment.REGULAR, True, at(1, month=1), "GOLD")
SEOJUN = Customer("C002", "이서준", "010-9876-4321", Segment.REGULAR, True, at(1, month=2))
VIP = Customer("C003", "박지우", "010-5555-0003", Segment.VIP, True, at(1, month=3), "VIP")

KNIT = Product(
    "P001",
    "울 니트",
    "Wool Knit",
    "top",
    39000,
    "울 70%, 나일론 30%",
    ("블랙", "아이보리"),
    ("M", "L"),
    (("블랙/M", 3), ("블랙/L", 0), ("아이보리/M", 5), ("아이보리/L", 2)),
)
DENIM = Product(
    "P002",
    "와이드 데님 팬츠",
    "Wide Denim Pants",
    "bottom",
    49000,
    "면 100%",
    ("연청",),
    ("28", "30"),
    (("연청/28", 4), ("연청/30", 1)),
)
LOAFER = Product(
    "P003",
    "가죽 로퍼",
    "Leather Loafers",
    "shoes",
    89000,
    "소가죽",
    ("브라운",),
    ("240", "250"),
    (("브라운/240", 2), ("브라운/250", 0)),
)
PRODUCTS = [KNIT, DENIM, LOAFER]

PREPARING_NO = "20261103-0004521"
SHIPPING_NO = "20261028-0003310"
DELIVERED_NO = "20261020-0001234"
OLD_NO = "20261001-0000777"
LATE_NO = "20261030-0005555"
REFUND_NO = "20261025-0000999"


def _order(
    no: str, customer: Customer, status: OrderStatus, ordered: datetime, **kw: object
) -> Order:
    base = Order(
        order_no=no,
        customer_id=customer.customer_id,
        orderer_name=customer.name,
        orderer_phone=customer.phone,
        status=status,
        ordered_at=ordered,
        payment_method="신용카드",
        total=39000,
        items=(OrderItem("P001", "울 니트", "블랙/M", 1, 39000),),
        address="서울시 강남구 테헤란로 123 4층",
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def orders() -> dict[str, Order]:
    """The demo orders, fresh for each test."""
    cj = "CJ대한통운"
    made = [
        _order(PREPARING_NO, MINJI, OrderStatus.PREPARING, at(3)),
        _order(
            SHIPPING_NO,
            MINJI,
            OrderStatus.SHIPPING,
            at(28, month=10),
            shipment=Shipment(
                cj,
                "612345678901",
                at(2),
                at(5),
                (
                    TrackingEvent(at(2, 18), "곤지암 허브", "간선 상차"),
                    TrackingEvent(at(4, 7), "서울 강남 대리점", "배송 출발"),
                ),
            ),
        ),
        _order(
            DELIVERED_NO,
            MINJI,
            OrderStatus.DELIVERED,
            at(20, month=10),
            total=88000,
            items=(
                OrderItem("P001", "울 니트", "블랙/M", 1, 39000),
                OrderItem("P002", "와이드 데님 팬츠", "연청/28", 1, 49000),
            ),
            shipment=Shipment(cj, "612345670000", at(22, month=10), at(24, month=10)),
            delivered_at=at(30, 15, month=10),
        ),
        _order(
            OLD_NO,
            SEOJUN,
            OrderStatus.DELIVERED,
            at(1, month=10),
            payment_method="카카오페이",
            items=(OrderItem("P003", "가죽 로퍼", "브라운/250", 1, 89000),),
            total=89000,
            delivered_at=at(5, month=10),
        ),
        _order(
            LATE_NO,
            SEOJUN,
            OrderStatus.SHIPPING,
            at(30, month=10),
            shipment=Shipment(
                "한진택배",
                "512345678901",
                at(31, month=10),
                at(1),
                (TrackingEvent(at(31, 20, month=10), "대전 허브", "간선 하차"),),
            ),
        ),
        _order(
            REFUND_NO,
            SEOJUN,
            OrderStatus.CANCELLED,
            at(25, month=10),
            refund=Refund(39000, "신용카드", RefundStatus.APPROVED, at(26, month=10), at(6)),
        ),
    ]
    return {order.order_no: order for order in made}


def wallets() -> dict[str, Wallet]:
    """Wallets of the demo customers."""
    return {
        "C001": Wallet(
            12500,
            2000,
            at(30),
            (
                Coupon("겨울 아우터 10% 쿠폰", "10%", at(30), 50000),
                Coupon("무료배송 쿠폰", "배송비 무료", at(15)),
            ),
        )
    }
