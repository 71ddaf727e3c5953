"""Order backend: the imported shop reads back as it was; service requests change orders."""

import time
from dataclasses import replace
from datetime import timedelta

import pytest
from sql_shop import JEANS, TEE, at, utc
from sqlalchemy import select

from adapters.demo import DemoShop
from adapters.sql import Sessions, SqlOrderBackend, import_shop, shop_is_empty
from adapters.sql.tables import ServiceRequestRow
from core.customers import Customer, Segment
from core.models import RequestKind, ServiceRequest
from core.orders import OrderStatus, Wallet


@pytest.fixture
async def backend(sessions: Sessions, shop: DemoShop) -> SqlOrderBackend:
    await import_shop(sessions, shop)
    return SqlOrderBackend(sessions)


async def filed(sessions: Sessions) -> list[tuple[str, str, str]]:
    async with sessions() as session:
        rows = await session.scalars(select(ServiceRequestRow).order_by(ServiceRequestRow.id))
        return [(r.request_no, r.kind, r.status) for r in rows]


def request(no: str, kind: RequestKind, order_no: str, **details: str) -> ServiceRequest:
    return ServiceRequest(no, kind, order_no, "C-1", reason="단순 변심", details=details)


async def test_shop_is_empty_until_imported(sessions: Sessions, shop: DemoShop) -> None:
    assert await shop_is_empty(sessions) is True
    await import_shop(sessions, shop)
    assert await shop_is_empty(sessions) is False


async def test_orders_read_back_as_imported(backend: SqlOrderBackend, shop: DemoShop) -> None:
    for original in shop.orders:
        assert await backend.get_order(original.order_no) == original
    shipped = await backend.get_order("O-2")
    assert shipped is not None
    assert shipped.shipment is not None
    assert [e.description for e in shipped.shipment.events] == ["간선상차", "배송출발"]
    assert utc(shipped.ordered_at)
    assert utc(shipped.shipment.events[0].at)
    assert shipped.ordered_at.hour == 1  # 10:30 in Seoul is 01:30 UTC
    assert await backend.get_order("O-404") is None


async def test_orders_of_a_customer_come_newest_first(backend: SqlOrderBackend) -> None:
    assert [o.order_no for o in await backend.orders_of("C-1")] == ["O-1", "O-3", "O-2"]
    assert [o.order_no for o in await backend.orders_of("C-1", limit=2)] == ["O-1", "O-3"]
    assert await backend.orders_of("C-404") == []
    refunded = (await backend.orders_of("C-1"))[1]
    assert refunded.refund is not None
    assert refunded.items == (TEE,)


async def test_products_and_wallets_read_back(backend: SqlOrderBackend, shop: DemoShop) -> None:
    products = await backend.products()
    assert products == sorted(shop.products, key=lambda p: p.product_id)
    tee = next(p for p in products if p.product_id == "P-TEE")
    assert tee.units("블랙/M") == 3
    assert await backend.wallet("C-1") == shop.wallets["C-1"]
    assert await backend.wallet("C-2") == Wallet(0, 0, None)


async def test_cancel_before_shipping_cancels_once(
    backend: SqlOrderBackend, sessions: Sessions
) -> None:
    await backend.submit(request("R-1", RequestKind.CANCEL, "O-1"))
    await backend.submit(request("R-1", RequestKind.CANCEL, "O-1"))  # the retry is a no-op
    await backend.submit(request("R-1", RequestKind.RETURN, "O-2"))  # same number: ignored

    cancelled = await backend.get_order("O-1")
    assert cancelled is not None
    assert cancelled.status is OrderStatus.CANCELLED
    untouched = await backend.get_order("O-2")
    assert untouched is not None
    assert untouched.status is OrderStatus.SHIPPING
    assert await filed(sessions) == [("R-1", "cancel", "accepted")]


