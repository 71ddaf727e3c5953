"""`dangol customers link-status|unlink`: look at and undo the link of a channel identity."""

import argparse
import asyncio
import json

from adapters.sql import SqlCustomerDirectory, make_engine, make_sessions
from bots.settings import Settings
from core.customers import mask_phone
from core.models import Channel, ConversationKey


def register(subparsers: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Add the `customers` command."""
    customers = subparsers.add_parser("customers", help="channel identities of customers")
    commands = customers.add_subparsers(dest="customers_command", required=True)
    for name, run, text in (
        ("show", _run_show, "which customer a channel identity is linked to"),
        ("unlink", _run_unlink, "unlink a channel identity; its orders must be proven again"),
    ):
        command = commands.add_parser(name, help=text)
        command.add_argument("channel", choices=[c.value for c in Channel])
        command.add_argument("user_id", help="the identity's id on that channel")
        command.set_defaults(run=run)


def _key(args: argparse.Namespace) -> ConversationKey:
    return ConversationKey(Channel(args.channel), args.user_id)


async def _show(key: ConversationKey) -> dict[str, object]:
    engine = make_engine(Settings.from_env().database_url)
    try:
        customer = await SqlCustomerDirectory(make_sessions(engine)).by_identity(key)
    finally:
        await engine.dispose()
    linked = None
    if customer is not None:
        linked = {"customer_id": customer.customer_id, "phone": mask_phone(customer.phone)}
    return {"channel": key.channel.value, "user_id": key.user_id, "customer": linked}


async def _unlink(key: ConversationKey) -> None:
    engine = make_engine(Settings.from_env().database_url)
    try:
        await SqlCustomerDirectory(make_sessions(engine)).unlink(key)
    finally:
        await engine.dispose()


def _run_show(args: argparse.Namespace) -> int:
    print(json.dumps(asyncio.run(_show(_key(args))), ensure_ascii=False))  # noqa: T201
    return 0


def _run_unlink(args: argparse.Namespace) -> int:
    key = _key(args)
    asyncio.run(_unlink(key))
    print(json.dumps(asyncio.run(_show(key)), ensure_ascii=False))  # noqa: T201
    return 0
