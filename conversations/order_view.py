"""How orders read to a shopper: status, items, parcel, next step, refund timing."""

import re
import zlib
from collections.abc import Sequence
from datetime import datetime, timedelta

from conversations.speech import Speech, compact
from core.customers import mask_address, mask_phone
from core.intents import Intent
from core.models import QuickReply
from core.orders import Order, OrderItem, OrderStatus

RETURN_DAYS = 7
"""Days from receipt a shopper may return or exchange (전자상거래법 제17조)."""
_PICK_NAME_CHARS = 8
_PAY_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("easy", ("pay", "페이", "간편")),
    ("bank", ("계좌", "무통장", "이체", "bank", "transfer", "deposit")),
    ("phone", ("휴대폰", "phone", "mobile")),
    ("card", ("카드", "card")),
)


def status_name(speech: Speech, status: OrderStatus) -> str:
    """Return the status as the shopper reads it."""
    return speech(f"status.{status.name.lower()}")


def item_text(speech: Speech, item: OrderItem) -> str:
    """Return one order line: 울 니트(블랙/M) 1개."""
    return speech("order.item", name=item.name, option=item.option, quantity=item.quantity)


def items_text(speech: Speech, order: Order) -> str:
    """Return every line of the order."""
    return ", ".join(item_text(speech, item) for item in order.items)


def summary(speech: Speech, order: Order, now: datetime) -> str:
    """Return the order's number, date, status, items, total and masked contact."""
    return speech(
        "order.summary",
        order_no=order.order_no,
        date=speech.day(order.ordered_at, now),
        status=status_name(speech, order.status),
        items=items_text(speech, order),
        total=speech.won(order.total),
        phone=mask_phone(order.orderer_phone),
        address=mask_address(order.address),
    )


def parcel(speech: Speech, order: Order, now: datetime, *, expected: bool = True) -> str:
    """Return courier, tracking number, last scan and expected arrival of a shipped order."""
    shipment = order.shipment
    if shipment is None:
        return ""
    lines = [speech("parcel.courier", courier=shipment.courier, tracking_no=shipment.tracking_no)]
    last = shipment.last_event
    if last is not None:
        lines.append(
            speech(
                "parcel.last_event",
                at=speech.moment(last.at, now),
                location=last.location,
                description=last.description,
            )
        )
    shipping = order.status is OrderStatus.SHIPPING
    if expected and shipping and shipment.expected_at is not None:
        lines.append(speech("parcel.expected", day=speech.day(shipment.expected_at, now)))
    return "\n".join(lines)


def next_step(speech: Speech, order: Order, now: datetime) -> str:
    """Return what happens next with the order and when."""
    if order.status is OrderStatus.DELIVERED and order.delivered_at is not None:
        deadline = order.delivered_at + timedelta(days=RETURN_DAYS)
        return speech("next.delivered", day=speech.day(deadline, now))
    return speech(f"next.{order.status.name.lower()}")


def pay_kind(method: str) -> str:
    """Return the payment family of a method name: card, bank, easy, phone or other."""
    folded = method.lower()
    for kind, words in _PAY_KINDS:
        if any(word in folded for word in words):
            return kind
    return "other"


def refund_timing(speech: Speech, method: str) -> str:
    """Return how long a refund takes to reach the shopper for a payment method."""
    return speech(f"refund.timing.{pay_kind(method)}", method=method)


def request_no(prefix: str, order_no: str, *details: str) -> str:
    """Return a deterministic request number: C-20261103-0004521-0427."""
    suffix = zlib.crc32("|".join((prefix, order_no, *details)).encode()) % 10_000
    return f"{prefix}-{order_no}-{suffix:04d}"


def pick_reply(speech: Speech, order: Order, now: datetime) -> QuickReply:
    """Return a quick reply choosing `order`: 11/03 울 니트."""
    local = order.ordered_at.astimezone(now.tzinfo)
    name = order.items[0].name if order.items else order.order_no
    if len(name) > _PICK_NAME_CHARS:
        name = name[: _PICK_NAME_CHARS - 1] + "…"
    label = speech("qr.order_pick", date=f"{local:%m/%d}", item=name)
    return QuickReply(label, f"order:{order.order_no}")


def follow_ups(speech: Speech, order: Order) -> list[QuickReply]:
    """Return the quick replies for what a shopper may do next with `order`."""
    intents: list[Intent] = []
    if order.status.before_shipping:
        intents += [Intent.CANCEL_ORDER, Intent.CHANGE_ORDER]
    elif order.status is OrderStatus.SHIPPING:
        intents.append(Intent.DELIVERY_DELAY)
    elif order.status in (OrderStatus.DELIVERED, OrderStatus.CONFIRMED):
        intents += [Intent.RETURN_REQUEST, Intent.EXCHANGE_REQUEST]
    if order.refund is not None:
        intents.append(Intent.REFUND_STATUS)
    return [speech.start(intent) for intent in (*intents, Intent.HUMAN_AGENT)]


def _parts(option: str) -> set[str]:
    return {part.strip().lower() for part in option.split("/") if part.strip()}


def named_options(
    stock: Sequence[tuple[str, int]], text: str, hints: Sequence[str | None], current: str = ""
) -> list[tuple[str, int]]:
    """Return the catalog options (with units left) a typed answer names, best first.

    "아이보리 M으로 바꿔주세요" names 아이보리/M; "L로요" names every L option, and when one of
    them keeps the other part of `current` (블랙/M → 블랙/L) that one alone. `hints` are the
    colour and size the understanding layer found ("ivory" → 아이보리).
    """
    folded, lowered = compact(text), text.lower()
    hinted = {hint.lower() for hint in hints if hint}

    def named(part: str) -> bool:
        if part in hinted:
            return True
        if part.isascii():
            return re.search(rf"(?<![0-9a-z]){re.escape(part)}(?![0-9a-z])", lowered) is not None
        return part in folded

    scored = [(sum(named(part) for part in _parts(opt)), opt, units) for opt, units in stock]
    best = max((score for score, _, _ in scored), default=0)
    found = [(opt, units) for score, opt, units in scored if best and score == best]
    if len(found) > 1 and current:
        kept = [(opt, units) for opt, units in found if _parts(opt) & _parts(current)]
        if len(kept) == 1:
            return kept
    return found
