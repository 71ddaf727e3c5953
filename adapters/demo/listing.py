"""Read the stored demo customers back, with their orders, for `dangol demo list`."""

from collections import defaultdict
from typing import TypedDict

from sqlalchemy import select

from adapters.sql.engine import Sessions
from adapters.sql.tables import CustomerRow, OrderItemRow, OrderRow


class ListedOrder(TypedDict):
    """One order as `demo list` shows it."""

    order_no: str
    status: str
    items: list[str]


class ListedCustomer(TypedDict):
    """One customer as `demo list` shows it: enough to prove an order to the bot."""

    name: str
    phone: str
    orders: list[ListedOrder]


async def list_customers(sessions: Sessions, limit: int | None = None) -> list[ListedCustomer]:
    """Return customers by id, each with their orders newest first and the item names."""
    chosen = select(CustomerRow.customer_id).order_by(CustomerRow.customer_id).limit(limit)
    ids = chosen.scalar_subquery()
    async with sessions() as session:
        people = (
            await session.execute(
                select(CustomerRow.customer_id, CustomerRow.name, CustomerRow.phone)
                .order_by(CustomerRow.customer_id)
                .limit(limit)
            )
        ).all()
        orders = (
            await session.execute(
                select(OrderRow.order_no, OrderRow.customer_id, OrderRow.status)
                .where(OrderRow.customer_id.in_(ids))
                .order_by(OrderRow.ordered_at.desc(), OrderRow.order_no.desc())
            )
        ).all()
        items = (
            await session.execute(
                select(OrderItemRow.order_no, OrderItemRow.name)
                .join(OrderRow, OrderRow.order_no == OrderItemRow.order_no)
                .where(OrderRow.customer_id.in_(ids))
                .order_by(OrderItemRow.order_no, OrderItemRow.position)
            )
        ).all()
    names: dict[str, list[str]] = defaultdict(list)
    for item in items:
        names[item.order_no].append(item.name)
    by_customer: dict[str, list[ListedOrder]] = defaultdict(list)
    for order in orders:
        by_customer[order.customer_id].append(
            {"order_no": order.order_no, "status": order.status, "items": names[order.order_no]}
        )
    return [
        {"name": row.name, "phone": row.phone, "orders": by_customer[row.customer_id]}
        for row in people
    ]
