"""Customers, their identities on each channel and their segment."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Segment(StrEnum):
    """Marketing and service segment of a customer."""

    NEW = "new"
    REGULAR = "regular"
    VIP = "vip"
    AT_RISK = "at_risk"


@dataclass(frozen=True, slots=True)
class Customer:
    """A shopper known to the shop."""

    customer_id: str
    name: str
    phone: str
    segment: Segment
    marketing_consent: bool
    joined_at: datetime
    grade: str = ""


def mask_phone(phone: str) -> str:
    """Return a phone number with its middle digits hidden: 010-****-5678."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if len(digits) < 8:
        return "****"
    return f"{digits[:3]}-****-{digits[-4:]}"


def mask_address(address: str) -> str:
    """Return an address cut to its first two words: 서울시 강남구 ****."""
    words = address.split()
    return " ".join([*words[:2], "****"]) if len(words) > 2 else "****"


def mask_name(name: str) -> str:
    """Return a name with its middle hidden: 김*수."""
    if len(name) <= 1:
        return "*"
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]
