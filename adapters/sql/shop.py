"""Bulk import of a whole shop (the embedded demo) into empty tables."""

from sqlalchemy import insert, select

from adapters.demo import DemoShop
from adapters.sql import convert
from adapters.sql.engine import Sessions
from adapters.sql.tables import (
    Base,
    CouponRow,
    CustomerRow,
    OrderItemRow,
    OrderRow,
    ProductRow,
    RefundRow,
    ShipmentRow,
    TrackingEventRow,
    WalletRow,
)


async def shop_is_empty(sessions: Sessions) -> bool:
    """Return True when no customer, product or order is stored yet."""
    async with sessions() as session:
        for table in (CustomerRow, ProductRow, OrderRow):
            if await session.scalar(select(table).limit(1)) is not None:
                return False
    return True


async def import_shop(sessions: Sessions, shop: DemoShop) -> None:
    """Insert every customer, product, order and wallet of `shop` in one transaction."""
    rows: dict[type[Base], list[convert.Values]] = {
        CustomerRow: [convert.customer_values(c) for c in shop.customers],
        ProductRow: [convert.product_values(p) for p in shop.products],
        OrderRow: [convert.order_values(o) for o in shop.orders],
        OrderItemRow: [],
        ShipmentRow: [],
        TrackingEventRow: [],
        RefundRow: [],
        WalletRow: [],
        CouponRow: [],
    }
    for order in shop.orders:
        rows[OrderItemRow].extend(convert.item_values(order))
        if order.shipment is not None:
            rows[ShipmentRow].append(convert.shipment_values(order.order_no, order.shipment))
            rows[TrackingEventRow].extend(convert.event_values(order.order_no, order.shipment))
        if order.refund is not None:
            rows[RefundRow].append(convert.refund_values(order.order_no, order.refund))
    for customer_id, wallet in shop.wallets.items():
        rows[WalletRow].append(convert.wallet_values(customer_id, wallet))
        rows[CouponRow].extend(convert.coupon_values(customer_id, wallet))
    async with sessions.begin() as session:
        for table, values in rows.items():  # dict order is foreign-key order
            if values:
                await session.execute(insert(table), values)
