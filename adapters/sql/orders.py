"""The shop's order system on SQL: reads for flows, service requests for the engine."""

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from adapters.sql import convert
from adapters.sql.engine import Sessions
from adapters.sql.tables import (
    CouponRow,
    OrderRow,
    ProductRow,
    ServiceRequestRow,
    ShipmentRow,
    WalletRow,
)
from core.models import RequestKind, ServiceRequest
from core.orders import Order, OrderStatus, Product, Wallet

ACCEPTED = "accepted"
REJECTED = "rejected"

_FULL_ORDER = select(OrderRow).options(
    selectinload(OrderRow.items),
    joinedload(OrderRow.shipment).selectinload(ShipmentRow.events),
    joinedload(OrderRow.refund),
)

_STATUS_AFTER = {
    RequestKind.CANCEL: OrderStatus.CANCELLED,
    RequestKind.RETURN: OrderStatus.RETURN_IN_PROGRESS,
    RequestKind.EXCHANGE: OrderStatus.EXCHANGE_IN_PROGRESS,
}


class SqlOrderBackend:
    """An `OrderBackend` on the shop's own tables."""

    def __init__(self, sessions: Sessions) -> None:
        self._sessions = sessions

    async def get_order(self, order_no: str) -> Order | None:
        """Return the order with its items, shipment and refund, or None."""
        async with self._sessions() as session:
            row = await session.scalar(_FULL_ORDER.where(OrderRow.order_no == order_no))
        return None if row is None else convert.to_order(row)

    async def orders_of(self, customer_id: str, limit: int = 5) -> list[Order]:
        """Return the customer's `limit` newest orders, newest first."""
        query = (
            _FULL_ORDER.where(OrderRow.customer_id == customer_id)
            .order_by(OrderRow.ordered_at.desc(), OrderRow.order_no.desc())
            .limit(limit)
        )
        async with self._sessions() as session:
            rows = (await session.scalars(query)).unique().all()
        return [convert.to_order(row) for row in rows]

    async def products(self) -> list[Product]:
        """Return the whole catalog by product id."""
        async with self._sessions() as session:
            rows = (
                await session.scalars(select(ProductRow).order_by(ProductRow.product_id))
            ).all()
        return [convert.to_product(row) for row in rows]

    async def wallet(self, customer_id: str) -> Wallet:
        """Return the customer's points and coupons in the order given (empty when none)."""
        coupons = (
            select(CouponRow).where(CouponRow.customer_id == customer_id).order_by(CouponRow.id)
        )
        async with self._sessions() as session:
            row = await session.get(WalletRow, customer_id)
            coupon_rows = (await session.scalars(coupons)).all()
        return convert.to_wallet(row, list(coupon_rows))

    async def submit(self, request: ServiceRequest) -> None:
        """File `request` once per `request_no` and apply it to its order.

        Cancellations and address or option changes apply only before shipping; returns
        and exchanges always. `details` carries `address` (change_address) or `option`
        and, for orders of several items, `product_id` (change_option). A request that
        cannot apply is still filed, with status "rejected", for a person to look at.
        """
        try:
            async with self._sessions.begin() as session:
                if await self._filed(session, request.request_no):
                    return
                query = (
                    select(OrderRow)
                    .options(selectinload(OrderRow.items))
                    .where(OrderRow.order_no == request.order_no)
                    .with_for_update()
                )
                order = await session.scalar(query)
                applied = order is not None and _apply(order, request)
                status = ACCEPTED if applied else REJECTED
                session.add(ServiceRequestRow(**convert.request_values(request, status)))
        except IntegrityError:
            async with self._sessions() as session:
                if not await self._filed(session, request.request_no):
                    raise
            # a concurrent submit of the same request won the race: nothing left to do

    @staticmethod
    async def _filed(session: AsyncSession, request_no: str) -> bool:
        query = select(ServiceRequestRow.id).where(ServiceRequestRow.request_no == request_no)
        return await session.scalar(query) is not None


def _apply(order: OrderRow, request: ServiceRequest) -> bool:
    before_shipping = OrderStatus(order.status).before_shipping
    if request.kind in _STATUS_AFTER:
        if request.kind is RequestKind.CANCEL and not before_shipping:
            return False
        order.status = _STATUS_AFTER[request.kind].value
        return True
    if not before_shipping:
        return False
    if request.kind is RequestKind.CHANGE_ADDRESS:
        address = request.details.get("address", "").strip()
        if address:
            order.address = address
        return bool(address)
    # RequestKind.CHANGE_OPTION
    option = request.details.get("option", "").strip()
    product_id = request.details.get("product_id")
    items = [i for i in order.items if product_id in (None, i.product_id)]
    if not option or len(items) != 1:
        return False
    items[0].option = option
    return True
