"""A deterministic demo shop: customers, catalogue, orders, parcels, refunds and wallets."""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from adapters.demo import DemoShop, catalog
from adapters.demo.people import BUILDINGS, DISTRICTS, GIVEN_NAMES, SURNAMES
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

# The shop's clock when no `now` is given; the CLI passes the real time so orders stay recent.
DEFAULT_NOW = datetime(2026, 11, 23, 12, 0, tzinfo=ZoneInfo("Asia/Seoul"))
CUSTOMERS = 200
RETURN_WINDOW = timedelta(days=7)
# Statuses whose parcel has left the warehouse.
SHIPPED = frozenset(OrderStatus) - {OrderStatus.PAID, OrderStatus.PREPARING, OrderStatus.CANCELLED}
# Orders per status; 1,000 in all.
QUOTAS: dict[OrderStatus, int] = dict(
    zip(OrderStatus, (60, 70, 110, 170, 400, 70, 60, 60), strict=True)
)  # orders per status, in OrderStatus order: 1,000 in all
_NO_ORDERS = 12  # members who joined recently and have not ordered yet
_LAPSED = 20  # members whose only orders are old
_SHIPPING_FEE = 3000
_FREE_SHIPPING_FROM = 50000
_STAGES = ("집화처리", "간선상차", "간선하차", "배송출발", "배송완료")
_STAGE_AT = (0.0, 0.3, 0.55, 0.85, 1.0)
_GRADES = (("골드", 700_000), ("실버", 250_000), ("일반", 0))


@dataclass(slots=True)
class _Plan:
    """When things happen to one order, before it is given a customer."""

    status: OrderStatus
    ordered_at: datetime
    shipped_at: datetime | None = None
    expected_at: datetime | None = None
    delivered_at: datetime | None = None
    refund_at: datetime | None = None
    delayed: bool = False
    order_no: str = ""


class _Person(NamedTuple):
    customer_id: str
    name: str
    phone: str
    address: str


def generate_shop(*, seed: int = 20261123, now: datetime | None = None) -> DemoShop:
    """Build the demo shop; the same seed and `now` always give the same shop."""
    now = now or DEFAULT_NOW
    rng = random.Random(seed)
    products = tuple(_product(rng, index, row) for index, row in enumerate(catalog.PRODUCTS))
    plans = [_plan(rng, status, now) for status, count in QUOTAS.items() for _ in range(count)]
    plans.sort(key=lambda plan: plan.ordered_at)
    owners = _owners(rng, plans, now)
    people = _people(rng, CUSTOMERS)
    by_customer: dict[int, list[Order]] = {index: [] for index in range(CUSTOMERS)}
    sequence = rng.randint(3000, 6000)
    for plan, owner in zip(plans, owners, strict=True):
        sequence += rng.randint(1, 12)
        plan.order_no = f"{plan.ordered_at:%Y%m%d}-{sequence:07d}"
        by_customer[owner].append(_order(rng, plan, people[owner], products, now))
    customers = tuple(_customer(rng, people[i], by_customer[i], now) for i in range(CUSTOMERS))
    orders = tuple(
        sorted((o for os in by_customer.values() for o in os), key=lambda o: o.order_no)
    )
    wallets = {customer.customer_id: _wallet(rng, customer, now) for customer in customers}
    return DemoShop(customers=customers, products=products, orders=orders, wallets=wallets)


def _product(
    rng: random.Random, index: int, row: tuple[str, str, str, int, str, tuple[str, ...], str, str]
) -> Product:
    name, name_en, category, price, material, colors, sizing, description = row
    sizes = catalog.SIZES[sizing]
    stock = tuple(
        (f"{color}/{size}", 0 if rng.random() < 0.12 else rng.randint(1, 40))
        for color in colors
        for size in sizes
    )
    product_id = f"P{1001 + index}"
    return Product(
        product_id, name, name_en, category, price, material, colors, sizes, stock, description
    )


def _days(rng: random.Random, low: float, high: float) -> timedelta:
    return timedelta(seconds=round(rng.uniform(low, high) * 86400))


