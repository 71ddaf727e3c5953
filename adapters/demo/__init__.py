"""The embedded demo shop: a deterministic Korean fashion mall to try the bot on."""

from collections.abc import Mapping
from dataclasses import dataclass

from core.customers import Customer
from core.orders import Order, Product, Wallet


@dataclass(frozen=True, slots=True)
class DemoShop:
    """A whole shop's data, ready to be written to the database."""

    customers: tuple[Customer, ...]
    products: tuple[Product, ...]
    orders: tuple[Order, ...]
    wallets: Mapping[str, Wallet]
