"""`dangol demo seed` and `dangol demo list`: the embedded demo shop from the command line."""

import argparse
import asyncio
import json
import logging
import sys
import time
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import delete

from adapters.demo.generator import generate_shop
from adapters.demo.listing import ListedCustomer, list_customers
from adapters.sql import import_shop, make_engine, make_sessions, migrate, shop_is_empty
from adapters.sql.tables import Base
from bots.settings import Settings

log = logging.getLogger(__name__)


async def seed_if_empty(url: str, now: datetime) -> bool:
    """Bring the schema up to date and import the demo shop when the database has none.

    Return True when the shop was imported, False when one was already there.
    """
    return await _seed(url, now, force=False)


async def _seed(url: str, now: datetime, *, force: bool) -> bool:
    await migrate(url)
    engine = make_engine(url)
    sessions = make_sessions(engine)
    try:
        if force:
            async with sessions.begin() as session:
                for table in reversed(Base.metadata.sorted_tables):
                    await session.execute(delete(table))
        elif not await shop_is_empty(sessions):
            return False
        shop = generate_shop(now=now)
        await import_shop(sessions, shop)
    finally:
        await engine.dispose()
    log.info(
        "demo shop seeded: %d customers, %d products, %d orders",
        len(shop.customers),
        len(shop.products),
        len(shop.orders),
    )
    return True


async def _list(url: str, now: datetime, limit: int | None) -> list[ListedCustomer]:
    await seed_if_empty(url, now)
    engine = make_engine(url)
    try:
        return await list_customers(make_sessions(engine), limit)
    finally:
        await engine.dispose()


def _now(settings: Settings) -> datetime:
    return datetime.now(ZoneInfo(settings.tz_shop))


def _run_seed(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    started = time.perf_counter()
    seeded = asyncio.run(_seed(settings.database_url, _now(settings), force=args.force))
    if seeded:
        elapsed = time.perf_counter() - started
        sys.stdout.write(f"Seeded the demo shop into {settings.database_url} ({elapsed:.1f} s).\n")
    else:
        sys.stdout.write("The demo shop is already there; `demo seed --force` reseeds it.\n")
    return 0


def _run_list(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    customers = asyncio.run(_list(settings.database_url, _now(settings), args.limit))
    if args.json:
        sys.stdout.write(json.dumps(customers, ensure_ascii=False, indent=2) + "\n")
        return 0
    for customer in customers:
        sys.stdout.write(
            f"{customer['name']}  {customer['phone']}  ({len(customer['orders'])} orders)\n"
        )
        for order in customer["orders"]:
            items = ", ".join(order["items"])
            sys.stdout.write(f"    {order['order_no']}  [{order['status']}]  {items}\n")
    return 0


def register(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Add `demo seed` and `demo list` to the `dangol` command."""
    demo = subparsers.add_parser("demo", help="the embedded demo shop")
    commands = demo.add_subparsers(dest="demo_command", required=True)
    seed = commands.add_parser("seed", help="fill an empty database with the demo shop")
    seed.add_argument(
        "--force", action="store_true", help="erase every row of the database and seed again"
    )
    seed.set_defaults(run=_run_seed)
    listing = commands.add_parser(
        "list", help="demo customers with their orders (seeds the shop first when empty)"
    )
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.add_argument("--limit", type=int, default=None, metavar="N", help="first N customers")
    listing.set_defaults(run=_run_list)