def _plan(rng: random.Random, status: OrderStatus, now: datetime) -> _Plan:
    if status is OrderStatus.PAID:
        return _Plan(status, now - _days(rng, 0.02, 1.0))
    if status is OrderStatus.PREPARING:
        return _Plan(status, now - _days(rng, 0.5, 3.0))
    if status is OrderStatus.CANCELLED:
        ordered = now - _days(rng, 0.3, 60.0)
        return _Plan(status, ordered, refund_at=ordered + _days(rng, 0.01, 0.25))
    if status is OrderStatus.SHIPPING:
        delayed = rng.random() < 0.12
        shipped = now - (_days(rng, 3.5, 6.0) if delayed else _days(rng, 0.1, 1.8))
        plan = _Plan(status, shipped - _days(rng, 0.5, 1.5), shipped, delayed=delayed)
    else:
        if status is OrderStatus.CONFIRMED:
            delivered = now - _days(rng, 6.0, 56.0)
        elif status is OrderStatus.DELIVERED:
            delivered = now - _days(rng, 0.2, 2 * RETURN_WINDOW.days - 1)
        else:
            delivered = now - _days(rng, 1.0, 10.0)
        shipped = delivered - _days(rng, 0.8, 2.5)
        plan = _Plan(status, shipped - _days(rng, 0.5, 1.5), shipped, delivered_at=delivered)
        if status is OrderStatus.RETURN_IN_PROGRESS:
            since = min((now - delivered).total_seconds() / 86400, RETURN_WINDOW.days)
            plan.refund_at = delivered + _days(rng, 0.1, since - 0.5)  # asked within the window
    plan.expected_at = shipped + timedelta(days=2)
    return plan


def _owners(rng: random.Random, plans: list[_Plan], now: datetime) -> list[int]:
    """Pick a customer index for every plan; the last few members are lapsed, then idle."""
    owners = [-1] * len(plans)
    old = [
        i
        for i, plan in enumerate(plans)
        if plan.status in (OrderStatus.CONFIRMED, OrderStatus.CANCELLED)
        and plan.ordered_at < now - timedelta(days=40)
    ]
    rng.shuffle(old)
    active = list(range(CUSTOMERS - _LAPSED - _NO_ORDERS))
    for customer in range(len(active), len(active) + _LAPSED):
        for _ in range(rng.randint(1, 3)):
            owners[old.pop()] = customer
    weights = [rng.expovariate(1.0) + 0.15 for _ in active]
    free = [i for i, owner in enumerate(owners) if owner < 0]
    rng.shuffle(free)
    for customer, i in zip(active, free, strict=False):
        owners[i] = customer
    for i in free[len(active) :]:
        owners[i] = rng.choices(active, weights)[0]
    return owners


def _people(rng: random.Random, count: int) -> list[_Person]:
    """People with unique names and phones."""
    surnames = [surname for surname, _ in SURNAMES]
    weights = [weight for _, weight in SURNAMES]
    seen: set[str] = set()
    people: list[_Person] = []
    while len(people) < count:
        name = rng.choices(surnames, weights)[0] + rng.choice(GIVEN_NAMES)
        phone = f"010-{rng.randint(2000, 9999)}-{rng.randint(0, 9999):04d}"
        if name in seen or phone in seen:
            continue
        seen.update((name, phone))
        city, district, towns = rng.choice(DISTRICTS)
        town, building = rng.choice(towns), rng.choice(BUILDINGS)
        unit = f"{rng.randint(101, 115)}동 {rng.randint(1, 25)}0{rng.randint(1, 4)}호"
        address = f"{city} {district} {town} {rng.randint(1, 999)} {building} {unit}"
        people.append(_Person(f"C{10001 + len(people)}", name, phone, address))
    return people


def _order(
    rng: random.Random, plan: _Plan, person: _Person, products: tuple[Product, ...], now: datetime
) -> Order:
    items = tuple(
        OrderItem(
            product_id=product.product_id,
            name=product.name,
            option=f"{rng.choice(product.colors)}/{rng.choice(product.sizes)}",
            quantity=1 if rng.random() < 0.85 else 2,
            unit_price=product.price,
        )
        for product in rng.sample(products, rng.choices((1, 2, 3), (60, 28, 12))[0])
    )
    subtotal = sum(item.unit_price * item.quantity for item in items)
    total = subtotal + (_SHIPPING_FEE if subtotal < _FREE_SHIPPING_FROM else 0)
    methods = [method for method, _ in catalog.PAYMENT_METHODS]
    method = rng.choices(methods, [weight for _, weight in catalog.PAYMENT_METHODS])[0]
    return Order(
        order_no=plan.order_no,
        customer_id=person.customer_id,
        orderer_name=person.name,
        orderer_phone=person.phone,
        status=plan.status,
        ordered_at=plan.ordered_at,
        payment_method=method,
        total=total,
        items=items,
        address=person.address,
        shipment=_shipment(rng, plan, person.address, now) if plan.shipped_at else None,
        delivered_at=plan.delivered_at,
        refund=_refund(rng, plan, method, total, now) if plan.refund_at else None,
    )