async def test_cancel_after_shipping_is_filed_but_rejected(
    backend: SqlOrderBackend, sessions: Sessions
) -> None:
    await backend.submit(request("R-2", RequestKind.CANCEL, "O-2"))
    await backend.submit(request("R-3", RequestKind.CANCEL, "O-404"))

    shipped = await backend.get_order("O-2")
    assert shipped is not None
    assert shipped.status is OrderStatus.SHIPPING
    assert await filed(sessions) == [("R-2", "cancel", "rejected"), ("R-3", "cancel", "rejected")]


async def test_returns_and_exchanges_set_their_status(
    backend: SqlOrderBackend, sessions: Sessions
) -> None:
    photos = ("https://img.example/1.jpg",)
    await backend.submit(replace(request("R-4", RequestKind.RETURN, "O-3"), photos=photos))
    await backend.submit(request("R-5", RequestKind.EXCHANGE, "O-2", option="연청/XL"))

    returned, exchanged = await backend.get_order("O-3"), await backend.get_order("O-2")
    assert returned is not None
    assert exchanged is not None
    assert returned.status is OrderStatus.RETURN_IN_PROGRESS
    assert exchanged.status is OrderStatus.EXCHANGE_IN_PROGRESS
    async with sessions() as session:
        row = await session.scalar(
            select(ServiceRequestRow).where(ServiceRequestRow.request_no == "R-4")
        )
    assert row is not None
    assert (row.photos, row.reason, row.customer_id) == (list(photos), "단순 변심", "C-1")
    assert utc(row.created_at)


async def test_address_and_option_changes_before_shipping(
    backend: SqlOrderBackend, sessions: Sessions
) -> None:
    await backend.submit(
        request("R-6", RequestKind.CHANGE_ADDRESS, "O-1", address="부산시 해운대구 1")
    )
    await backend.submit(
        request("R-7", RequestKind.CHANGE_OPTION, "O-1", product_id="P-JEANS", option="진청/M")
    )
    await backend.submit(request("R-8", RequestKind.CHANGE_OPTION, "O-1", option="흰색/S"))
    await backend.submit(request("R-9", RequestKind.CHANGE_OPTION, "O-4", option="화이트/L"))
    await backend.submit(request("R-10", RequestKind.CHANGE_ADDRESS, "O-2", address="대구"))

    changed = await backend.get_order("O-1")
    assert changed is not None
    assert changed.address == "부산시 해운대구 1"
    assert changed.items == (TEE, replace(JEANS, option="진청/M"))
    single = await backend.get_order("O-4")
    assert single is not None
    assert single.items[0].option == "화이트/L"
    shipped = await backend.get_order("O-2")
    assert shipped is not None
    assert shipped.address == "서울시 강남구 테헤란로 1"
    assert [status for _, _, status in await filed(sessions)] == [
        "accepted",
        "accepted",
        "rejected",  # two items and no product_id: ambiguous
        "accepted",
        "rejected",  # already shipping
    ]


async def test_import_of_a_demo_sized_shop_is_fast(sessions: Sessions, shop: DemoShop) -> None:
    customers = tuple(
        Customer(f"C-{n}", f"고객{n}", f"010-0000-{n:04d}", Segment.REGULAR, True, at(1))
        for n in range(200)
    )
    base = shop.orders[2]  # shipped, delivered and refunded: every table gets rows
    orders = tuple(
        replace(
            base,
            order_no=f"O-{n}",
            customer_id=f"C-{n % 200}",
            ordered_at=base.ordered_at + timedelta(minutes=n),
        )
        for n in range(1000)
    )
    big = DemoShop(customers, shop.products, orders, {"C-7": shop.wallets["C-1"]})

    started = time.perf_counter()
    await import_shop(sessions, big)
    elapsed = time.perf_counter() - started

    assert elapsed < 3.0
    backend = SqlOrderBackend(sessions)
    assert await backend.get_order("O-999") == orders[999]
    assert [o.order_no for o in await backend.orders_of("C-7", limit=2)] == ["O-807", "O-607"]
