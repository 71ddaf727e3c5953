"""The conversations: one flow per intent family, and their copy per locale."""

import tomllib
from collections.abc import Mapping
from importlib.resources import files
from typing import Any

from conversations.cancel import CancelFlow
from conversations.change import ChangeFlow
from conversations.complaint import ComplaintFlow
from conversations.coupons import CouponsFlow
from conversations.delivery import DeliveryFlow
from conversations.fallback import FallbackFlow
from conversations.faq import FaqIndex
from conversations.handoff import HandoffFlow
from conversations.membership import MembershipFlow
from conversations.opt_out import OptOutFlow
from conversations.order_status import OrderStatusFlow
from conversations.payment import PaymentFlow
from conversations.product import ProductFlow
from conversations.refund import RefundFlow
from conversations.returns import ReturnsFlow
from conversations.smalltalk import SmallTalkFlow
from core.flows import Flow, FlowRouter
from core.phrases import Phrasebook

LOCALES = ("ko", "en")

__all__ = ["LOCALES", "build_router", "load_phrasebook"]


def build_router(*, low_confidence: float, switch_confidence: float = 0.6) -> FlowRouter:
    """Return the router over every flow, with the FAQ-backed fallback."""
    faq = FaqIndex.load()
    order_status = OrderStatusFlow()
    flows: list[Flow] = [
        SmallTalkFlow(),
        order_status,
        DeliveryFlow(),
        CancelFlow(),
        ChangeFlow(),
        ReturnsFlow(),
        RefundFlow(),
        PaymentFlow(),
        ProductFlow(faq),
        CouponsFlow(),
        MembershipFlow(),
        ComplaintFlow(),
        HandoffFlow(),
        OptOutFlow(),
    ]
    return FlowRouter(
        flows=flows,
        fallback=FallbackFlow(faq, order_status),
        low_confidence=low_confidence,
        switch_confidence=switch_confidence,
    )


def load_phrasebook() -> Phrasebook:
    """Return every reply template and FAQ answer of every locale."""
    content = files("conversations") / "content"
    copy: dict[str, dict[str, list[str]]] = {}
    for locale in LOCALES:
        folder = content / locale
        replies = tomllib.loads((folder / "replies.toml").read_text(encoding="utf-8"))
        faq = tomllib.loads((folder / "faq.toml").read_text(encoding="utf-8"))
        phrases = dict(_flatten(replies))
        phrases.update((f"faq.{faq_id}", _variants(e["answer"])) for faq_id, e in faq.items())
        copy[locale] = phrases
    return Phrasebook(copy)


def _flatten(table: Mapping[str, Any], prefix: str = "") -> list[tuple[str, list[str]]]:
    out: list[tuple[str, list[str]]] = []
    for key, value in table.items():
        if isinstance(value, Mapping):
            out.extend(_flatten(value, f"{prefix}{key}."))
        else:
            out.append((f"{prefix}{key}", _variants(value)))
    return out


def _variants(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list(value)
    raise ValueError(f"copy must be text or a list of texts: {value!r}")
