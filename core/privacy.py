"""Masking personal data before text leaves the shop (for a language model, for example)."""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from core.customers import Customer, mask_address, mask_name, mask_phone
from core.ports import OrderBackend
from core.state import DialogState

ORDER_NO = re.compile(r"(?<!\d)(20\d{6})-?(\d{7})(?!\d)")
"""An order number as shoppers write it, with or without the dash."""
HIDDEN_ORDER = "********-*******"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_CARD = re.compile(r"(?<![\d-])\d{4}[ -]?\d{4,6}[ -]?\d{4,5}(?:[ -]?\d{1,4})?(?![\d-])")
_CARD_DIGITS = (13, 19)
_PHONE = re.compile(r"(?<!\d)0\d{1,2}[-\s.]?\d{3,4}[-\s.]?\d{4}(?!\d)")
_REGION = (
    "서울|부산|대구|인천|광주|대전|울산|세종|경기|강원"
    "|충북|충남|충청|전북|전남|전라|경북|경남|경상|제주"
)
_ADDRESS = re.compile(
    rf"(?:{_REGION})\S*(?:\s+\S*(?:시|군|구|읍|면|동|리|로|길|가|번지|층|호|\d))+"
)
_LOOKUP_LIMIT = 10


@dataclass(frozen=True, slots=True)
class Redactor:
    """Masks phones, emails, card numbers, addresses, known names and unproven order numbers.

    `proven_orders` are the order numbers this conversation proved; they stay readable.
    `people` are names, phones and addresses known to belong to someone (masked wherever they
    occur, even written in a way the patterns miss).
    """

    proven_orders: frozenset[str] = frozenset()
    people: tuple[str, ...] = ()

    def __call__(self, text: str) -> str:
        """Return `text` with its personal data masked."""
        for value in sorted(self.people, key=len, reverse=True):
            text = text.replace(value, _mask_known(value))
        text = ORDER_NO.sub(self._order, text)
        text = _EMAIL.sub(_email, text)
        text = _CARD.sub(_card, text)
        text = _PHONE.sub(lambda m: mask_phone(m[0]), text)
        return _ADDRESS.sub(_address, text)

    def leaks(self, text: str) -> bool:
        """Return True when `text` holds personal data or an order number not proven here."""
        return self(text) != text

    def _order(self, match: re.Match[str]) -> str:
        proven = f"{match[1]}-{match[2]}" in self.proven_orders
        return match[0] if proven else HIDDEN_ORDER


async def redactor_for(
    orders: OrderBackend,
    state: DialogState,
    customer: Customer | None,
    texts: Iterable[str],
) -> Redactor:
    """Return the redactor of one conversation.

    Its proven orders stay readable; the customer's name and phone, and the orderer's name,
    phone and address of every order the texts mention, are masked wherever they occur.
    """
    people: list[str] = [customer.name, customer.phone] if customer else []
    mentioned = dict.fromkeys(f"{m[1]}-{m[2]}" for text in texts for m in ORDER_NO.finditer(text))
    for order_no in list(mentioned)[:_LOOKUP_LIMIT]:
        order = await orders.get_order(order_no)
        if order is not None:
            people += [order.orderer_name, order.orderer_phone, order.address]
    known = tuple(dict.fromkeys(value for value in people if len(value) >= 2))
    return Redactor(frozenset(state.verified_orders), known)


def _mask_known(value: str) -> str:
    if _PHONE.fullmatch(value):
        return mask_phone(value)
    if len(value.split()) > 2:
        return mask_address(value)
    return mask_name(value)


def _email(match: re.Match[str]) -> str:
    local, _, domain = match[0].partition("@")
    return f"{local[0]}***@{domain}"


def _card(match: re.Match[str]) -> str:
    digits = "".join(ch for ch in match[0] if ch.isdigit())
    if ORDER_NO.fullmatch(match[0]) or not _CARD_DIGITS[0] <= len(digits) <= _CARD_DIGITS[1]:
        return match[0]
    return f"****-****-****-{digits[-4:]}"


def _address(match: re.Match[str]) -> str:
    span = match[0]
    return mask_address(span) if any(ch.isdigit() for ch in span) else span
