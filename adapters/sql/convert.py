"""Conversions between table rows and the core's frozen dataclasses, both ways."""

from typing import Any

from adapters.sql.tables import (
    CouponRow,
    CustomerRow,
    OrderRow,
    ProductRow,
    RefundRow,
    ShipmentRow,
    WalletRow,
)
from core.customers import Customer, Segment
from core.models import ServiceRequest
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

Values = dict[str, Any]


def customer_values(customer: Customer) -> Values:
    """Return the `customers` row of a customer."""
    return {
        "customer_id": customer.customer_id,
        "name": customer.name,
        "phone": customer.phone,
        "segment": customer.segment.value,
        "marketing_consent": customer.marketing_consent,
        "joined_at": customer.joined_at,
        "grade": customer.grade,
    }


def to_customer(row: CustomerRow) -> Customer:
    """Return the customer a `customers` row holds."""
    return Customer(
        customer_id=row.customer_id,
        name=row.name,
        phone=row.phone,
        segment=Segment(row.segment),
        marketing_consent=row.marketing_consent,
        joined_at=row.joined_at,
        grade=row.grade,
    )


def product_values(product: Product) -> Values:
    """Return the `products` row of a product."""
    return {
        "product_id": product.product_id,
        "name": product.name,
        "name_en": product.name_en,
        "category": product.category,
        "price": product.price,
        "material": product.material,
        "colors": list(product.colors),
        "sizes": list(product.sizes),
        "stock": [[option, units] for option, units in product.stock],
        "description": product.description,
    }


def to_product(row: ProductRow) -> Product:
    """Return the product a `products` row holds."""
    return Product(
        product_id=row.product_id,
        name=row.name,
        name_en=row.name_en,
        category=row.category,
        price=row.price,
        material=row.material,
        colors=tuple(row.colors),
        sizes=tuple(row.sizes),
        stock=tuple((option, units) for option, units in row.stock),
        description=row.description,
    )


def order_values(order: Order) -> Values:
    """Return the `orders` row of an order (items, shipment and refund are separate rows)."""
    return {
        "order_no": order.order_no,
        "customer_id": order.customer_id,
        "orderer_name": order.orderer_name,
        "orderer_phone": order.orderer_phone,
        "status": order.status.value,
        "ordered_at": order.ordered_at,
        "payment_method": order.payment_method,
        "total": order.total,
        "address": order.address,
        "delivered_at": order.delivered_at,
    }


def item_values(order: Order) -> list[Values]:
    """Return the `order_items` rows of an order, in order."""
    return [
        {
            "order_no": order.order_no,
            "position": position,
            "product_id": item.product_id,
            "name": item.name,
            "option": item.option,
            "quantity": item.quantity,
            "unit_price": item.unit_price,
        }
        for position, item in enumerate(order.items)
    ]


def shipment_values(order_no: str, shipment: Shipment) -> Values:
    """Return the `shipments` row of an order's parcel."""
    return {
        "order_no": order_no,
        "courier": shipment.courier,
        "tracking_no": shipment.tracking_no,
        "shipped_at": shipment.shipped_at,
        "expected_at": shipment.expected_at,
    }


def event_values(order_no: str, shipment: Shipment) -> list[Values]:
    """Return the `tracking_events` rows of an order's parcel."""
    return [
        {"order_no": order_no, "at": e.at, "location": e.location, "description": e.description}
        for e in shipment.events
    ]


def refund_values(order_no: str, refund: Refund) -> Values:
    """Return the `refunds` row of an order's refund."""
    return {
        "order_no": order_no,
        "amount": refund.amount,
        "method": refund.method,
        "status": refund.status.value,
        "requested_at": refund.requested_at,
        "expected_at": refund.expected_at,
        "completed_at": refund.completed_at,
    }


def to_order(row: OrderRow) -> Order:
    """Return the order an `orders` row holds, with its loaded items, shipment and refund."""
    return Order(
        order_no=row.order_no,
        customer_id=row.customer_id,
        orderer_name=row.orderer_name,
        orderer_phone=row.orderer_phone,
        status=OrderStatus(row.status),
        ordered_at=row.ordered_at,
        payment_method=row.payment_method,
        total=row.total,
        items=tuple(
            OrderItem(i.product_id, i.name, i.option, i.quantity, i.unit_price) for i in row.items
        ),
        address=row.address,
        shipment=None if row.shipment is None else _to_shipment(row.shipment),
        delivered_at=row.delivered_at,
        refund=None if row.refund is None else _to_refund(row.refund),
    )


def _to_shipment(row: ShipmentRow) -> Shipment:
    return Shipment(
        courier=row.courier,
        tracking_no=row.tracking_no,
        shipped_at=row.shipped_at,
        expected_at=row.expected_at,
        events=tuple(TrackingEvent(e.at, e.location, e.description) for e in row.events),
    )


def _to_refund(row: RefundRow) -> Refund:
    return Refund(
        amount=row.amount,
        method=row.method,
        status=RefundStatus(row.status),
        requested_at=row.requested_at,
        expected_at=row.expected_at,
        completed_at=row.completed_at,
    )


def wallet_values(customer_id: str, wallet: Wallet) -> Values:
    """Return the `wallets` row of a customer's points."""
    return {
        "customer_id": customer_id,
        "points": wallet.points,
        "points_expiring": wallet.points_expiring,
        "points_expiring_at": wallet.points_expiring_at,
    }


def coupon_values(customer_id: str, wallet: Wallet) -> list[Values]:
    """Return the `coupons` rows of a customer's wallet."""
    return [
        {
            "customer_id": customer_id,
            "name": c.name,
            "discount": c.discount,
            "expires_at": c.expires_at,
            "min_spend": c.min_spend,
        }
        for c in wallet.coupons
    ]


def to_wallet(row: WalletRow | None, coupons: list[CouponRow]) -> Wallet:
    """Return a wallet from its row (None: no points yet) and its coupon rows."""
    return Wallet(
        points=0 if row is None else row.points,
        points_expiring=0 if row is None else row.points_expiring,
        points_expiring_at=None if row is None else row.points_expiring_at,
        coupons=tuple(Coupon(c.name, c.discount, c.expires_at, c.min_spend) for c in coupons),
    )


def request_values(request: ServiceRequest, status: str) -> Values:
    """Return the `service_requests` row of a request filed with `status`."""
    return {
        "request_no": request.request_no,
        "kind": request.kind.value,
        "order_no": request.order_no,
        "customer_id": request.customer_id,
        "reason": request.reason,
        "details": dict(request.details),
        "photos": list(request.photos),
        "status": status,
    }
