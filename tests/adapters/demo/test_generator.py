import re
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from adapters.demo import DemoShop
from adapters.demo.generator import RETURN_WINDOW, SHIPPED, generate_shop
from core.customers import Segment
from core.orders import OrderStatus, RefundStatus

NOW = datetime(2026, 11, 23, 15, 30, tzinfo=ZoneInfo("Asia/Seoul"))
TRACKING_DIGITS = {"CJ대한통운": 12, "한진택배": 12, "롯데택배": 12, "우체국택배": 13}


@pytest.fixture(scope="module")
def shop() -> DemoShop:
    return generate_shop(now=NOW)


def test_same_seed_and_now_give_the_same_shop(shop: DemoShop) -> None:
    assert generate_shop(now=NOW) == shop
    assert generate_shop(seed=7, now=NOW) != shop


def test_counts_are_in_range(shop: DemoShop) -> None:
    assert 180 <= len(shop.customers) <= 220
    assert 50 <= len(shop.products) <= 70
    assert 900 <= len(shop.orders) <= 1100
    assert set(shop.wallets) == {customer.customer_id for customer in shop.customers}
    assert set(Counter(customer.segment for customer in shop.customers)) == set(Segment)
    assert {customer.grade for customer in shop.customers} == {"일반", "실버", "골드", "VIP"}
    assert {customer.marketing_consent for customer in shop.customers} == {True, False}


def test_every_status_has_at_least_twenty_orders(shop: DemoShop) -> None:
    counts = Counter(order.status for order in shop.orders)
    assert set(counts) == set(OrderStatus)
    assert min(counts.values()) >= 20


def test_order_numbers_are_dated_and_unique(shop: DemoShop) -> None:
    numbers = [order.order_no for order in shop.orders]
    assert len(set(numbers)) == len(numbers)
    for order in shop.orders:
        assert re.fullmatch(r"\d{8}-\d{7}", order.order_no)
        assert order.order_no[:8] == f"{order.ordered_at:%Y%m%d}"
        assert NOW - timedelta(days=61) < order.ordered_at < NOW


def test_orders_are_consistent(shop: DemoShop) -> None:
    customers = {customer.customer_id: customer for customer in shop.customers}
    products = {product.product_id: product for product in shop.products}
    for order in shop.orders:
        customer = customers[order.customer_id]
        assert (order.orderer_name, order.orderer_phone) == (customer.name, customer.phone)
        assert 1 <= len(order.items) <= 3
        assert order.total >= sum(item.unit_price * item.quantity for item in order.items)
        assert len(order.address.split()) >= 4
        for item in order.items:
            product = products[item.product_id]
            color, size = item.option.split("/")
            assert item.name == product.name
            assert color in product.colors and size in product.sizes


def test_phones_are_unique_korean_mobiles(shop: DemoShop) -> None:
    phones = [customer.phone for customer in shop.customers]
    assert len(set(phones)) == len(phones)
    assert all(re.fullmatch(r"010-\d{4}-\d{4}", phone) for phone in phones)
    assert all(len(customer.name) in (2, 3, 4) for customer in shop.customers)


def test_shipments_exactly_for_shipped_statuses(shop: DemoShop) -> None:
    for order in shop.orders:
        assert (order.shipment is not None) == (order.status in SHIPPED)
        assert (order.delivered_at is not None) == (
            order.status in SHIPPED and order.status is not OrderStatus.SHIPPING
        )
        if order.shipment is None:
            continue
        shipment = order.shipment
        assert len(shipment.tracking_no) == TRACKING_DIGITS[shipment.courier]
        assert shipment.tracking_no.isdigit()
        assert 2 <= len(shipment.events) <= 6
        times = [event.at for event in shipment.events]
        assert times == sorted(times) and times[-1] <= NOW
        assert shipment.events[0].description == "집화처리"
        delivered = shipment.events[-1].description == "배송완료"
        assert delivered == (order.delivered_at is not None)


def test_a_few_parcels_are_late(shop: DemoShop) -> None:
    late = [
        order
        for order in shop.orders
        if order.status is OrderStatus.SHIPPING
        and order.shipment is not None
        and order.shipment.expected_at is not None
        and order.shipment.expected_at < NOW
    ]
    assert 3 <= len(late) <= 30


def test_refunds_for_cancelled_and_returned_orders(shop: DemoShop) -> None:
    for order in shop.orders:
        refunded = order.status in (OrderStatus.CANCELLED, OrderStatus.RETURN_IN_PROGRESS)
        assert (order.refund is not None) == refunded
        if order.refund is None:
            continue
        refund = order.refund
        assert refund.method == order.payment_method
        assert 0 < refund.amount <= order.total
        assert refund.expected_at is not None and refund.requested_at < refund.expected_at
        assert refund.requested_at <= NOW
        if refund.status is RefundStatus.COMPLETED:
            assert refund.completed_at is not None and refund.completed_at <= NOW
    statuses = {order.refund.status for order in shop.orders if order.refund}
    assert statuses == set(RefundStatus)


def test_stock_options_are_colours_by_sizes(shop: DemoShop) -> None:
    sold_out = 0
    for product in shop.products:
        options = [option for option, _ in product.stock]
        assert options == [f"{c}/{s}" for c in product.colors for s in product.sizes]
        sold_out += sum(units == 0 for _, units in product.stock)
        assert product.name and product.name_en and product.material and product.price > 0
    assert sold_out > 0
    sizes = {product.sizes for product in shop.products}
    assert {("FREE",), ("S", "M", "L", "XL"), ("44", "55", "66", "77")} <= sizes
    assert ("230", "240", "250", "260", "270", "280", "290") in sizes


def test_delivered_orders_inside_and_outside_the_return_window(shop: DemoShop) -> None:
    delivered = [order for order in shop.orders if order.status is OrderStatus.DELIVERED]
    inside = [o for o in delivered if o.delivered_at and NOW - o.delivered_at <= RETURN_WINDOW]
    assert len(inside) >= 10
    assert len(delivered) - len(inside) >= 10


def test_customers_with_orders_in_many_statuses(shop: DemoShop) -> None:
    statuses: dict[str, set[OrderStatus]] = defaultdict(set)
    for order in shop.orders:
        statuses[order.customer_id].add(order.status)
    assert sum(len(seen) >= 3 for seen in statuses.values()) >= 10


def test_wallets_hold_points_and_coupons(shop: DemoShop) -> None:
    wallets = list(shop.wallets.values())
    assert any(wallet.points_expiring > 0 for wallet in wallets)
    for wallet in wallets:
        assert 0 <= wallet.points_expiring <= wallet.points
        assert (wallet.points_expiring_at is not None) == (wallet.points_expiring > 0)
        assert all(coupon.expires_at > NOW for coupon in wallet.coupons)
    names = {coupon.name for wallet in wallets for coupon in wallet.coupons}
    assert {"신규가입 10% 할인", "VIP 5,000원 할인"} <= names