def _shipment(rng: random.Random, plan: _Plan, address: str, now: datetime) -> Shipment:
    assert plan.shipped_at and plan.expected_at
    courier = rng.choice(list(catalog.COURIERS))
    digits, hubs = catalog.COURIERS[courier]
    city, district = address.split()[:2]
    local = f"{city[:2]} {district}"
    places = (catalog.ORIGIN, rng.choice(hubs), f"{local} 터미널", *[f"{local} 영업소"] * 2)
    end = plan.delivered_at or plan.expected_at
    reached = len(_STAGES) if plan.delivered_at else rng.randint(2, 3 if plan.delayed else 4)
    times = [plan.shipped_at + (end - plan.shipped_at) * _STAGE_AT[i] for i in range(reached)]
    if end > now:  # a parcel on its way has only been scanned up to now
        times = [
            min(at, plan.shipped_at + (now - plan.shipped_at) * i / reached)
            for i, at in enumerate(times)
        ]
    events = tuple(
        TrackingEvent(at.replace(second=0, microsecond=0), place, stage)
        for at, place, stage in zip(times, places, _STAGES, strict=False)
    )
    tracking_no = str(rng.randint(10 ** (digits - 1), 10**digits - 1))
    return Shipment(courier, tracking_no, plan.shipped_at, plan.expected_at, events)


def _business_days(start: datetime, days: int) -> datetime:
    day = start
    while days:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def _refund(rng: random.Random, plan: _Plan, method: str, total: int, now: datetime) -> Refund:
    assert plan.refund_at
    low, high = catalog.REFUND_DAYS[method]
    if plan.status is OrderStatus.RETURN_IN_PROGRESS:
        # Pick-up and inspection come first, then the usual refund time.
        expected = _business_days(plan.refund_at, 2 + rng.randint(low, high))
        status = RefundStatus.APPROVED if rng.random() < 0.4 else RefundStatus.REQUESTED
        return Refund(total - _SHIPPING_FEE, method, status, plan.refund_at, expected)
    expected = _business_days(plan.refund_at, rng.randint(low, high))
    if expected <= now:
        return Refund(total, method, RefundStatus.COMPLETED, plan.refund_at, expected, expected)
    return Refund(total, method, RefundStatus.APPROVED, plan.refund_at, expected)


def _customer(rng: random.Random, person: _Person, orders: list[Order], now: datetime) -> Customer:
    spend = sum(o.total for o in orders if o.status is not OrderStatus.CANCELLED)
    if not orders:
        joined = now - _days(rng, 1.0, 25.0)
    elif len(orders) <= 2 and rng.random() < 0.3:
        joined = min(o.ordered_at for o in orders) - _days(rng, 0.01, 3.0)
    else:
        joined = min(o.ordered_at for o in orders) - _days(rng, 30.0, 1500.0)
    last = max((o.ordered_at for o in orders), default=joined)
    if joined >= now - timedelta(days=30) and len(orders) <= 2:
        segment = Segment.NEW
    elif last < now - timedelta(days=35):
        segment = Segment.AT_RISK
    elif len(orders) >= 9 or spend >= 1_500_000:
        segment = Segment.VIP
    else:
        segment = Segment.REGULAR
    lifetime = spend + (0 if segment is Segment.NEW else rng.randrange(0, 600_000, 1000))
    grade = next(g for g, floor in _GRADES if lifetime >= floor)
    grade = "VIP" if segment is Segment.VIP else grade
    consent = rng.random() < 0.65
    return Customer(person.customer_id, person.name, person.phone, segment, consent, joined, grade)


def _end_of_day(rng: random.Random, now: datetime, low: int, high: int) -> datetime:
    day = now + timedelta(days=rng.randint(low, high))
    return day.replace(hour=23, minute=59, second=59, microsecond=0)


def _wallet(rng: random.Random, customer: Customer, now: datetime) -> Wallet:
    points = rng.randrange(0, 30_001, 100) + (20_000 if customer.segment is Segment.VIP else 0)
    expiring = rng.randrange(100, points + 1, 100) if points >= 100 and rng.random() < 0.35 else 0
    audience = {Segment.NEW: "new", Segment.VIP: "vip"}.get(customer.segment, "")
    eligible = [row for row in catalog.COUPONS if row[3] in ("all", audience)]
    coupons = tuple(
        Coupon(name, discount, _end_of_day(rng, now, 1, 45), min_spend)
        for name, discount, min_spend, _ in rng.sample(eligible, rng.randint(0, 3))
    )
    expiring_at = _end_of_day(rng, now, 2, 30) if expiring else None
    return Wallet(points, expiring, expiring_at, coupons)
